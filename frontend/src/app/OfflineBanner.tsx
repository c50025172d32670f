/** "Offline": shown while the device has no connection or the session could not be reached. */
import { Alert } from '@mantine/core';
import { useNetwork } from '@mantine/hooks';
import { IconWifiOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth';

export function OfflineBanner() {
  const { t } = useTranslation();
  const { online } = useNetwork();
  const { status } = useAuth();
  if (online && status !== 'offline') return null;
  return (
    <Alert
      role="status"
      color="yellow"
      icon={<IconWifiOff aria-hidden />}
      title={t('Offline')}
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      mb="md"
    >
      {t('You are offline. This is the last data this device saw.')}
    </Alert>
  );
}
