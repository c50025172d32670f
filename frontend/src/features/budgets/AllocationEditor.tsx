/** The allocations table being edited: the total and what is unallocated update as you type. */
import { Group, Table, Text, TextInput } from '@mantine/core';
import { compareDecimal } from '../expenses/decimal';
import { useFormat } from '../expenses/shared';
import { editorTotals, left, type Line } from './plan';

interface Props {
  lines: Line[];
  onChange: (lines: Line[]) => void;
  income: string;
  savings: string;
  currency: string;
}

export function AllocationEditor({ lines, onChange, income, savings, currency }: Props) {
  const { t, money } = useFormat();
  const totals = editorTotals(lines, income, savings);
  const set = (index: number, allocated: string) =>
    onChange(lines.map((line, i) => (i === index ? { ...line, allocated } : line)));
  const over = compareDecimal(totals.unallocated, '0') < 0;
  return (
    <>
      <Table.ScrollContainer minWidth={480}>
        <Table aria-label={t('Allocations')} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('Category')}</Table.Th>
              <Table.Th scope="col">{t('Allocated')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('Spent')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('Left')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line, index) => (
              <Table.Tr key={line.category}>
                <Table.Th scope="row">{t(line.category)}</Table.Th>
                <Table.Td>
                  <TextInput
                    aria-label={`${t('Allocated')}: ${t(line.category)}`}
                    inputMode="decimal"
                    value={line.allocated}
                    error={
                      totals.invalid.includes(line.category) ? t('Enter an amount.') : undefined
                    }
                    onChange={(event) => set(index, event.currentTarget.value)}
                    maw={140}
                  />
                </Table.Td>
                <Table.Td ta="right">{money(line.spent || '0', currency)}</Table.Td>
                <Table.Td ta="right">{money(left(line), currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group gap="xl" role="group" aria-label={t('Plan totals')}>
        <Text>
          {t('Total allocated')}: <b>{money(totals.allocated, currency)}</b>
        </Text>
        <Text c={over ? 'var(--mantine-color-red-text)' : undefined}>
          {t('Unallocated')}: <b>{money(totals.unallocated, currency)}</b>
          {over && ` (${t('more than the income')})`}
        </Text>
      </Group>
    </>
  );
}
