/** New or Edit an expense: a dialog whose server errors land on the field they name. */
import { zodResolver } from '@hookform/resolvers/zod';
import { Group, Select, TextInput, Textarea } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/auth';
import { useServerForm } from '../auth/useServerForm';
import { CATEGORIES, CURRENCIES, PAYMENT_METHODS, type Expense } from './filters';
import { FormDialog, SaveForm, useRefresh } from './shared';

const schema = z.object({
  amount: z.string().trim().min(1, 'Enter an amount.'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Choose a currency.'),
  category: z.string(),
  vendor: z.string().max(200),
  transaction_date: z.string(),
  payment_method: z.string(),
  notes: z.string().max(2000),
});
type Values = z.infer<typeof schema>;

function initialValues(expense: Expense | null, currency: string): Values {
  const blank: Values = {
    amount: '',
    currency,
    category: '',
    vendor: '',
    transaction_date: '',
    payment_method: 'card',
    notes: '',
  };
  if (!expense) return blank;
  const known = Object.entries(expense).filter(
    ([key, value]) => key in blank && value !== null && value !== undefined,
  );
  return { ...blank, ...Object.fromEntries(known) };
}

/** The request body: blank optional fields left for the server's defaults. */
function body(values: Values) {
  return {
    amount: values.amount.trim(),
    currency: values.currency,
    vendor: values.vendor.trim(),
    notes: values.notes,
    payment_method: values.payment_method as (typeof PAYMENT_METHODS)[number],
    ...(values.category ? { category: values.category } : {}),
    ...(values.transaction_date ? { transaction_date: values.transaction_date } : {}),
  };
}

type Form = ReturnType<typeof useForm<Values>>;
type Choice = 'currency' | 'category' | 'payment_method';

function FormSelect({
  form,
  name,
  label,
  data,
}: {
  form: Form;
  name: Choice;
  label: string;
  data: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const message = form.formState.errors[name]?.message;
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <Select label={label} data={data} searchable error={message && t(message)} {...field} />
      )}
    />
  );
}

function Fields({ form }: { form: Form }) {
  const { t } = useTranslation();
  const errors = form.formState.errors;
  return (
    <>
      <Group grow align="flex-start">
        <TextInput
          label={t('Amount')}
          inputMode="decimal"
          data-autofocus
          error={errors.amount?.message && t(errors.amount.message)}
          {...form.register('amount')}
        />
        <FormSelect
          form={form}
          name="currency"
          label={t('Currency')}
          data={CURRENCIES.map((code) => ({ value: code, label: code }))}
        />
      </Group>
      <FormSelect
        form={form}
        name="category"
        label={t('Category')}
        data={CATEGORIES.map((name) => ({ value: name, label: t(name) }))}
      />
      <TextInput label={t('Vendor')} error={errors.vendor?.message} {...form.register('vendor')} />
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label={t('Date')}
          error={errors.transaction_date?.message}
          {...form.register('transaction_date')}
        />
        <FormSelect
          form={form}
          name="payment_method"
          label={t('Payment method')}
          data={PAYMENT_METHODS.map((method) => ({ value: method, label: t(method) }))}
        />
      </Group>
      <Textarea
        label={t('Notes')}
        autosize
        minRows={2}
        error={errors.notes?.message}
        {...form.register('notes')}
      />
    </>
  );
}

interface Props {
  expense: Expense | null;
  onClose: () => void;
  onSaved: (expense: Expense) => void;
}

function ExpenseFormBody({ expense, onClose, onSaved }: Props) {
  const me = useMe();
  const refresh = useRefresh();
  const form = useForm<Values>({
    defaultValues: initialValues(expense, me?.profile.currency ?? 'USD'),
    resolver: zodResolver(schema),
  });
  const { run, formError } = useServerForm(form);
  const onSubmit = run(async (values) => {
    const saved = expense
      ? unwrap(
          await api.PATCH('/api/expenses/{expense_id}/', {
            params: { path: { expense_id: String(expense.expense_id) } },
            body: body(values),
          }),
        )
      : unwrap(await api.POST('/api/expenses/', { body: body(values) }));
    await refresh();
    onSaved(saved);
  });
  return (
    <SaveForm
      onSubmit={onSubmit}
      onCancel={onClose}
      error={formError}
      saving={form.formState.isSubmitting}
    >
      <Fields form={form} />
    </SaveForm>
  );
}

/** The dialog: "New expense" or "Edit expense". */
export default function ExpenseFormModal({ opened, ...props }: Props & { opened: boolean }) {
  const { t } = useTranslation();
  return (
    <FormDialog
      opened={opened}
      onClose={props.onClose}
      title={props.expense ? t('Edit expense') : t('New expense')}
    >
      <ExpenseFormBody key={props.expense?.expense_id ?? 'new'} {...props} />
    </FormDialog>
  );
}
