/** "Spending by category" and "Spending over time" for a chosen range, from the analytics. */
import { Group, SegmentedControl, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { useState } from 'react';
import { $api } from '../../api/client';
import type { components } from '../../api/schema';
import { Figure, Panel, useFormat } from './shared';
import { TotalsChart } from './TotalsChart';

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
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: 1,
  });
  return (
    <Group gap="xl">
      <Figure size="xl" label={t('Total')} value={money(row.total, row.currency)} />
      <Figure size="xl" label={t('Expenses')} value={row.count} />
      <Figure size="xl" label={t('Average')} value={money(row.average, row.currency)} />
      {delta !== null && delta !== undefined && (
        <Figure
          size="xl"
          label={t('Against the previous period')}
          value={percent.format(Number(delta) / 100)}
        />
      )}
    </Group>
  );
}

function Charts({ row }: { row: CurrencyAnalytics }) {
  const { t, money } = useFormat();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <TotalsChart
        label={t('Spending by category')}
        columns={[t('Category'), t('Total'), t('Share')]}
        rows={row.by_category.map((item) => [
          t(item.category),
          money(item.total, row.currency),
          `${item.share} %`,
        ])}
        data={row.by_category.map((item) => ({ category: t(item.category), total: item.total }))}
        dataKey="category"
        currency={row.currency}
        byName
      />
      <TotalsChart
        label={t('Spending over time')}
        columns={[t('Month'), t('Total'), t('Expenses')]}
        rows={row.monthly_trend.map((item) => [
          item.month,
          money(item.total, row.currency),
          item.count,
        ])}
        data={row.monthly_trend.map((item) => ({ month: item.month, total: item.total }))}
        dataKey="month"
        currency={row.currency}
      />
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
    <Panel
      title={t('Spending')}
      actions={
        <>
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
        </>
      }
    >
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
    </Panel>
  );
}
