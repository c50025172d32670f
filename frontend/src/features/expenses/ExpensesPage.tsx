/** /expenses: find, fix, add, import and export expenses; charts and insights below. */
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { IconPlus, IconUpload } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { $api } from '../../api/client';
import { DescribeExpense } from './DescribeExpense';
import { ExpenseFilters } from './ExpenseFilters';
import { ExpenseInsights } from './ExpenseInsights';
import { ExpenseTable } from './ExpenseTable';
import { ExportMenu } from './ExportMenu';
import { readFilters, writeFilters, type Expense, type Filters } from './filters';
import { Pager, Totals } from './Pager';
import { LIST_STALE_MS, listRequest } from './prefetch';
import { useOpener } from './shared';
import { useDeleteWithUndo } from './useDeleteWithUndo';

const ExpenseCharts = lazy(() => import('./ExpenseCharts'));
const ImportWizard = lazy(() => import('./ImportWizard'));
const ExpenseFormModal = lazy(() => import('./ExpenseForm'));

/** True from the frame after `ready` was first painted: what can wait for the table does. */
function usePainted(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, painted]);
  return painted;
}

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

/** Which expense the form shows (null: a new one; undefined: closed). */
function useEditing() {
  const [editing, setEditing] = useState<Expense | null | undefined>(undefined);
  const opener = useOpener();
  const edit = (expense: Expense | null) => {
    opener.remember();
    setEditing(expense);
  };
  const close = () => {
    setEditing(undefined);
    opener.restore();
  };
  return { editing, edit, close };
}

interface ListProps {
  list?: { count: number; results: Expense[] };
  filters: Filters;
  change: (filters: Filters) => void;
  undo: ReturnType<typeof useDeleteWithUndo>;
  onEdit: (expense: Expense) => void;
}

function ListSection({ list, filters, change, undo, onEdit }: ListProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('Expenses')}>
      <Stack gap="sm">
        <UndoBar undo={undo} />
        <ExpenseTable
          rows={list?.results}
          onEdit={onEdit}
          onDelete={(expense) => void undo.remove(expense)}
        />
        <Totals rows={list?.results} />
        <Pager
          page={filters.page}
          count={list?.count}
          onPage={(page) => change({ ...filters, page })}
        />
      </Stack>
    </Paper>
  );
}

export default function ExpensesPage() {
  const { filters, change } = useFilters();
  const list = $api.useQuery('get', '/api/expenses/', listRequest(filters), {
    placeholderData: keepPreviousData,
    staleTime: LIST_STALE_MS,
  });
  const painted = usePainted(list.data !== undefined);
  const { editing, edit, close } = useEditing();
  const [importing, setImporting] = useState(false);
  const importer = useOpener();
  const undo = useDeleteWithUndo();
  return (
    <Stack>
      <Toolbar
        onNew={() => edit(null)}
        onImport={() => {
          importer.remember();
          setImporting(true);
        }}
        exportMenu={<ExportMenu filters={filters} onError={undo.say} />}
      />
      <DescribeExpense />
      <ExpenseFilters filters={filters} onChange={change} />
      <ListSection list={list.data} filters={filters} change={change} undo={undo} onEdit={edit} />
      {/* The table first: charts, insights and the form's code come once it is on screen. */}
      {painted && (
        <Suspense fallback={null}>
          <ExpenseCharts />
          <ExpenseInsights />
        </Suspense>
      )}
      {painted && (
        <Suspense fallback={null}>
          <ExpenseFormModal
            opened={editing !== undefined}
            expense={editing ?? null}
            onClose={close}
            onSaved={close}
          />
        </Suspense>
      )}
      {importing && (
        <Suspense fallback={null}>
          <ImportWizard
            onClose={() => {
              setImporting(false);
              importer.restore();
            }}
          />
        </Suspense>
      )}
    </Stack>
  );
}
