/** Paging that keeps its place (the page is in the URL), and the totals of what is shown. */
import { Button, Group, Text } from '@mantine/core';
import { totalsByCurrency } from './decimal';
import type { Expense } from './filters';
import { PAGE_SIZE } from './filters';
import { useFormat } from './shared';

export function Pager({
  page,
  count,
  onPage,
}: {
  page: number;
  count?: number;
  onPage: (page: number) => void;
}) {
  const { t } = useFormat();
  if (count === undefined) return null;
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  return (
    <Group justify="space-between" component="nav" aria-label={t('Pages')}>
      <Button variant="default" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('Previous')}
      </Button>
      <Text size="sm" aria-current="page">
        {t('Page {{page}} of {{pages}} ({{count}} found)', { page, pages, count })}
      </Text>
      <Button variant="default" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('Next')}
      </Button>
    </Group>
  );
}

/** Per-currency totals of the rows on screen (refunds count against), never summed across currencies. */
export function Totals({ rows }: { rows?: Expense[] }) {
  const { t, money } = useFormat();
  if (!rows?.length) return null;
  const totals = totalsByCurrency(
    rows.map((row) => ({
      amount: row.amount,
      currency: row.currency ?? 'USD',
      negative: row.expense_type === 'refund',
    })),
  );
  return (
    <Group gap="md" aria-label={t('Total shown')} role="group">
      <Text fw={600}>{t('Total shown')}:</Text>
      {totals.map((row) => (
        <Text key={row.currency} fw={700}>
          {money(row.total, row.currency)}
        </Text>
      ))}
    </Group>
  );
}
