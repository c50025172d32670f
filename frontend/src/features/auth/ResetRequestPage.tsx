/** /reset-password/new: ask for a reset link by email. */
import { Alert, Anchor, Button, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { AuthForm } from './AuthForm';
import { useServerForm } from './useServerForm';

export default function ResetRequestPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const form = useForm<{ email: string }>({ defaultValues: { email: '' } });
  const { run, formError } = useServerForm(form);
  const onSubmit = run(async ({ email }) => {
    unwrap(await api.POST('/api/users/password-reset/', { body: { email } }));
    setSent(true);
  });
  return (
    <AuthForm title={t('Reset your password')} onSubmit={onSubmit} error={formError}>
      <div role="status">
        {sent && (
          <Alert color="green">
            {t('If an account uses that email, a link to reset its password is on its way.')}
          </Alert>
        )}
      </div>
      <TextInput
        label={t('Email')}
        type="email"
        autoComplete="email"
        required
        error={form.formState.errors.email?.message}
        {...form.register('email', { required: t('Enter your email.') })}
      />
      <Button type="submit" loading={form.formState.isSubmitting}>
        {t('Send the link')}
      </Button>
      <Anchor component={Link} to="/login" size="sm">
        {t('Back to log in')}
      </Anchor>
    </AuthForm>
  );
}
