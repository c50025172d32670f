/** The Home cards, one per feature; every figure is the dashboard's own. */
import { Badge, Group, List, Progress, Stack, Table, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeDashboard } from '../../api/types';
import { formatDate, formatMoney, formatPercent, localeFor } from '../../app/format';
import { Empty, HomeCard } from './Card';

const SpendingChart = lazy(() => import('./SpendingChart'));

interface CardProps {
  data?: HomeDashboard;
}

function useFormat() {
  const { t, i18n } = useTranslation();
  const locale = localeFor(i18n.language);
  return {
    t,
    locale,
    money: (amount: string, currency: string) => formatMoney(amount, currency, locale),
    date: (iso: string) => formatDate(iso, locale),
  };
}

export function SpendingCard({ data }: CardProps) {
  const { t, money } = useFormat();
  const rows = data?.spending ?? [];
  return (
    <HomeCard title={t('Spending')} to="/expenses" linkLabel={t('All expenses')} loading={!data}>
      {rows.length === 0 && <Empty>{t('No spending this month yet.')}</Empty>}
      <Stack gap="sm">
        {rows.map((row) => (
          <div key={row.currency}>
            <Text size="xl" fw={700}>
              {money(row.spent, row.currency)}
            </Text>
            <Text size="sm" c="dimmed">
              {row.budget
                ? t('spent of {{budget}} this month', { budget: money(row.budget, row.currency) })
                : t('spent this month, no budget')}
            </Text>
            {row.safe_to_spend_per_day && (
              <Text size="sm">
                {t('Safe to spend per day')}:{' '}
                <b>{money(row.safe_to_spend_per_day, row.currency)}</b>
              </Text>
            )}
          </div>
        ))}
        {rows.some((row) => row.budget) && (
          <Suspense fallback={null}>
            <SpendingChart rows={rows} />
          </Suspense>
        )}
      </Stack>
    </HomeCard>
  );
}

export function BudgetCard({ data }: CardProps) {
  const { t, money, locale } = useFormat();
  const rows = data?.budget_watch ?? [];
  return (
    <HomeCard title={t('Budget')} to="/budgets" linkLabel={t('Budgets')} loading={!data}>
      {rows.length === 0 && <Empty>{t('No budget for this month yet.')}</Empty>}
      <Stack gap="sm">
        {rows.map((row) => {
          const used = Number(row.percent_used);
          const color = used > 100 ? 'red' : used >= 80 ? 'yellow' : 'blue';
          return (
            <div key={`${row.category}-${row.currency}`}>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600}>{t(row.category)}</Text>
                <Text size="sm">
                  {money(row.spent, row.currency)} / {money(row.available, row.currency)}
                </Text>
              </Group>
              <Progress
                value={Math.min(used, 100)}
                color={color}
                aria-label={`${t(row.category)}: ${formatPercent(row.percent_used, locale)}`}
              />
            </div>
          );
        })}
      </Stack>
    </HomeCard>
  );
}

export function RenewalsCard({ data }: CardProps) {
  const { t, money, date } = useFormat();
  const rows = data?.renewals ?? [];
  return (
    <HomeCard
      title={t('Renewals')}
      to="/subscriptions"
      linkLabel={t('Subscriptions')}
      loading={!data}
    >
      {rows.length === 0 && <Empty>{t('Nothing renews in the next 7 days.')}</Empty>}
      <List listStyleType="none" spacing="xs">
        {rows.map((row) => (
          <List.Item key={row.subscription_id}>
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600}>{row.name}</Text>
              <Text>{money(row.amount, row.currency)}</Text>
            </Group>
            <Text size="sm" c="dimmed">
              {date(row.next_billing_date)}
            </Text>
          </List.Item>
        ))}
      </List>
    </HomeCard>
  );
}

export function TodayCard({ data }: CardProps) {
  const { t, date } = useFormat();
  const counts = data?.agenda.counts ?? {};
  const tasks = data?.agenda.tasks ?? [];
  return (
    <HomeCard title={t('Today')} to="/todos" linkLabel={t('To-dos')} loading={!data}>
      <Group gap="xs" mb="xs">
        <Badge color="red" variant="light">
          {t('{{count}} overdue', { count: counts.overdue ?? 0 })}
        </Badge>
        <Badge variant="light">{t('{{count}} due today', { count: counts.due_today ?? 0 })}</Badge>
      </Group>
      {tasks.length === 0 && <Empty>{t('Nothing due. Enjoy your day.')}</Empty>}
      <List listStyleType="none" spacing="xs">
        {tasks.map((task) => (
          <List.Item key={task.todo_id}>
            <Text fw={600}>{task.title}</Text>
            <Text size="sm" c="dimmed">
              {[task.due_date ? date(task.due_date) : null, task.priority ? t(task.priority) : null]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </List.Item>
        ))}
      </List>
    </HomeCard>
  );
}

export function LoansCard({ data }: CardProps) {
  const { t, money } = useFormat();
  const lending = data?.lending;
  const balances = lending?.balances ?? [];
  return (
    <HomeCard title={t('Loans')} to="/lending" linkLabel={t('Lending')} loading={!data}>
      {balances.length === 0 && <Empty>{t('Nobody owes anybody.')}</Empty>}
      {balances.map((row) => (
        <Stack key={row.currency} gap={2} mb="xs">
          <Text>
            {t('Owed to you')}: <b>{money(row.lent_outstanding, row.currency)}</b>
          </Text>
          <Text>
            {t('You owe')}: <b>{money(row.borrowed_outstanding, row.currency)}</b>
          </Text>
          {row.overdue_count > 0 && (
            <Text c="red" size="sm">
              {t('{{count}} overdue', { count: row.overdue_count })}:{' '}
              {money(row.overdue_amount, row.currency)}
            </Text>
          )}
        </Stack>
      ))}
      <List listStyleType="none" spacing={2}>
        {(lending?.people ?? []).map((person) => (
          <List.Item key={`${person.counterparty}-${person.currency}`}>
            {person.counterparty}: {money(person.net_balance, person.currency)}
          </List.Item>
        ))}
      </List>
    </HomeCard>
  );
}

export function RecentCard({ data }: CardProps) {
  const { t, money, date } = useFormat();
  const rows = data?.recent_expenses ?? [];
  return (
    <HomeCard
      title={t('Recent expenses')}
      to="/expenses"
      linkLabel={t('All expenses')}
      loading={!data}
    >
      {rows.length === 0 && <Empty>{t('No expenses yet. Try Quick add: "coffee 4.50".')}</Empty>}
      {rows.length > 0 && (
        <Table striped>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.expense_id}>
                <Table.Td>
                  <Text fw={600}>{row.vendor || t(row.category ?? 'Other')}</Text>
                  <Text size="sm" c="dimmed">
                    {date(row.transaction_date ?? '')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{money(row.amount, row.currency ?? 'USD')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </HomeCard>
  );
}
