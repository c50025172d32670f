/** "Record repayment" on one record: the amount (at most what is outstanding) and the day. */
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useServerForm } from '../auth/useServerForm';
import type { Loan } from './balance';
import { useRefreshLending } from './hooks';

interface Values {
  amount: string;
  date: string;
}

interface Props {
  loan: Loan | null;
  onClose: () => void;
  onDone: (text: string) => void;
}

export function RepayDialog({ loan, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const refresh = useRefreshLending();
  const form = useForm<Values>({ values: { amount: loan?.outstanding ?? '', date: '' } });
  const { run, formError } = useServerForm(form);
  const errors = form.formState.errors;
  const onSubmit = run(async (values) => {
    if (!loan) return;
    const result = unwrap(
      await api.POST('/api/lending/{lending_id}/repay/', {
        params: { path: { lending_id: String(loan.lending_id) } },
        body: { amount: values.amount.replace(',', '.').trim(), date: values.date || undefined },
      }),
    );
    await refresh();
    onClose();
    onDone(
      t('Repayment of {{amount}} {{currency}} recorded; {{left}} left.', {
        amount: result.repayment.amount,
        currency: loan.currency,
        left: result.lending.outstanding,
      }),
    );
  });
  return (
    <Modal
      opened={!!loan}
      onClose={onClose}
      title={t('Record repayment')}
      closeButtonProps={{ 'aria-label': t('Close') }}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput
            label={t('Amount')}
            inputMode="decimal"
            data-autofocus
            error={errors.amount?.message ?? formError}
            {...form.register('amount', { required: t('Enter an amount.') })}
          />
          <TextInput
            type="date"
            label={t('Date')}
            error={errors.date?.message}
            {...form.register('date')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={form.formState.isSubmitting}>
              {t('Record repayment')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
