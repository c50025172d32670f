/** /notifications: unread first, each linking to its object; "Mark all read"; preferences per kind. */
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/client';
import { useMe } from '../../app/auth';
import { formatDateTime, localeFor } from '../../app/format';
import { objectPath, unreadFirst, type Notification } from './links';
import { PreferencesForm } from './PreferencesForm';

function Item({ row, onRead }: { row: Notification; onRead: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const zone = useMe()?.profile.timezone ?? 'UTC';
  const titleId = useId();
  return (
    <Card component="li" withBorder padding="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap={6}>
            {!row.is_read && <Badge variant="filled">{t('Unread')}</Badge>}
            <Anchor
              component={Link}
              id={titleId}
              to={objectPath(row.object_type, row.object_id)}
              fw={row.is_read ? 400 : 700}
              onClick={() => !row.is_read && onRead(row.notification_id)}
            >
              {row.title}
            </Anchor>
          </Group>
          {row.body && <Text size="sm">{row.body}</Text>}
          <Text size="sm" c="dimmed">
            {formatDateTime(row.created_at, localeFor(i18n.language), zone)}
          </Text>
        </Stack>
        {!row.is_read && (
          <Button
            variant="subtle"
            onClick={() => onRead(row.notification_id)}
            aria-describedby={titleId}
          >
            {t('Mark read')}
          </Button>
        )}
      </Group>
    </Card>
  );
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries();
  const list = $api.useQuery('get', '/api/integrations/notifications/', {
    params: { query: { page_size: 100 } as never },
  });
  const read = $api.useMutation('post', '/api/integrations/notifications/{notification_id}/read/', {
    onSuccess: refresh,
  });
  const readAll = $api.useMutation('post', '/api/integrations/notifications/read_all/', {
    onSuccess: refresh,
  });
  const rows = unreadFirst(list.data?.results ?? []);
  return (
    <Stack maw={800}>
      <Group justify="space-between">
        <Title order={1}>{t('Notifications')}</Title>
        <Button
          variant="default"
          onClick={() => readAll.mutate({})}
          loading={readAll.isPending}
          disabled={!rows.some((row) => !row.is_read)}
        >
          {t('Mark all read')}
        </Button>
      </Group>
      {list.data && rows.length === 0 && <Text c="dimmed">{t('Nothing new.')}</Text>}
      <Stack
        component="ul"
        gap="xs"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('Notifications')}
      >
        {rows.map((row) => (
          <Item
            key={row.notification_id}
            row={row}
            onRead={(id) => read.mutate({ params: { path: { notification_id: String(id) } } })}
          />
        ))}
      </Stack>
      <PreferencesForm />
    </Stack>
  );
}
