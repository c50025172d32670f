/** Button "Notifications" with the unread count; opens the latest (unread first, each linking to its object) with "Mark all read" and a link to the centre. */
import { ActionIcon, Anchor, Button, Indicator, Popover, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { $api } from '../api/client';
import { formatDateTime, localeFor } from './format';
import { useAuth, useMe } from './auth';
import { objectPath, unreadFirst } from '../features/notifications/links';

/** The unread count; Home's dashboard carries it already, so there it costs no request. */
function useUnread(signedIn: boolean) {
  const onHome = useLocation().pathname === '/';
  const unread = $api.useQuery('get', '/api/integrations/notifications/unread_count/', undefined, {
    enabled: signedIn && !onHome,
    staleTime: 60_000,
  });
  return unread.data?.unread ?? 0;
}

function LatestList({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const latest = $api.useQuery('get', '/api/integrations/notifications/', {
    params: { query: { page_size: 10 } as never },
  });
  const readAll = $api.useMutation('post', '/api/integrations/notifications/read_all/', {
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  const rows = unreadFirst(latest.data?.results ?? []);
  const locale = localeFor(i18n.language);
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('Notifications')}
      </Title>
      {rows.length === 0 && (
        <Text c="dimmed">{latest.isPending ? t('Loading…') : t('Nothing new.')}</Text>
      )}
      {rows.map((n) => (
        <div key={n.notification_id}>
          <Anchor
            component={Link}
            to={objectPath(n.object_type, n.object_id)}
            fw={n.is_read ? 400 : 700}
            onClick={onDone}
          >
            {n.title}
          </Anchor>
          <Text size="sm" c="dimmed">
            {formatDateTime(n.created_at, locale, me?.profile.timezone ?? 'UTC')}
          </Text>
        </div>
      ))}
      <Button
        variant="light"
        onClick={() => readAll.mutate({}, { onSuccess: onDone })}
        loading={readAll.isPending}
      >
        {t('Mark all read')}
      </Button>
      <Anchor component={Link} to="/notifications" onClick={onDone}>
        {t('All notifications and preferences')}
      </Anchor>
    </Stack>
  );
}

export function NotificationsButton() {
  const { t } = useTranslation();
  const { status } = useAuth();
  const unread = useUnread(status === 'signedIn');
  const [opened, popover] = useDisclosure(false);
  // Closed on every change of page (a link inside it, or anywhere else).
  const { pathname } = useLocation();
  const [shownOn, setShownOn] = useState(pathname);
  if (shownOn !== pathname) {
    setShownOn(pathname);
    popover.close();
  }
  return (
    <Popover
      position="bottom-end"
      width={320}
      trapFocus
      shadow="md"
      opened={opened}
      onDismiss={popover.close}
    >
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          size={44}
          onClick={popover.toggle}
          aria-label={
            unread ? t('Notifications, {{count}} unread', { count: unread }) : t('Notifications')
          }
        >
          <Indicator label={unread} disabled={!unread} size={18} offset={2}>
            <IconBell size={24} aria-hidden />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <LatestList onDone={popover.close} />
      </Popover.Dropdown>
    </Popover>
  );
}
