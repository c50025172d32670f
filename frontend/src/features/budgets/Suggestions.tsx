/** The reallocation suggestions (cover overspending from lower-necessity categories), each with "Apply". */
import { Button, Group, List, Text } from '@mantine/core';
import { useState } from 'react';
import { $api, api, unwrap } from '../../api/client';
import { Panel, useFormat, useRefresh } from '../expenses/shared';
import type { Budget, Move } from './plan';

/** Apply a move through `apply_suggestion/`: the server moves the amount in one atomic write. */
function useApply(plan: Budget) {
  const { t, money } = useFormat();
  const refresh = useRefresh();
  const [status, setStatus] = useState('');
  const apply = async (move: Move) => {
    try {
      const { from_category, to_category, amount } = move;
      unwrap(
        await api.POST('/api/budgets/{budget_id}/apply_suggestion/', {
          params: { path: { budget_id: String(plan.budget_id) } },
          body: { from_category, to_category, amount },
        }),
      );
      setStatus(
        t('Moved {{amount}} from {{from}} to {{to}}.', {
          amount: money(move.amount, move.currency),
          from: t(move.from_category),
          to: t(move.to_category),
        }),
      );
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    }
    await refresh();
  };
  return { status, apply };
}

export function Suggestions({ plan, month }: { plan: Budget; month: string }) {
  const { t, money } = useFormat();
  const { status, apply } = useApply(plan);
  const data = $api.useQuery('get', '/api/budgets/suggestions/', {
    params: { query: { month } },
  }).data;
  return (
    <Panel title={t('Suggestions')}>
      {data && !data.suggestions.length && (
        <Text c="dimmed">{t('Nothing to move: every category is within its plan.')}</Text>
      )}
      <List listStyleType="none" spacing="xs">
        {data?.suggestions.map((move) => (
          <List.Item key={`${move.from_category}-${move.to_category}`}>
            <Group justify="space-between" wrap="nowrap">
              <Text>{move.message}</Text>
              <Button
                variant="light"
                onClick={() => void apply(move)}
                aria-label={`${t('Apply')}: ${move.message}`}
              >
                {t('Apply')}
              </Button>
            </Group>
          </List.Item>
        ))}
      </List>
      {data?.uncovered.map((row) => (
        <Text key={row.category} size="sm">
          {t('{{category}} is over by {{amount}} with nothing left to move.', {
            category: t(row.category),
            amount: money(row.amount, data.currency),
          })}
        </Text>
      ))}
      <Text role="status" aria-live="polite">
        {status}
      </Text>
    </Panel>
  );
}
