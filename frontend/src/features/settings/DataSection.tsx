/** "Export my data" (one JSON file) and "Delete my account" (with the password; says what goes). */
import { Alert, Button, Group, List, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useServerForm } from '../auth/useServerForm';
import { Section } from './Section';

async function download(): Promise<void> {
  const result = await api.GET('/api/integrations/export/', { parseAs: 'blob' });
  if (!result.response.ok) throw new ApiError(result.response.status, result.error);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(result.data as Blob);
  link.download = `mysphere-export-${new Date().toISOString().slice(0, 10)}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function DeleteAccount({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const form = useForm<{ password: string }>({ defaultValues: { password: '' } });
  const { run, formError } = useServerForm(form);
  const onSubmit = run(async ({ password }) => {
    const result = await api.DELETE('/api/users/me/', {
      params: { query: { erase: true } },
      body: { password } as never,
    });
    if (!result.response.ok) unwrap(result);
    await logout();
    void navigate('/login', { replace: true });
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('Delete my account')}
      closeButtonProps={{ 'aria-label': t('Close') }}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Text>{t('This erases, for good and at once:')}</Text>
          <List size="sm">
            <List.Item>{t('your account, profile and sessions;')}</List.Item>
            <List.Item>{t('every expense, budget, subscription, task, list and loan;')}</List.Item>
            <List.Item>
              {t('your notifications, webhooks, calendar link, imports and assistant history.')}
            </List.Item>
          </List>
          <Text size="sm">
            {t(
              'Lists you own go for the people you shared them with too. Export your data first: nothing can be recovered.',
            )}
          </Text>
          <PasswordInput
            label={t('Password')}
            autoComplete="current-password"
            data-autofocus
            visibilityToggleButtonProps={{ 'aria-label': t('Show or hide the password') }}
            error={form.formState.errors.password?.message ?? formError}
            {...form.register('password', { required: t('Enter your password to confirm.') })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('Cancel')}
            </Button>
            <Button type="submit" color="red" loading={form.formState.isSubmitting}>
              {t('Delete my account for good')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function DataSection() {
  const { t } = useTranslation();
  const [opened, dialog] = useDisclosure(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const exportData = async () => {
    setBusy(true);
    setError('');
    await download()
      .catch((failure: unknown) =>
        setError(failure instanceof Error ? failure.message : String(failure)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <Section title={t('Your data')}>
      <Stack>
        <Text size="sm">{t('Everything MY SPHERE keeps about you, as one JSON file.')}</Text>
        {error && <Alert color="red">{error}</Alert>}
        <Group>
          <Button onClick={() => void exportData()} loading={busy}>
            {t('Export my data')}
          </Button>
          <Button color="red" variant="outline" onClick={dialog.open}>
            {t('Delete my account')}
          </Button>
        </Group>
      </Stack>
      <DeleteAccount opened={opened} onClose={dialog.close} />
    </Section>
  );
}
