/** /register: a new account, signed in at once. */
import { Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { AuthForm } from './AuthForm';
import { useServerForm } from './useServerForm';

interface Values {
  username: string;
  email: string;
  password: string;
}

export default function RegisterPage() {
  const { t } = useTranslation();
  const { register: createAccount } = useAuth();
  const navigate = useNavigate();
  const form = useForm<Values>({ defaultValues: { username: '', email: '', password: '' } });
  const { run, formError } = useServerForm(form);
  const { errors, isSubmitting } = form.formState;
  const onSubmit = run(async (values) => {
    await createAccount(values);
    navigate('/', { replace: true });
  });
  return (
    <AuthForm title={t('Create an account')} onSubmit={onSubmit} error={formError}>
      <TextInput
        label={t('Username')}
        autoComplete="username"
        required
        error={errors.username?.message}
        {...form.register('username', { required: t('Choose a username.') })}
      />
      <TextInput
        label={t('Email')}
        type="email"
        autoComplete="email"
        required
        error={errors.email?.message}
        {...form.register('email', { required: t('Enter your email.') })}
      />
      <PasswordInput
        visibilityToggleButtonProps={{ 'aria-label': t('Show or hide the password') }}
        label={t('Password')}
        autoComplete="new-password"
        required
        description={t('At least 8 characters, not only digits, not a common password.')}
        error={errors.password?.message}
        {...form.register('password', { required: t('Choose a password.') })}
      />
      <Button type="submit" loading={isSubmitting}>
        {t('Create account')}
      </Button>
      <Text size="sm">
        {t('Already have an account?')}{' '}
        <Anchor component={Link} to="/login">
          {t('Log in')}
        </Anchor>
      </Text>
    </AuthForm>
  );
}
