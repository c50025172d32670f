/** /login: username or email, and the password. */
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { AuthLayout } from './AuthLayout';
import { useServerForm } from './useServerForm';

interface Values {
  login: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const form = useForm<Values>({ defaultValues: { login: '', password: '' } });
  const { run, formError } = useServerForm(form, { username: 'login', email: 'login' });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = run(async (values) => {
    await login(values);
    navigate(from, { replace: true });
  });
  return (
    <AuthLayout title={t('Log in')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput
            label={t('Username or email')}
            autoComplete="username"
            required
            error={errors.login?.message}
            {...form.register('login', { required: t('Enter your username or email.') })}
          />
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': t('Show or hide the password') }}
            label={t('Password')}
            autoComplete="current-password"
            required
            error={errors.password?.message}
            {...form.register('password', { required: t('Enter your password.') })}
          />
          <Button type="submit" loading={isSubmitting}>
            {t('Log in')}
          </Button>
          <Anchor component={Link} to="/reset-password/new" size="sm">
            {t('Forgot your password?')}
          </Anchor>
          <Text size="sm">
            {t('New here?')}{' '}
            <Anchor component={Link} to="/register">
              {t('Create an account')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
