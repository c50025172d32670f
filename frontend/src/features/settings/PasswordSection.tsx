/** Password change; it ends every session (this one too), so the app signs in again. */
import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useServerForm } from '../auth/useServerForm';
import { Section } from './Section';

interface Values {
  old_password: string;
  new_password: string;
}

export function PasswordSection() {
  const { t } = useTranslation();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const form = useForm<Values>({ defaultValues: { old_password: '', new_password: '' } });
  const { run, formError } = useServerForm(form);
  const errors = form.formState.errors;
  const toggle = { 'aria-label': t('Show or hide the password') };
  const onSubmit = run(async (values) => {
    unwrap(await api.POST('/api/users/change-password/', { body: values }));
    await logout();
    void navigate('/login', { replace: true });
  });
  return (
    <Section title={t('Password')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <PasswordInput
            label={t('Current password')}
            autoComplete="current-password"
            visibilityToggleButtonProps={toggle}
            error={errors.old_password?.message ?? formError}
            {...form.register('old_password', { required: t('Enter your current password.') })}
          />
          <PasswordInput
            label={t('New password')}
            autoComplete="new-password"
            visibilityToggleButtonProps={toggle}
            error={errors.new_password?.message}
            {...form.register('new_password', { required: t('Choose a new password.') })}
          />
          <Text size="sm">
            {t('Changing it logs you out everywhere: on every device and browser.')}
          </Text>
          <Button type="submit" w="fit-content" loading={form.formState.isSubmitting}>
            {t('Change password and log out everywhere')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}
