/** /subscriptions: the list (status filter, totals per month and year), a calendar, alerts and analytics. */
import { Button, Group, Paper, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router';
import { $api } from '../../api/client';
import { useMe } from '../../app/auth';
import { useFormat, useOpener } from '../expenses/shared';
import { Alerts } from './Alerts';
import { CalendarView } from './CalendarView';
import { SubscriptionFormModal } from './SubscriptionForm';
import { SubscriptionTable } from './SubscriptionTable';
import { useActions } from './useActions';

const SubscriptionAnalytics = lazy(() => import('./SubscriptionAnalytics'));
export const STATUSES = ['active', 'paused', 'cancelled', 'expired', 'all'] as const;
type Status = (typeof STATUSES)[number];

function Totals() {
  const { t, money } = useFormat();
  const data = $api.useQuery('get', '/api/subscriptions/dashboard/').data;
  const line = (label: string, rows: { currency: string; total: string }[] = []) => (
    <Group gap="sm" role="group" aria-label={label}>
      <Text fw={600}>{label}:</Text>
      {rows.map((row) => (
        <Text key={row.currency} fw={700} size="lg">
          {money(row.total, row.currency)}
        </Text>
      ))}
      {data && !rows.length && <Text>—</Text>}
    </Group>
  );
  return (
    <Group gap="xl">
      {line(t('Per month'), data?.monthly_cost)}
      {line(t('Per year'), data?.yearly_cost)}
    </Group>
  );
}

function ListView({ status, setStatus }: { status: Status; setStatus: (status: Status) => void }) {
  const { t } = useFormat();
  const actions = useActions();
  const query = status === 'all' ? { page_size: 100 } : { status, page_size: 100 };
  const list = $api.useQuery('get', '/api/subscriptions/', {
    params: { query: { ...query, ordering: 'next_billing_date' } },
  });
  return (
    <Paper withBorder p="sm">
      <Stack gap="sm">
        <SegmentedControl
          aria-label={t('Status')}
          value={status}
          onChange={(value) => setStatus(value as Status)}
          data={STATUSES.map((value) => ({ value, label: t(value === 'all' ? 'All' : value) }))}
          style={{ maxWidth: '100%', overflowX: 'auto' }}
        />
        <Text role="status" aria-live="polite">
          {actions.status}
        </Text>
        <SubscriptionTable
          rows={list.data?.results}
          onAct={(action, subscription) => void actions.act(action, subscription)}
        />
      </Stack>
    </Paper>
  );
}

export default function SubscriptionsPage() {
  const { t } = useFormat();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [adding, setAdding] = useState(false);
  const opener = useOpener();
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as Status)
    : 'active';
  const set = (next: Record<string, string>) =>
    setParams({ ...Object.fromEntries(params), ...next }, { replace: true });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('Subscriptions')}</Title>
        <Button
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => {
            opener.remember();
            setAdding(true);
          }}
        >
          {t('New subscription')}
        </Button>
      </Group>
      <Totals />
      <Alerts />
      <Tabs value={view} onChange={(value) => set({ view: value ?? 'list' })}>
        <Tabs.List>
          <Tabs.Tab value="list">{t('List')}</Tabs.Tab>
          <Tabs.Tab value="calendar">{t('Calendar')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="sm">
          {view === 'list' && (
            <ListView status={status} setStatus={(value) => set({ status: value })} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="calendar" pt="sm">
          {view === 'calendar' && <CalendarView />}
        </Tabs.Panel>
      </Tabs>
      <Suspense fallback={null}>
        <SubscriptionAnalytics currency={me?.profile.currency ?? 'USD'} />
      </Suspense>
      <SubscriptionFormModal
        opened={adding}
        onClose={() => {
          setAdding(false);
          opener.restore();
        }}
      />
    </Stack>
  );
}
