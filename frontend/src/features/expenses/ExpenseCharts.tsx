/** "Spending by category" and "Spending over time" for a chosen range, from the analytics. */
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import {
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { $api } from '../../api/client';
import type { components } from '../../api/schema';
import { ChartFigure, useFormat } from './shared';

type CurrencyAnalytics = components['schemas']['ExpenseCurrencyAnalytics'];
const RANGES = ['1', '3', '6', '12'] as const;

/** The first day of the month `back` months before today, as YYYY-MM-DD. */
export function monthsBack(back: number, today = new Date()): string {
  const start = new Date(today.getFullYear(), today.getMonth() - back, 1);
  return `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-01`;
}

function Summary({ row }: { row: CurrencyAnalytics }) {
  const { t, money, locale } = useFormat();
  const delta = row.comparison.delta_percent;
  return (
    <Group gap="xl">
      <div>
        <Text size="sm" c="dimmed">
          {t('Total')}
        </Text>
        <Text fw={700} size="xl">
          {money(row.total, row.currency)}
        </Text>
      </div>
      <div>
        <Text size="sm" c="dimmed">
          {t('Expenses')}
        </Text>
        <Text fw={700} size="xl">
          {row.count}
        </Text>
      </div>
      <div>
        <Text size="sm" c="dimmed">
          {t('Average')}
        </Text>
        <Text fw={700} size="xl">
          {money(row.average, row.currency)}
        </Text>
      </div>
      {delta !== null && delta !== undefined && (
        <div>
          <Text size="sm" c="dimmed">
            {t('Against the previous period')}
          </Text>
          <Text fw={700} size="xl">
            {new Intl.NumberFormat(locale, {
              style: 'percent',
              signDisplay: 'exceptZero',
              maximumFractionDigits: 1,
            }).format(delta / 100)}
          </Text>
        </div>
      )}
    </Group>
  );
}

function Charts({ row }: { row: CurrencyAnalytics }) {
  const { t, money } = useFormat();
  const byCategory = row.by_category.map((item) => ({
    category: t(item.category),
    total: Number(item.total),
  }));
  const overTime = row.monthly_trend.map((item) => ({
    month: item.month,
    total: Number(item.total),
  }));
  const series = [{ name: 'total', label: row.currency, color: 'blue.8' }];
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <ChartFigure
        label={t('Spending by category')}
        columns={[t('Category'), t('Total'), t('Share')]}
        rows={row.by_category.map((item) => [
          t(item.category),
          money(item.total, row.currency),
          `${item.share} %`,
        ])}
      >
        <Text fw={600} mb="xs">
          {t('Spending by category')}
        </Text>
        <BarChart
          h={260}
          data={byCategory}
          dataKey="category"
          orientation="vertical"
          yAxisProps={{ width: 110 }}
          series={series}
          barChartProps={{ accessibilityLayer: false }}
        />
      </ChartFigure>
      <ChartFigure
        label={t('Spending over time')}
        columns={[t('Month'), t('Total'), t('Expenses')]}
        rows={row.monthly_trend.map((item) => [
          item.month,
          money(item.total, row.currency),
          item.count,
        ])}
      >
        <Text fw={600} mb="xs">
          {t('Spending over time')}
        </Text>
        <BarChart
          h={260}
          data={overTime}
          dataKey="month"
          series={series}
          barChartProps={{ accessibilityLayer: false }}
        />
      </ChartFigure>
    </SimpleGrid>
  );
}

export default function ExpenseCharts() {
  const { t } = useFormat();
  const [range, setRange] = useState<string>('3');
  const [picked, setPicked] = useState<string | null>(null);
  const query = $api.useQuery('get', '/api/expenses/analytics/', {
    params: { query: { date_from: monthsBack(Number(range) - 1) } },
  });
  const currencies = query.data?.currencies ?? [];
  const row = currencies.find((item) => item.currency === picked) ?? currencies[0];
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="expense-charts">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h3" id="expense-charts">
            {t('Spending')}
          </Title>
          <SegmentedControl
            size="xs"
            aria-label={t('Range')}
            value={range}
            onChange={setRange}
            data={RANGES.map((value) => ({
              value,
              label:
                value === '1' ? t('This month') : t('{{count}} months', { count: Number(value) }),
            }))}
          />
        </Group>
        {currencies.length > 1 && (
          <SegmentedControl
            aria-label={t('Currency')}
            value={row?.currency}
            onChange={setPicked}
            data={currencies.map((item) => item.currency)}
          />
        )}
        {!query.data && <Skeleton height={260} />}
        {query.data && !row && <Text c="dimmed">{t('No spending in this range.')}</Text>}
        {row && <Summary row={row} />}
        {row && <Charts row={row} />}
      </Stack>
    </Paper>
  );
}
