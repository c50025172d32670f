/** The form of a signed-out page: its heading, the server's error above the fields, the fields. */
import { Alert, Stack } from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';
import { AuthLayout } from './AuthLayout';

interface Props {
  title: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  error: string | null;
  children: ReactNode;
}

export function AuthForm({ title, onSubmit, error, children }: Props) {
  return (
    <AuthLayout title={title}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {children}
        </Stack>
      </form>
    </AuthLayout>
  );
}
