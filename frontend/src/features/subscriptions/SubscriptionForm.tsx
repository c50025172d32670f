/**
 * "New subscription": from text ("Netflix 15.99 monthly, free trial until the 20th",
 * read by the server without saving) or by hand; the form is what is saved.
 */
import { Button, Checkbox, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm, type UseFormReturn } from 'react-hook-form';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../app/auth';
import { useServerForm } from '../auth/useServerForm';
import { CURRENCIES } from '../expenses/filters';
import { FormDialog, SaveForm, useFormat, useRefresh } from '../expenses/shared';

type Parsed = components['schemas']['ParsedSubscription'];
type Cycle = components['schemas']['SubscriptionBillingCycleEnum'];
export const CYCLES: Cycle[] = ['weekly', 'monthly', 'quarterly', 'yearly'];
const today = () => new Date().toLocaleDateString('sv-SE');

interface Values {
  name: string;
  provider: string;
  amount: string;
  currency: string;
  billing_cycle: string;
  start_date: string;
  next_billing_date: string;
  is_trial: boolean;
  trial_end_date: string;
}

function fromText(parsed: Parsed, current: Values): Values {
  return {
    ...current,
    name: parsed.name ?? current.name,
    provider: parsed.provider ?? parsed.name ?? current.provider,
    amount: parsed.amount ?? current.amount,
    currency: parsed.currency || current.currency,
    billing_cycle: CYCLES.includes(parsed.billing_cycle as Cycle)
      ? parsed.billing_cycle
      : current.billing_cycle,
    start_date: parsed.start_date ?? current.start_date,
    next_billing_date: parsed.next_billing_date ?? '',
    is_trial: parsed.is_trial,
    trial_end_date: parsed.trial_end_date ?? '',
  };
}

function bodyOf(values: Values) {
  return {
    name: values.name.trim(),
    provider: values.provider.trim() || values.name.trim(),
    amount: values.amount.trim(),
    currency: values.currency,
    billing_cycle: values.billing_cycle as Cycle,
    start_date: values.start_date,
    ...(values.next_billing_date ? { next_billing_date: values.next_billing_date } : {}),
    ...(values.is_trial ? { is_trial: true, trial_end_date: values.trial_end_date || null } : {}),
  };
}

function FromText({ form }: { form: UseFormReturn<Values> }) {
  const { t, locale } = useFormat();
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const read = async () => {
    try {
      const result = unwrap(
        await api.POST('/api/subscriptions/parse_text/', { body: { text, dry_run: true } }),
      );
      form.reset(fromText(result.parsed_data, form.getValues()));
      const confidence = new Intl.NumberFormat(locale, { style: 'percent' }).format(
        result.parsed_data.confidence,
      );
      setNote(
        t('Read with {{value}} confidence: check the form, then save.', { value: confidence }),
      );
    } catch (error) {
      setNote(
        error instanceof ApiError ? error.message : t('Could not reach MY SPHERE. Try again.'),
      );
    }
  };
  return (
    <Stack gap={4}>
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          label={t('Describe a subscription')}
          placeholder={t('Netflix 15.99 monthly, free trial until the 20th')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          data-autofocus
        />
        <Button variant="light" onClick={() => void read()} disabled={!text.trim()}>
          {t('Read')}
        </Button>
      </Group>
      <Text size="sm" role="status" aria-live="polite">
        {note}
      </Text>
    </Stack>
  );
}

type Form = UseFormReturn<Values>;

function FormSelect({
  form,
  name,
  label,
  data,
}: {
  form: Form;
  name: 'currency' | 'billing_cycle';
  label: string;
  data: { value: string; label: string }[];
}) {
  const error = form.formState.errors[name]?.message;
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <Select
          label={label}
          data={data}
          searchable
          allowDeselect={false}
          error={error}
          {...field}
        />
      )}
    />
  );
}

function DateFields({ form }: { form: Form }) {
  const { t } = useFormat();
  const errors = form.formState.errors;
  const trial = form.watch('is_trial');
  return (
    <>
      <TextInput
        type="date"
        label={t('Start date')}
        required
        error={errors.start_date?.message}
        {...form.register('start_date')}
      />
      <TextInput
        type="date"
        label={t('Next payment')}
        error={errors.next_billing_date?.message}
        {...form.register('next_billing_date')}
      />
      <Checkbox label={t('Free trial')} mt="lg" {...form.register('is_trial')} />
      {trial && (
        <TextInput
          type="date"
          label={t('Trial ends')}
          error={errors.trial_end_date?.message}
          {...form.register('trial_end_date')}
        />
      )}
    </>
  );
}

function Fields({ form }: { form: Form }) {
  const { t } = useFormat();
  const errors = form.formState.errors;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
      <TextInput
        label={t('Name')}
        required
        error={errors.name?.message}
        {...form.register('name')}
      />
      <TextInput
        label={t('Provider')}
        error={errors.provider?.message}
        {...form.register('provider')}
      />
      <TextInput
        label={t('Amount')}
        required
        inputMode="decimal"
        error={errors.amount?.message}
        {...form.register('amount')}
      />
      <FormSelect
        form={form}
        name="currency"
        label={t('Currency')}
        data={CURRENCIES.map((code) => ({ value: code, label: code }))}
      />
      <FormSelect
        form={form}
        name="billing_cycle"
        label={t('Cycle')}
        data={CYCLES.map((cycle) => ({ value: cycle, label: t(cycle) }))}
      />
      <DateFields form={form} />
    </SimpleGrid>
  );
}

function FormBody({ onClose }: { onClose: () => void }) {
  const me = useMe();
  const refresh = useRefresh();
  const form = useForm<Values>({
    defaultValues: {
      name: '',
      provider: '',
      amount: '',
      currency: me?.profile.currency ?? 'USD',
      billing_cycle: 'monthly',
      start_date: today(),
      next_billing_date: '',
      is_trial: false,
      trial_end_date: '',
    },
  });
  const { run, formError } = useServerForm(form);
  const onSubmit = run(async (values) => {
    unwrap(await api.POST('/api/subscriptions/', { body: bodyOf(values) }));
    await refresh();
    onClose();
  });
  return (
    <Stack>
      <FromText form={form} />
      <SaveForm
        onSubmit={onSubmit}
        onCancel={onClose}
        error={formError}
        saving={form.formState.isSubmitting}
      >
        <Fields form={form} />
      </SaveForm>
    </Stack>
  );
}

export function SubscriptionFormModal({
  opened,
  onClose,
}: {
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useFormat();
  return (
    <FormDialog opened={opened} onClose={onClose} title={t('New subscription')}>
      <FormBody onClose={onClose} />
    </FormDialog>
  );
}
