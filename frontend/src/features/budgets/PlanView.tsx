/** A month with a plan: figures, progress per category, editing, and the reallocation suggestions. */
import { Alert, Button, Progress, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { $api } from '../../api/client';
import type { components } from '../../api/schema';
import { formatPercent } from '../../app/format';
import { Figure, HeaderRow, Panel, useFormat } from '../expenses/shared';
import { progressColor, type Budget } from './plan';
import { PlanEditor } from './PlanEditor';
import { Suggestions } from './Suggestions';

type Summary = components['schemas']['BudgetSummary'];
/** The progress table's columns (translated; a unit test checks each has Spanish). */
export const PROGRESS_COLUMNS = ['Category', 'Allocated', 'Rollover', 'Spent', 'Left', 'Used'];

function Figures({ summary }: { summary: Summary }) {
  const { t, money } = useFormat();
  const m = (amount: string) => money(amount, summary.currency);
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} role="group" aria-label={t('This month in figures')}>
      <Figure label={t('Income')} value={m(summary.total_income)} />
      <Figure label={t('Budgeted')} value={m(summary.total_budget)} />
      <Figure label={t('Spent')} value={m(summary.total_spent)} />
      <Figure label={t('Left')} value={m(summary.total_remaining)} />
      <Figure label={t('Safe to spend per day')} value={m(summary.safe_to_spend_per_day)} />
      <Figure label={t('Days left')} value={String(summary.days_left)} />
      <Figure label={t('Projected by month end')} value={m(summary.projected_month_end_spend)} />
      <Figure label={t('Savings goal')} value={m(summary.savings_goal_amount)} />
    </SimpleGrid>
  );
}

function ProgressTable({ summary }: { summary: Summary }) {
  const { t, money, locale } = useFormat();
  const m = (amount: string) => money(amount, summary.currency);
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={t('Progress')} verticalSpacing="xs">
        <HeaderRow columns={PROGRESS_COLUMNS} />
        <Table.Tbody>
          {summary.categories.map((line) => {
            const used = line.percent_used === null ? null : Number(line.percent_used);
            const percent = used ?? 0;
            const label = `${t(line.category)}: ${formatPercent(percent, locale)}`;
            return (
              <Table.Tr key={line.category}>
                <Table.Th scope="row">{t(line.category)}</Table.Th>
                <Table.Td>{m(line.allocated)}</Table.Td>
                <Table.Td>{m(line.rollover_in)}</Table.Td>
                <Table.Td>{m(line.spent)}</Table.Td>
                <Table.Td>{m(line.remaining)}</Table.Td>
                <Table.Td miw={140}>
                  <Text size="xs">{formatPercent(percent, locale)}</Text>
                  <Progress
                    value={Math.min(percent, 100)}
                    color={progressColor(used, line.alert_threshold_percent)}
                    aria-label={label}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Unbudgeted({ summary }: { summary: Summary }) {
  const { t, money } = useFormat();
  if (!summary.unbudgeted_spending.length) return null;
  return (
    <Alert color="yellow" title={t('Spending outside the plan')}>
      {summary.unbudgeted_spending
        .map((row) => `${t(row.category)}: ${money(row.spent, summary.currency)}`)
        .join(' · ')}
    </Alert>
  );
}

export function PlanView({ plan, month }: { plan: Budget; month: string }) {
  const { t } = useFormat();
  const [editing, setEditing] = useState(false);
  const summary = $api.useQuery('get', '/api/budgets/summary/', {
    params: { query: { month } },
  }).data;
  if (!summary) return <Skeleton height={300} />;
  return (
    <Stack>
      <Panel
        title={t('This month')}
        actions={
          <>
            {!summary.closed && !editing && (
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('Edit plan')}
              </Button>
            )}
          </>
        }
      >
        {summary.closed && (
          <Text c="dimmed">{t('This month is closed: its figures are final.')}</Text>
        )}
        <Figures summary={summary} />
        {editing ? (
          <PlanEditor plan={plan} summary={summary} onDone={() => setEditing(false)} />
        ) : (
          <ProgressTable summary={summary} />
        )}
        <Unbudgeted summary={summary} />
      </Panel>
      {!summary.closed && <Suggestions plan={plan} month={month} />}
    </Stack>
  );
}
