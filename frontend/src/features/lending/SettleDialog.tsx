/** "Settle up" with one person in one currency: the netting shown first, then done in one go. */
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { formatMoney, localeFor } from '../../app/format';
import { settlePlan, type Counterparty } from './balance';
import { useRefreshLending } from './hooks';

interface Props {
  balance: Counterparty | null;
  onClose: () => void;
  onDone: (text: string) => void;
}

function Plan({ balance }: { balance: Counterparty }) {
  const { t, i18n } = useTranslation();
  const money = (amount: string) => formatMoney(amount, balance.currency, localeFor(i18n.language));
  const plan = settlePlan(balance);
  const person = balance.counterparty;
  return (
    <List aria-label={t('What settling up does')}>
      <List.Item>
        {t('{{person}} owes you {{amount}}.', { person, amount: money(balance.they_owe) })}
      </List.Item>
      <List.Item>
        {t('You owe {{person}} {{amount}}.', { person, amount: money(balance.you_owe) })}
      </List.Item>
      <List.Item>
        {t('{{amount}} cancels out on each side.', { amount: money(plan.netted) })}
      </List.Item>
      <List.Item>
        {plan.payer === 'them' &&
          t('{{person}} pays you {{amount}}.', { person, amount: money(plan.cash) })}
        {plan.payer === 'you' &&
          t('You pay {{person}} {{amount}}.', { person, amount: money(plan.cash) })}
        {plan.payer === 'nobody' && t('No money changes hands.')}
      </List.Item>
    </List>
  );
}

export function SettleDialog({ balance, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const refresh = useRefreshLending();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const settle = async () => {
    if (!balance) return;
    setBusy(true);
    setError('');
    try {
      unwrap(
        await api.POST('/api/lending/settle/', {
          body: { counterparty: balance.counterparty, currency: balance.currency },
        }),
      );
      await refresh();
      onClose();
      onDone(
        t('Settled up with {{person}} in {{currency}}.', {
          person: balance.counterparty,
          currency: balance.currency,
        }),
      );
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened={!!balance}
      onClose={onClose}
      title={t('Settle up')}
      closeButtonProps={{ 'aria-label': t('Close') }}
    >
      <Stack>
        {balance && <Plan balance={balance} />}
        <Text size="sm">{t('Every open item in this currency is marked repaid.')}</Text>
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('Cancel')}
          </Button>
          <Button onClick={() => void settle()} loading={busy}>
            {t('Settle up')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
