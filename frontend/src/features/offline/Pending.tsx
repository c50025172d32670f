/** The writes of one screen waiting on this device: "Waiting to sync", or why they were refused. */
import { Badge, Button, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Kind } from './store';
import { queue, usePending } from './sync';

export function Pending({ kind, scope }: { kind: Kind; scope: string }) {
  const { t } = useTranslation();
  const rows = usePending(kind, scope);
  if (rows.length === 0) return null;
  return (
    <List listStyleType="none" aria-label={t('Saved on this device')} spacing={4}>
      {rows.map((row) => (
        <List.Item key={row.id}>
          <Group gap="xs" wrap="wrap">
            <Text>{row.label}</Text>
            {row.state === 'waiting' ? (
              <Badge variant="outline" color="gray">
                {t('Waiting to sync')}
              </Badge>
            ) : (
              <>
                <Badge color="red">{t('Not saved')}</Badge>
                <Text size="sm">{row.error}</Text>
                <Button
                  size="compact-md"
                  variant="subtle"
                  onClick={() => void queue.dismiss(row.id)}
                >
                  {t('Dismiss')}
                </Button>
              </>
            )}
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
