/** /lending: the people with their net balance per currency; "New loan". */
import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney, localeFor } from '../../app/format';
import { cents, decimal, type Counterparty } from './balance';
import { useCounterparties } from './hooks';
import { NewLoan } from './NewLoan';

/** "Sam owes you $25.00" / "You owe Sam $15.00" / "Settled". */
export function BalanceText({ row }: { row: Counterparty }) {
  const { t, i18n } = useTranslation();
  const net = cents(row.net_balance);
  const amount = formatMoney(decimal(Math.abs(net)), row.currency, localeFor(i18n.language));
  if (net > 0) return <Text span>{t('owes you {{amount}}', { amount })}</Text>;
  if (net < 0) return <Text span>{t('you owe {{amount}}', { amount })}</Text>;
  return <Text span>{t('settled in {{currency}}', { currency: row.currency })}</Text>;
}

function People({ rows }: { rows: Counterparty[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Text c="dimmed">{t('No loans yet.')}</Text>;
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table aria-label={t('People')} verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('Person')}</Table.Th>
            <Table.Th>{t('Balance')}</Table.Th>
            <Table.Th>{t('Open')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={`${row.counterparty}-${row.currency}`}>
              <Table.Td>
                <Anchor component={Link} to={`/lending/${encodeURIComponent(row.counterparty)}`}>
                  {row.counterparty}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <BalanceText row={row} />
              </Table.Td>
              <Table.Td>
                {row.open_items}
                {row.overdue_items > 0 &&
                  ` · ${t('{{count}} overdue', { count: row.overdue_items })}`}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export default function LendingPage() {
  const { t } = useTranslation();
  const [opened, dialog] = useDisclosure(false);
  const [status, setStatus] = useState('');
  const people = useCounterparties();
  const rows = people.data ?? [];
  return (
    <Stack maw={900}>
      <Group justify="space-between">
        <Title order={1}>{t('Lending')}</Title>
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={dialog.open}>
          {t('New loan')}
        </Button>
      </Group>
      <Text role="status" aria-live="polite" mih={24}>
        {status}
      </Text>
      {people.isPending ? <Text c="dimmed">{t('Loading…')}</Text> : <People rows={rows} />}
      <NewLoan
        opened={opened}
        onClose={dialog.close}
        people={[...new Set(rows.map((row) => row.counterparty))]}
        onSaved={setStatus}
      />
    </Stack>
  );
}
