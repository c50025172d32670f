/** A person's records, newest first: what, when, how much is left; repay or forgive the open ones. */
import { Badge, Box, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney, localeFor } from '../../app/format';
import type { Loan } from './balance';

export const STATUS_LABEL: Record<Loan['status'], string> = {
  outstanding: 'Outstanding',
  partially_repaid: 'Partly repaid',
  repaid: 'Repaid',
  written_off: 'Written off',
  forgiven: 'Forgiven',
};

const OPEN = new Set<Loan['status']>(['outstanding', 'partially_repaid']);

interface Props {
  loans: Loan[];
  onRepay: (loan: Loan) => void;
  onForgive: (loan: Loan) => void;
}

function Record({ loan, onRepay, onForgive }: { loan: Loan } & Omit<Props, 'loans'>) {
  const { t, i18n } = useTranslation();
  const locale = localeFor(i18n.language);
  const money = (amount: string) => formatMoney(amount, loan.currency, locale);
  const open = OPEN.has(loan.status);
  const what =
    loan.direction === 'lent'
      ? t('I lent {{amount}}', { amount: money(loan.amount) })
      : t('I borrowed {{amount}}', { amount: money(loan.amount) });
  return (
    <Card component="li" withBorder padding="sm">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text fw={600}>
            {what}
            {loan.description ? ` · ${loan.description}` : ''}
          </Text>
          <Text size="sm">
            {formatDate(loan.lent_date, locale)}
            {loan.due_date
              ? ` · ${t('due {{day}}', { day: formatDate(loan.due_date, locale) })}`
              : ''}
          </Text>
          <Group gap={6}>
            <Badge variant="light" color={open ? (loan.is_overdue ? 'red' : 'blue') : 'gray'}>
              {loan.is_overdue ? t('Overdue') : t(STATUS_LABEL[loan.status])}
            </Badge>
            {open && (
              <Text size="sm">{t('{{amount}} left', { amount: money(loan.outstanding) })}</Text>
            )}
          </Group>
        </Stack>
        {open && (
          <Group gap="xs">
            <Button variant="default" onClick={() => onRepay(loan)}>
              {t('Record repayment')}
            </Button>
            <Button variant="subtle" color="red" onClick={() => onForgive(loan)}>
              {t('Forgive')}
            </Button>
          </Group>
        )}
      </Group>
    </Card>
  );
}

export function History({ loans, onRepay, onForgive }: Props) {
  const { t } = useTranslation();
  if (loans.length === 0) return <Text c="dimmed">{t('No records with this person.')}</Text>;
  return (
    <Box
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none', display: 'grid', gap: 8 }}
      aria-label={t('History')}
    >
      {loans.map((loan) => (
        <Record key={loan.lending_id} loan={loan} onRepay={onRepay} onForgive={onForgive} />
      ))}
    </Box>
  );
}
