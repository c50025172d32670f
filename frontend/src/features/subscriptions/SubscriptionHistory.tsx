/** A subscription's history: payments, price changes (a chart and its table) and usage. */
import { LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Button, Group, NumberInput, Table, Text } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { $api, api, ApiError, unwrap } from '../../api/client';
import { ChartFigure, Panel, useFormat, useRefresh } from '../expenses/shared';

function SimpleTable({
  label,
  columns,
  rows,
  empty,
}: {
  label: string;
  columns: string[];
  rows: ReactNode[][];
  empty: string;
}) {
  if (!rows.length) return <Text c="dimmed">{empty}</Text>;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column} scope="col">
                {column}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={index}>
              {row.map((cell, column) => (
                <Table.Td key={column}>{cell}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function Payments({ id }: { id: string }) {
  const { t, money, date } = useFormat();
  const data = $api.useQuery('get', '/api/subscriptions/{subscription_id}/payments/', {
    params: { path: { subscription_id: id }, query: { page_size: 50 } },
  }).data;
  const rows = (data?.results ?? []).map((p) => [
    date(p.payment_date),
    date(p.due_date),
    money(p.amount, p.currency),
    t(p.status),
  ]);
  return (
    <Panel title={t('Payments')}>
      <SimpleTable
        label={t('Payments')}
        columns={[t('Paid on'), t('For the cycle due'), t('Amount'), t('Status')]}
        rows={rows}
        empty={t('No payments yet.')}
      />
    </Panel>
  );
}

export function PriceChanges({ id }: { id: string }) {
  const { t, money, date } = useFormat();
  const data = $api.useQuery('get', '/api/subscriptions/{subscription_id}/price_history/', {
    params: { path: { subscription_id: id }, query: { page_size: 50 } },
  }).data;
  const changes = [...(data?.results ?? [])].reverse();
  const points = changes.flatMap((c, index) => [
    ...(index === 0
      ? [{ date: c.effective_date, price: Number(c.old_amount), label: 'before' }]
      : []),
    { date: c.effective_date, price: Number(c.new_amount), label: 'after' },
  ]);
  return (
    <Panel title={t('Price changes')}>
      {changes.length === 0 && <Text c="dimmed">{t('The price has not changed.')}</Text>}
      {changes.length > 0 && (
        <ChartFigure
          label={t('Price over time')}
          columns={[t('Date'), t('Before'), t('After'), t('Change')]}
          rows={changes.map((c) => [
            date(c.effective_date),
            money(c.old_amount, c.old_currency),
            money(c.new_amount, c.currency),
            c.change_percent ? `${c.change_percent} %` : '—',
          ])}
        >
          <LineChart
            h={200}
            data={points}
            dataKey="date"
            series={[{ name: 'price', label: t('Price'), color: 'blue.8' }]}
            curveType="step"
            lineChartProps={{ accessibilityLayer: false }}
          />
        </ChartFigure>
      )}
    </Panel>
  );
}

function LogUsage({ id }: { id: string }) {
  const { t } = useFormat();
  const refresh = useRefresh();
  const [count, setCount] = useState<number | string>(1);
  const [status, setStatus] = useState('');
  const log = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const path = { subscription_id: id };
      unwrap(
        await api.POST('/api/subscriptions/{subscription_id}/usage/', {
          params: { path },
          body: { usage_count: Number(count) },
        }),
      );
      setStatus(t('Usage logged.'));
      await refresh();
    } catch (error) {
      setStatus(
        error instanceof ApiError ? error.message : t('Could not reach MY SPHERE. Try again.'),
      );
    }
  };
  return (
    <form onSubmit={(event) => void log(event)}>
      <Group align="flex-end">
        <NumberInput
          label={t('Times used today')}
          min={1}
          max={1000}
          allowDecimal={false}
          value={count}
          onChange={setCount}
          w={160}
        />
        <Button type="submit" variant="default">
          {t('Log usage')}
        </Button>
        <Text role="status" aria-live="polite">
          {status}
        </Text>
      </Group>
    </form>
  );
}

export function Usage({ id }: { id: string }) {
  const { t, date } = useFormat();
  const data = $api.useQuery('get', '/api/subscriptions/{subscription_id}/usage/', {
    params: { path: { subscription_id: id }, query: { page_size: 20 } },
  }).data;
  const rows = (data?.results ?? []).map((u) => [
    u.usage_date ? date(u.usage_date) : '',
    String(u.usage_count ?? ''),
    u.usage_duration ?? '',
    u.notes ?? '',
  ]);
  return (
    <Panel title={t('Usage')}>
      <LogUsage id={id} />
      <SimpleTable
        label={t('Usage')}
        columns={[t('Date'), t('Times'), t('Duration'), t('Notes')]}
        rows={rows}
        empty={t('No usage logged yet.')}
      />
    </Panel>
  );
}
