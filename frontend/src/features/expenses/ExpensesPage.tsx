/** /expenses: find, fix, add, import and export expenses; charts and insights below. */
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { IconPlus, IconUpload } from '@tabler/icons-react';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { $api } from '../../api/client';
import { DescribeExpense } from './DescribeExpense';
import { ExpenseFilters } from './ExpenseFilters';
import { ExpenseFormModal, type Expense } from './ExpenseForm';
import { ExpenseInsights } from './ExpenseInsights';
import { ExpenseTable } from './ExpenseTable';
import { ExportMenu } from './ExportMenu';
import { readFilters, toQuery, writeFilters, type Filters } from './filters';
import { Pager, Totals } from './Pager';
import { useDeleteWithUndo } from './useDeleteWithUndo';

const ExpenseCharts = lazy(() => import('./ExpenseCharts'));
const ImportWizard = lazy(() => import('./ImportWizard'));

function useFilters() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const change = (next: Filters) =>
    setParams(writeFilters(next), { replace: next.page === filters.page });
  return { filters, change };
}

function UndoBar({ undo }: { undo: ReturnType<typeof useDeleteWithUndo> }) {
  const { t } = useTranslation();
  return (
    <Group role="status" aria-live="polite" gap="sm" mih={undo.message ? 44 : 0}>
      {undo.message && <Text>{undo.message}</Text>}
      {undo.deleted && (
        <Button variant="light" onClick={() => void undo.undo()}>
          {t('Undo')}
        </Button>
      )}
    </Group>
  );
}

function Toolbar({
  onNew,
  onImport,
  exportMenu,
}: {
  onNew: () => void;
  onImport: () => void;
  exportMenu: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      <Title order={1}>{t('Expenses')}</Title>
      <Group gap="xs">
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={onNew}>
          {t('New expense')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconUpload size={18} aria-hidden />}
          onClick={onImport}
        >
          {t('Import')}
        </Button>
        {exportMenu}
      </Group>
    </Group>
  );
}

export default function ExpensesPage() {
  const { t } = useTranslation();
  const { filters, change } = useFilters();
  const list = $api.useQuery(
    'get',
    '/api/expenses/',
    { params: { query: toQuery(filters) } },
    { placeholderData: keepPreviousData },
  );
  const [editing, setEditing] = useState<Expense | null | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const undo = useDeleteWithUndo();
  return (
    <Stack>
      <Toolbar
        onNew={() => setEditing(null)}
        onImport={() => setImporting(true)}
        exportMenu={<ExportMenu filters={filters} onError={undo.say} />}
      />
      <DescribeExpense />
      <ExpenseFilters filters={filters} onChange={change} />
      <Paper withBorder p="sm" component="section" aria-label={t('Expenses')}>
        <Stack gap="sm">
          <UndoBar undo={undo} />
          <ExpenseTable
            rows={list.data?.results}
            onEdit={setEditing}
            onDelete={(expense) => void undo.remove(expense)}
          />
          <Totals rows={list.data?.results} />
          <Pager
            page={filters.page}
            count={list.data?.count}
            onPage={(page) => change({ ...filters, page })}
          />
        </Stack>
      </Paper>
      <Suspense fallback={null}>
        <ExpenseCharts />
      </Suspense>
      <ExpenseInsights />
      <ExpenseFormModal
        opened={editing !== undefined}
        expense={editing ?? null}
        onClose={() => setEditing(undefined)}
        onSaved={() => setEditing(undefined)}
      />
      {importing && (
        <Suspense fallback={null}>
          <ImportWizard onClose={() => setImporting(false)} />
        </Suspense>
      )}
    </Stack>
  );
}
