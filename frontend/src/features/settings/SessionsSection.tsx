/** Sessions: "Log out everywhere" ends every session of the account, this one too. */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Section } from './Section';

function ConfirmDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const confirm = async () => {
    setBusy(true);
    setError('');
    try {
      unwrap(await api.POST('/api/users/logout-everywhere/'));
      await logout();
      void navigate('/login', { replace: true });
    } catch (failure) {
      setError(
        failure instanceof ApiError ? failure.message : t('Could not reach MY SPHERE. Try again.'),
      );
      setBusy(false);
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('Log out everywhere?')}
      closeButtonProps={{ 'aria-label': t('Close') }}
    >
      <Stack>
        {error && <Alert color="red">{error}</Alert>}
        <Text>
          {t(
            'Every device and browser signed in to your account is logged out, this one included. You will sign in again here.',
          )}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('Cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()}>
            {t('Log out everywhere')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function SessionsSection() {
  const { t } = useTranslation();
  const [opened, dialog] = useDisclosure(false);
  return (
    <Section title={t('Sessions')}>
      <Stack>
        <Text size="sm">
          {t(
            'Lost a phone or signed in on a shared computer? End every session of your account at once.',
          )}
        </Text>
        <Button variant="outline" color="red" w="fit-content" onClick={dialog.open}>
          {t('Log out everywhere')}
        </Button>
      </Stack>
      <ConfirmDialog opened={opened} onClose={dialog.close} />
    </Section>
  );
}
