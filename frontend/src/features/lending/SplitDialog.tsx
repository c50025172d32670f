/**
 * "Split expense": the people sharing it and their shares (equal or amounts), then who owes
 * what, with a link to Lending.
 */
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  List,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { formatMoney, localeFor } from '../../app/format';
import type { Loan } from './balance';
import { useRefreshLending } from './hooks';
import { splitBody, yourShare, type SplitValues } from './split';

type Expense = components['schemas']['Expense'];
type Form = UseFormReturn<SplitValues>;

function useMoney(currency: string) {
  const { i18n } = useTranslation();
  return (amount: string) => formatMoney(amount, currency, localeFor(i18n.language));
}

/** The server's answer on the form: a share's error on its row, the rest above the form. */
function showErrors(error: unknown, form: Form, t: (key: string) => string): string {
  if (!(error instanceof ApiError)) return t('Could not reach MY SPHERE. Try again.');
  const body = (error.body ?? {}) as Record<string, unknown>;
  const rows = Array.isArray(body.with) ? body.with : [];
  let general = rows.find((row): row is string => typeof row === 'string');
  rows.forEach((row, index) => {
    if (!row || typeof row !== 'object') return;
    for (const [field, messages] of Object.entries(row as Record<string, string[]>)) {
      const name = field === 'share' ? 'share' : 'name';
      form.setError(`people.${index}.${name}`, { message: messages[0] });
    }
  });
  const due = (body.due_date as string[] | undefined)?.[0];
  if (due) form.setError('due_date', { message: due });
  else general ??= rows.length ? undefined : error.message;
  return general ?? '';
}

function PersonRow({
  form,
  index,
  onRemove,
}: {
  form: Form;
  index: number;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const errors = form.formState.errors.people?.[index];
  const amounts = form.watch('mode') === 'amounts';
  const n = index + 1;
  return (
    <Group align="flex-start" wrap="nowrap" gap="xs">
      <TextInput
        style={{ flex: 2 }}
        label={t('Person {{n}}', { n })}
        error={errors?.name?.message}
        data-autofocus={index === 0 || undefined}
        {...form.register(`people.${index}.name`)}
      />
      {amounts && (
        <TextInput
          style={{ flex: 1 }}
          label={t('Share of person {{n}}', { n })}
          inputMode="decimal"
          error={errors?.share?.message}
          {...form.register(`people.${index}.share`)}
        />
      )}
      {onRemove && (
        <ActionIcon
          variant="subtle"
          color="red"
          size={44}
          mt={24}
          onClick={onRemove}
          aria-label={t('Remove person {{n}}', { n })}
        >
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
      )}
    </Group>
  );
}

function ModeField({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Controller
      control={form.control}
      name="mode"
      render={({ field }) => (
        <SegmentedControl
          aria-label={t('Shares')}
          data={[
            { value: 'equal', label: t('Equal shares') },
            { value: 'amounts', label: t('Amounts') },
          ]}
          {...field}
        />
      )}
    />
  );
}

function PeopleFields({ form }: { form: Form }) {
  const { t } = useTranslation();
  const people = useFieldArray({ control: form.control, name: 'people' });
  return (
    <>
      {people.fields.map((field, index) => (
        <PersonRow
          key={field.id}
          form={form}
          index={index}
          onRemove={people.fields.length > 1 ? () => people.remove(index) : undefined}
        />
      ))}
      <Group>
        <Button
          variant="default"
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => people.append({ name: '', share: '' })}
        >
          {t('Add a person')}
        </Button>
      </Group>
    </>
  );
}

function SplitForm({ expense, onDone }: { expense: Expense; onDone: (loans: Loan[]) => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshLending();
  const [formError, setFormError] = useState('');
  const form = useForm<SplitValues>({
    defaultValues: { mode: 'equal', people: [{ name: '', share: '' }], due_date: '' },
  });
  const submit = form.handleSubmit(async (values) => {
    setFormError('');
    try {
      const loans = unwrap(
        await api.POST('/api/expenses/{expense_id}/split/', {
          params: { path: { expense_id: Number(expense.expense_id) } },
          body: splitBody(values),
        }),
      );
      await refresh();
      onDone(loans);
    } catch (error) {
      setFormError(showErrors(error, form, t));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {formError && <Alert color="red">{formError}</Alert>}
        <ModeField form={form} />
        <PeopleFields form={form} />
        <TextInput
          type="date"
          label={t('Due date')}
          error={form.formState.errors.due_date?.message}
          {...form.register('due_date')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={form.formState.isSubmitting}>
            {t('Split')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SplitResult({
  expense,
  loans,
  onClose,
}: {
  expense: Expense;
  loans: Loan[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney(expense.currency ?? 'USD');
  const keep = yourShare(expense.amount, expense.shared_amount, loans);
  return (
    <Stack>
      <Text role="status">{t('Split into {{count}} shares.', { count: loans.length })}</Text>
      <List aria-label={t('Who owes what')}>
        {loans.map((loan) => (
          <List.Item key={loan.lending_id}>
            {t('{{person}} owes you {{amount}}', {
              person: loan.counterparty_name,
              amount: money(loan.amount),
            })}
          </List.Item>
        ))}
        <List.Item>{t('Your share: {{amount}}', { amount: money(keep) })}</List.Item>
      </List>
      <Group justify="space-between">
        <Anchor component={Link} to="/lending">
          {t('See balances in Lending')}
        </Anchor>
        <Button onClick={onClose}>{t('Done')}</Button>
      </Group>
    </Stack>
  );
}

/** The dialog: the form, then the result. */
export default function SplitDialog({
  expense: opened,
  onClose,
}: {
  expense: Expense;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  // The expense as it was when the dialog opened: the split refreshes the page's copy.
  const [expense] = useState(opened);
  const money = useMoney(expense.currency ?? 'USD');
  const [loans, setLoans] = useState<Loan[] | null>(null);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('Split expense')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('Close') }}
      returnFocus={false}
    >
      <Stack>
        <Text>
          {`${expense.vendor || t(expense.category ?? 'Other')} · ${money(expense.amount)}`}
        </Text>
        {loans ? (
          <SplitResult expense={expense} loans={loans} onClose={onClose} />
        ) : (
          <SplitForm expense={expense} onDone={setLoans} />
        )}
      </Stack>
    </Modal>
  );
}
