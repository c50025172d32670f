/** A new deployment is ready: offer "Reload to update" (the service worker waits until then). */
import { Button, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';

export function UpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <Paper
      role="status"
      shadow="md"
      p="md"
      withBorder
      pos="fixed"
      bottom={16}
      right={16}
      style={{ zIndex: 300 }}
    >
      <Group>
        <Text>{t('A new version of MY SPHERE is ready.')}</Text>
        <Button onClick={() => void updateServiceWorker(true)}>{t('Reload to update')}</Button>
      </Group>
    </Paper>
  );
}
