/** "Edit plan": the saved allocations in the editor, saved back whole (thresholds and rollover kept). */
import { Alert, Button, Group } from '@mantine/core';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useFormat, useRefresh } from '../expenses/shared';
import { AllocationEditor } from './AllocationEditor';
import { editorTotals, type Budget, type Line } from './plan';

type Summary = components['schemas']['BudgetSummary'];

/** Save the edited lines as the plan's allocations, keeping each one's threshold and rollover. */
async function saveLines(plan: Budget, lines: Line[]): Promise<void> {
  const kept = new Map(plan.allocations.map((row) => [row.category, row]));
  const allocations = lines.map((line) => ({
    category: line.category,
    allocated_amount: line.allocated.trim(),
    alert_threshold_percent: kept.get(line.category)?.alert_threshold_percent,
    rollover: kept.get(line.category)?.rollover,
  }));
  const path = { budget_id: String(plan.budget_id) };
  unwrap(await api.PATCH('/api/budgets/{budget_id}/', { params: { path }, body: { allocations } }));
}

export function PlanEditor({
  plan,
  summary,
  onDone,
}: {
  plan: Budget;
  summary: Summary;
  onDone: () => void;
}) {
  const { t } = useFormat();
  const refresh = useRefresh();
  const spent = Object.fromEntries(summary.categories.map((line) => [line.category, line.spent]));
  const [lines, setLines] = useState<Line[]>(
    plan.allocations.map((row) => ({
      category: row.category,
      allocated: row.allocated_amount,
      spent: spent[row.category] ?? '0',
    })),
  );
  const [error, setError] = useState('');
  const totals = editorTotals(lines, plan.total_income, plan.savings_goal_amount);
  const save = async () => {
    try {
      await saveLines(plan, lines);
      await refresh();
      onDone();
    } catch (caught) {
      setError(
        caught instanceof ApiError ? caught.message : t('Could not reach MY SPHERE. Try again.'),
      );
    }
  };
  return (
    <>
      <AllocationEditor
        lines={lines}
        onChange={setLines}
        income={plan.total_income}
        savings={plan.savings_goal_amount}
        currency={plan.currency}
      />
      {error && <Alert color="red">{error}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('Cancel')}
        </Button>
        <Button onClick={() => void save()} disabled={totals.invalid.length > 0}>
          {t('Save plan')}
        </Button>
      </Group>
    </>
  );
}
