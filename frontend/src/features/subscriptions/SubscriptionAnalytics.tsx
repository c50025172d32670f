/** The portfolio's analytics (cost over six months, cost by category) and its insights, AI or rules. */
import { Badge, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { $api } from '../../api/client';
import type { components } from '../../api/schema';
import { Panel, sourceLabel, useFormat } from '../expenses/shared';
import { TotalsChart } from '../expenses/TotalsChart';

type Analytics = components['schemas']['Analytics'];

function totalIn(totals: { currency: string; total: string }[], currency: string): string {
  return totals.find((row) => row.currency === currency)?.total ?? '0';
}

function Charts({ analytics, currency }: { analytics: Analytics; currency: string }) {
  const { t, money } = useFormat();
  const trend = analytics.cost_trend.map((row) => ({
    month: row.month,
    total: totalIn(row.totals, currency),
  }));
  const categories = analytics.category_spending
    .map((row) => ({ category: row.category, total: totalIn(row.monthly_cost, currency) }))
    .filter((row) => Number(row.total) > 0);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <TotalsChart
        label={t('Paid per month')}
        caption={`${t('Paid per month')} (${currency})`}
        columns={[t('Month'), t('Total')]}
        rows={trend.map((row) => [row.month, money(row.total, currency)])}
        data={trend}
        dataKey="month"
        currency={currency}
      />
      <TotalsChart
        label={t('Monthly cost by category')}
        caption={`${t('Monthly cost by category')} (${currency})`}
        columns={[t('Category'), t('Per month')]}
        rows={categories.map((row) => [row.category, money(row.total, currency)])}
        data={categories}
        dataKey="category"
        currency={currency}
        byName
      />
    </SimpleGrid>
  );
}

function Insights() {
  const { t } = useFormat();
  const data = $api.useQuery('get', '/api/subscriptions/ai_insights/', undefined, {
    staleTime: 10 * 60_000,
    retry: false,
  }).data;
  if (!data) return null;
  const insights = data.insights;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('Insights')}
        </Title>
        <Badge variant="dot" color={data.source === 'fallback' ? 'gray' : 'violet'}>
          {sourceLabel(data.source, t)}
        </Badge>
      </Group>
      <Text>{insights.summary}</Text>
      <List spacing={4}>
        {[...insights.insights, ...insights.recommendations].map((item) => (
          <List.Item key={item.title}>
            <b>{item.title}.</b> {item.description}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

export default function SubscriptionAnalytics({ currency }: { currency: string }) {
  const { t } = useFormat();
  const analytics = $api.useQuery('get', '/api/subscriptions/analytics/').data;
  return (
    <Panel title={t('Analytics')}>
      {analytics && <Charts analytics={analytics} currency={currency} />}
      <Insights />
    </Panel>
  );
}
