/** /login: username or email, and the password. */
import { Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { AuthForm } from './AuthForm';
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
    <AuthForm title={t('Log in')} onSubmit={onSubmit} error={formError}>
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
    </AuthForm>
  );
}
