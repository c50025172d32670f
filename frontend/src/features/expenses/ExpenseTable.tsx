/** One page of expenses: date, vendor, category, amount; Edit, Split (lending's) and Delete per row. */
import { Badge, Button, Group, Skeleton, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SplitButton } from '../lending/SplitButton';
import type { Expense } from './filters';
import { useFormat } from './shared';

interface Props {
  rows?: Expense[];
  onEdit: (expense: Expense) => void;
  onDelete: (expense: Expense) => void;
}

function Row({ expense, onEdit, onDelete }: { expense: Expense } & Omit<Props, 'rows'>) {
  const { t, money, date } = useFormat();
  const refund = expense.expense_type === 'refund';
  const what = `${expense.vendor || t(expense.category ?? 'Other')} ${money(expense.amount, expense.currency ?? 'USD')}`;
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{date(expense.transaction_date ?? '')}</Table.Td>
      <Table.Td>
        <Text fw={600} size="sm">
          {expense.vendor || '—'}
        </Text>
        {expense.notes && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {expense.notes}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{t(expense.category ?? 'Other')}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {refund && (
          <Badge variant="dot" color="green" mr={6}>
            {t('Refund')}
          </Badge>
        )}
        {money(expense.amount, expense.currency ?? 'USD')}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button
            variant="subtle"
            size="compact-md"
            onClick={() => onEdit(expense)}
            aria-label={`${t('Edit')}: ${what}`}
          >
            {t('Edit')}
          </Button>
          {!refund && <SplitButton expense={expense} label={what} />}
          <Button
            variant="subtle"
            color="red"
            size="compact-md"
            onClick={() => onDelete(expense)}
            aria-label={`${t('Delete')}: ${what}`}
          >
            {t('Delete')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function ExpenseTable({ rows, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  if (!rows) return <Skeleton height={320} />;
  return (
    <Table.ScrollContainer minWidth={620}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('Expenses')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('Date')}</Table.Th>
            <Table.Th scope="col">{t('Vendor')}</Table.Th>
            <Table.Th scope="col">{t('Category')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('Amount')}
            </Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('Actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((expense) => (
            <Row key={expense.expense_id} expense={expense} onEdit={onEdit} onDelete={onDelete} />
          ))}
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed">{t('No expenses match these filters.')}</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
