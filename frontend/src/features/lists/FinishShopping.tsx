/** "Finish shopping": the till's "Total" and the "Store" become one Groceries expense ("Undo" takes it back). */
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { formatMoney, localeFor } from '../../app/format';
import { useServerForm } from '../auth/useServerForm';
import { useRefreshLists } from './hooks';

interface Values {
  total: string;
  vendor: string;
}

export interface Shop {
  expenseId: number;
  text: string;
}

interface Props {
  listId: number;
  opened: boolean;
  lastVendor: string;
  onClose: () => void;
  onDone: (shop: Shop) => void;
}

export function FinishShopping({ listId, opened, lastVendor, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshLists();
  const form = useForm<Values>({ values: { total: '', vendor: lastVendor } });
  const { run, formError } = useServerForm(form, { total: 'total', vendor: 'vendor' });
  const onSubmit = run(async (values) => {
    const result = unwrap(
      await api.POST('/api/lists/{list_id}/complete_shopping/', {
        params: { path: { list_id: String(listId) } },
        body: { total: values.total.replace(',', '.').trim(), vendor: values.vendor.trim() },
      }),
    );
    const { expense } = result;
    const amount = formatMoney(expense.amount, expense.currency, localeFor(i18n.language));
    await refresh();
    onDone({
      expenseId: expense.expense_id,
      text: t('Recorded {{amount}} at {{store}} as a Groceries expense.', {
        amount,
        store: expense.vendor || values.vendor,
      }),
    });
  });
  const errors = form.formState.errors;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('Finish shopping')}
      closeButtonProps={{ 'aria-label': t('Close') }}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput
            label={t('Total')}
            inputMode="decimal"
            data-autofocus
            error={errors.total?.message ?? formError}
            {...form.register('total', { required: t('Enter what you paid.') })}
          />
          <TextInput
            label={t('Store')}
            error={errors.vendor?.message}
            {...form.register('vendor')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={form.formState.isSubmitting}>
              {t('Record expense')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Take a recorded shop back: its expense deleted, its items back on the list. */
export function useUndoShop(listId: number) {
  const refresh = useRefreshLists();
  return async (expenseId: number) => {
    unwrap(
      await api.POST('/api/lists/{list_id}/undo_shopping/', {
        params: { path: { list_id: String(listId) } },
        body: { expense_id: expenseId },
      }),
    );
    await refresh();
  };
}
