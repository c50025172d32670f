/**
 * No plan for the month: "Create a plan" → income and savings goal → "Generate" (the
 * server's 50/30/20 plan weighted by necessity and history, not saved) → edit → "Save plan".
 */
import { Alert, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../app/auth';
import { Panel, useFormat, useRefresh } from '../expenses/shared';
import { AllocationEditor } from './AllocationEditor';
import { editorTotals, type CategoryName, type Line } from './plan';
import { useMonthSpending } from './usePlanSpending';

type Generated = components['schemas']['GenerateResponse'];
type Plan = ReturnType<typeof useCreate>;

async function generatePlan(month: string, income: string, savings: string): Promise<Generated> {
  const body = {
    month,
    income: income.trim(),
    dry_run: true,
    ...(savings.trim() ? { savings_goal: savings.trim() } : {}),
  };
  return unwrap(await api.POST('/api/budgets/generate/', { body }));
}

async function savePlan(month: string, plan: Plan, currency: string): Promise<void> {
  const allocations = plan.lines.map((line) => ({
    category: line.category,
    allocated_amount: line.allocated.trim(),
  }));
  const body = {
    month,
    currency,
    total_income: plan.income.trim(),
    savings_goal_amount: plan.savings.trim() || '0',
    allocations,
  };
  unwrap(await api.POST('/api/budgets/', { body }));
}

function useCreate(month: string) {
  const { t } = useFormat();
  const me = useMe();
  const [income, setIncome] = useState(me?.profile.monthly_income ?? '');
  const [savings, setSavings] = useState('');
  const [generated, setGenerated] = useState<Generated | null>(null);
  const [typed, setLines] = useState<Line[]>([]);
  const [error, setError] = useState('');
  const spent = useMonthSpending(month, generated?.currency);
  const lines = typed.map((line) => ({ ...line, spent: spent[line.category] ?? '0' }));
  const attempt = async (work: () => Promise<void>) => {
    setError('');
    try {
      await work();
    } catch (caught) {
      setError(
        caught instanceof ApiError ? caught.message : t('Could not reach MY SPHERE. Try again.'),
      );
    }
  };
  const generate = () =>
    attempt(async () => {
      const result = await generatePlan(month, income, savings);
      setGenerated(result);
      setSavings(result.savings_goal_amount);
      setLines(
        result.allocations.map((row) => ({
          category: row.category as CategoryName,
          allocated: row.allocated_amount,
          spent: '0',
        })),
      );
    });
  return {
    income,
    setIncome,
    savings,
    setSavings,
    generated,
    lines,
    setLines,
    error,
    generate,
    attempt,
  };
}

function IncomeForm({ plan }: { plan: Plan }) {
  const { t } = useFormat();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void plan.generate();
  };
  return (
    <form onSubmit={submit}>
      <Group align="flex-end">
        <TextInput
          label={t('Monthly income')}
          inputMode="decimal"
          required
          value={plan.income}
          onChange={(e) => plan.setIncome(e.currentTarget.value)}
          data-autofocus
        />
        <TextInput
          label={t('Savings goal')}
          description={t('Default: 20% of income')}
          inputMode="decimal"
          value={plan.savings}
          onChange={(e) => plan.setSavings(e.currentTarget.value)}
        />
        <Button type="submit" variant={plan.generated ? 'default' : 'filled'}>
          {t('Generate')}
        </Button>
      </Group>
    </form>
  );
}

function Proposed({ plan, month, generated }: { plan: Plan; month: string; generated: Generated }) {
  const { t } = useFormat();
  const refresh = useRefresh();
  const totals = editorTotals(plan.lines, plan.income, plan.savings);
  const save = () =>
    plan.attempt(async () => {
      await savePlan(month, plan, generated.currency);
      await refresh();
    });
  return (
    <>
      {generated.notes.map((note) => (
        <Text key={note} size="sm" c="dimmed">
          {note}
        </Text>
      ))}
      <AllocationEditor
        lines={plan.lines}
        onChange={plan.setLines}
        income={plan.income}
        savings={plan.savings}
        currency={generated.currency}
      />
      <Group justify="flex-end">
        <Button onClick={() => void save()} disabled={totals.invalid.length > 0}>
          {t('Save plan')}
        </Button>
      </Group>
    </>
  );
}

export function CreatePlan({ month }: { month: string }) {
  const { t } = useFormat();
  const [open, setOpen] = useState(false);
  const plan = useCreate(month);
  if (!open)
    return (
      <Paper withBorder p="md">
        <Stack align="flex-start">
          <Text>{t('There is no plan for this month yet.')}</Text>
          <Button onClick={() => setOpen(true)}>{t('Create a plan')}</Button>
        </Stack>
      </Paper>
    );
  return (
    <Panel title={t('Create a plan')}>
      <IncomeForm plan={plan} />
      {plan.error && <Alert color="red">{plan.error}</Alert>}
      {plan.generated && <Proposed plan={plan} month={month} generated={plan.generated} />}
    </Panel>
  );
}
