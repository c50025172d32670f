/** Home: the day at a glance from `/api/dashboard/`, each card linking to its feature. */
import { Alert, SimpleGrid, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';
import type { HomeDashboard } from '../../api/types';
import { useAuth } from '../../app/auth';
import { loadSnapshot, saveSnapshot } from '../../app/offline';
import { BudgetCard, LoansCard, RecentCard, RenewalsCard, SpendingCard, TodayCard } from './cards';

export const DASHBOARD_KEY = $api.queryOptions('get', '/api/dashboard/').queryKey;
export const UNREAD_KEY = $api.queryOptions(
  'get',
  '/api/integrations/notifications/unread_count/',
).queryKey;

/** The dashboard; offline, the last one this device saw. */
export function useDashboard(): { data?: HomeDashboard; failed: boolean } {
  const { status } = useAuth();
  const queryClient = useQueryClient();
  const offline = status === 'offline';
  const query = $api.useQuery('get', '/api/dashboard/', undefined, {
    enabled: !offline,
    staleTime: 30_000,
    initialData: offline ? loadSnapshot()?.dashboard : undefined,
  });
  useEffect(() => {
    if (!query.data || offline) return;
    saveSnapshot({ dashboard: query.data });
    queryClient.setQueryData(UNREAD_KEY, query.data.notifications.unread);
  }, [query.data, offline, queryClient]);
  return { data: query.data, failed: query.isError };
}

export default function HomePage() {
  const { t } = useTranslation();
  const { data, failed } = useDashboard();
  return (
    <Stack>
      <Title order={1}>{t('Home')}</Title>
      {failed && !data && (
        <Alert color="red">{t('Home could not be loaded. Try again in a moment.')}</Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
        <SpendingCard data={data} />
        <BudgetCard data={data} />
        <RenewalsCard data={data} />
        <TodayCard data={data} />
        <LoansCard data={data} />
        <RecentCard data={data} />
      </SimpleGrid>
    </Stack>
  );
}
