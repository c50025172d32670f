/** "Categories": the necessity ranking (1 luxury … 10 essential) and monthly limits, editable. */
import { Button, NumberInput, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { $api, api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { HeaderRow, Panel, useFormat, useRefresh } from '../expenses/shared';

type Ranking = components['schemas']['CategoryRanking'];
export const RANKING_COLUMNS = ['Category', 'Necessity', 'Monthly limit', 'Kind', 'Actions'];

function RankingRow({ row, onSaved }: { row: Ranking; onSaved: (message: string) => void }) {
  const { t } = useFormat();
  const refresh = useRefresh();
  const [score, setScore] = useState<number | string>(row.necessity_score);
  const [limit, setLimit] = useState(row.monthly_limit ?? '');
  const name = t(row.category);
  const save = async () => {
    try {
      const body = { necessity_score: Number(score), monthly_limit: limit.trim() || null };
      unwrap(
        await api.PUT('/api/budgets/categories/{category}/', {
          params: { path: { category: row.category } },
          body,
        }),
      );
      onSaved(t('{{category}} saved.', { category: name }));
      await refresh();
    } catch (error) {
      onSaved(
        error instanceof ApiError
          ? `${name}: ${error.message}`
          : t('Could not reach MY SPHERE. Try again.'),
      );
    }
  };
  return (
    <Table.Tr>
      <Table.Th scope="row">{name}</Table.Th>
      <Table.Td>
        <NumberInput
          aria-label={`${t('Necessity')}: ${name}`}
          min={1}
          max={10}
          clampBehavior="strict"
          allowDecimal={false}
          value={score}
          onChange={setScore}
          w={90}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={`${t('Monthly limit')}: ${name}`}
          inputMode="decimal"
          value={limit}
          onChange={(e) => setLimit(e.currentTarget.value)}
          w={120}
        />
      </Table.Td>
      <Table.Td>{row.is_need ? t('Need') : t('Want')}</Table.Td>
      <Table.Td>
        <Button variant="subtle" onClick={() => void save()} aria-label={`${t('Save')}: ${name}`}>
          {t('Save')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

export function Categories() {
  const { t } = useFormat();
  const [status, setStatus] = useState('');
  const rows = $api.useQuery('get', '/api/budgets/categories/', {
    params: { query: { page_size: 100 } },
  }).data?.results;
  return (
    <Panel title={t('Categories')}>
      <Text size="sm" c="dimmed">
        {t(
          'Necessity from 1 (luxury) to 10 (essential): plans fund needs first and suggestions move money from the lowest.',
        )}
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label={t('Categories')} verticalSpacing={4}>
          <HeaderRow columns={RANKING_COLUMNS} />
          <Table.Tbody>
            {rows?.map((row) => (
              <RankingRow
                key={`${row.category}-${row.necessity_score}-${row.monthly_limit}`}
                row={row}
                onSaved={setStatus}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text role="status" aria-live="polite">
        {status}
      </Text>
    </Panel>
  );
}
