/** The portfolio's analytics (cost over six months, cost by category) and its insights, AI or rules. */
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { $api } from '../../api/client';
import type { components } from '../../api/schema';
import { ChartFigure, sourceLabel, useFormat } from '../expenses/shared';

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
  const series = [{ name: 'total', label: currency, color: 'blue.8' }];
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <ChartFigure
        label={t('Paid per month')}
        columns={[t('Month'), t('Total')]}
        rows={trend.map((row) => [row.month, money(row.total, currency)])}
      >
        <Text fw={600} mb="xs">
          {t('Paid per month')} ({currency})
        </Text>
        <BarChart
          h={220}
          data={trend.map((row) => ({ ...row, total: Number(row.total) }))}
          dataKey="month"
          series={series}
          barChartProps={{ accessibilityLayer: false }}
        />
      </ChartFigure>
      <ChartFigure
        label={t('Monthly cost by category')}
        columns={[t('Category'), t('Per month')]}
        rows={categories.map((row) => [row.category, money(row.total, currency)])}
      >
        <Text fw={600} mb="xs">
          {t('Monthly cost by category')} ({currency})
        </Text>
        <BarChart
          h={220}
          data={categories.map((row) => ({ ...row, total: Number(row.total) }))}
          dataKey="category"
          orientation="vertical"
          yAxisProps={{ width: 110 }}
          series={series}
          barChartProps={{ accessibilityLayer: false }}
        />
      </ChartFigure>
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
    <Paper withBorder p="sm" component="section" aria-labelledby="subscription-analytics">
      <Stack>
        <Title order={2} size="h3" id="subscription-analytics">
          {t('Analytics')}
        </Title>
        {analytics && <Charts analytics={analytics} currency={currency} />}
        <Insights />
      </Stack>
    </Paper>
  );
}
