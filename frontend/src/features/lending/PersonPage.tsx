/** /lending/:person: the balance per currency with "Settle up", the history, repay and forgive. */
import { Alert, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { Counterparty, Loan } from './balance';
import { History } from './History';
import { useCounterparties, usePersonLoans, useRefreshLending } from './hooks';
import { BalanceText } from './LendingPage';
import { RepayDialog } from './RepayDialog';
import { SettleDialog } from './SettleDialog';

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function Balances({
  rows,
  onSettle,
}: {
  rows: Counterparty[];
  onSettle: (row: Counterparty) => void;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Text>{t('Nothing open: you are square.')}</Text>;
  return (
    <Stack gap="xs">
      {rows.map((row) => (
        <Card key={row.currency} withBorder padding="sm">
          <Group justify="space-between">
            <Text>
              {row.counterparty} <BalanceText row={row} />
            </Text>
            <Button onClick={() => onSettle(row)}>
              {rows.length > 1
                ? t('Settle up in {{currency}}', { currency: row.currency })
                : t('Settle up')}
            </Button>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

function ForgiveDialog({
  loan,
  onClose,
  onDone,
}: {
  loan: Loan | null;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshLending();
  const forgive = async () => {
    if (!loan) return;
    unwrap(
      await api.POST('/api/lending/{lending_id}/forgive/', {
        params: { path: { lending_id: String(loan.lending_id) } },
      }),
    );
    await refresh();
    onClose();
    onDone(t('Forgiven: nobody owes this any more.'));
  };
  return (
    <Modal
      opened={!!loan}
      onClose={onClose}
      title={t('Forgive this loan?')}
      closeButtonProps={{ 'aria-label': t('Close') }}
    >
      <Text mb="md">{t('What is left of it is closed and never asked for again.')}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('Cancel')}
        </Button>
        <Button color="red" onClick={() => void forgive()}>
          {t('Forgive')}
        </Button>
      </Group>
    </Modal>
  );
}

export default function PersonPage() {
  const { t } = useTranslation();
  const person = decodeURIComponent(useParams().person ?? '');
  const loans = usePersonLoans(person);
  const people = useCounterparties();
  const [status, setStatus] = useState('');
  const [repaying, setRepaying] = useState<Loan | null>(null);
  const [forgiving, setForgiving] = useState<Loan | null>(null);
  const [settling, setSettling] = useState<Counterparty | null>(null);
  const rows = (people.data ?? []).filter((row) => same(row.counterparty, person));
  const balances = rows.filter((row) => row.open_items > 0);
  const name = rows[0]?.counterparty ?? loans.data?.[0]?.counterparty_name ?? person;
  return (
    <Stack maw={900}>
      <Title order={1}>{name}</Title>
      <Text role="status" aria-live="polite" mih={24}>
        {status}
      </Text>
      {people.data && <Balances rows={balances} onSettle={setSettling} />}
      <Title order={2} size="h4">
        {t('History')}
      </Title>
      {loans.isError && <Alert color="red">{t('The history could not be loaded.')}</Alert>}
      {loans.data && <History loans={loans.data} onRepay={setRepaying} onForgive={setForgiving} />}
      <RepayDialog loan={repaying} onClose={() => setRepaying(null)} onDone={setStatus} />
      <ForgiveDialog loan={forgiving} onClose={() => setForgiving(null)} onDone={setStatus} />
      <SettleDialog balance={settling} onClose={() => setSettling(null)} onDone={setStatus} />
    </Stack>
  );
}
