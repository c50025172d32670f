/** /reset-password?uid=&token=: the emailed link; choose a new password. */
import { Alert, Anchor, Button, PasswordInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { AuthForm } from './AuthForm';
import { AuthLayout } from './AuthLayout';
import { useServerForm } from './useServerForm';

export default function ResetConfirmPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [done, setDone] = useState(false);
  const form = useForm<{ new_password: string }>({ defaultValues: { new_password: '' } });
  const { run, formError } = useServerForm(form);
  const uid = params.get('uid') ?? '';
  const token = params.get('token') ?? '';
  const onSubmit = run(async ({ new_password }) => {
    unwrap(
      await api.POST('/api/users/password-reset/confirm/', { body: { uid, token, new_password } }),
    );
    setDone(true);
  });
  if (!uid || !token) {
    return (
      <AuthLayout title={t('Choose a new password')}>
        <Alert color="red">{t('This link is incomplete. Ask for a new one.')}</Alert>
        <Anchor component={Link} to="/reset-password/new">
          {t('Reset your password')}
        </Anchor>
      </AuthLayout>
    );
  }
  return (
    <AuthForm title={t('Choose a new password')} onSubmit={onSubmit} error={formError}>
      <div role="status">
        {done && <Alert color="green">{t('Your new password is set. Log in with it.')}</Alert>}
      </div>
      {!done && (
        <>
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': t('Show or hide the password') }}
            label={t('New password')}
            autoComplete="new-password"
            required
            error={form.formState.errors.new_password?.message}
            {...form.register('new_password', { required: t('Choose a password.') })}
          />
          <Button type="submit" loading={form.formState.isSubmitting}>
            {t('Set the new password')}
          </Button>
        </>
      )}
      <Anchor component={Link} to="/login">
        {t('Back to log in')}
      </Anchor>
    </AuthForm>
  );
}
