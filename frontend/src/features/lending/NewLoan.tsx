/** "New loan": "Person", "Amount", "I lent" / "I borrowed", "Due date". */
import {
  Autocomplete,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  TextInput,
} from '@mantine/core';
import { Controller, useForm, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/auth';
import { useServerForm } from '../auth/useServerForm';
import { useRefreshLending } from './hooks';

interface Values {
  counterparty_name: string;
  amount: string;
  direction: 'lent' | 'borrowed';
  due_date: string;
  description: string;
}

interface Props {
  opened: boolean;
  onClose: () => void;
  people: string[];
  onSaved: (text: string) => void;
}

function DirectionField({ form }: { form: UseFormReturn<Values> }) {
  const { t } = useTranslation();
  return (
    <Controller
      control={form.control}
      name="direction"
      render={({ field }) => (
        <SegmentedControl
          aria-label={t('Direction')}
          data={[
            { value: 'lent', label: t('I lent') },
            { value: 'borrowed', label: t('I borrowed') },
          ]}
          {...field}
        />
      )}
    />
  );
}

function LoanFields({
  form,
  people,
  formError,
}: {
  form: UseFormReturn<Values>;
  people: string[];
  formError: string | null;
}) {
  const { t } = useTranslation();
  const errors = form.formState.errors;
  return (
    <>
      <Controller
        control={form.control}
        name="counterparty_name"
        rules={{ required: t('Who is it with?') }}
        render={({ field }) => (
          <Autocomplete
            label={t('Person')}
            data={people}
            data-autofocus
            error={errors.counterparty_name?.message ?? formError}
            {...field}
          />
        )}
      />
      <TextInput
        label={t('Amount')}
        inputMode="decimal"
        error={errors.amount?.message}
        {...form.register('amount', { required: t('Enter an amount.') })}
      />
      <DirectionField form={form} />
      <TextInput
        type="date"
        label={t('Due date')}
        error={errors.due_date?.message}
        {...form.register('due_date')}
      />
      <TextInput
        label={t('What for')}
        error={errors.description?.message}
        {...form.register('description')}
      />
    </>
  );
}

export function NewLoan({ opened, onClose, people, onSaved }: Props) {
  const { t } = useTranslation();
  const currency = useMe()?.profile.currency ?? 'USD';
  const refresh = useRefreshLending();
  const form = useForm<Values>({
    defaultValues: {
      counterparty_name: '',
      amount: '',
      direction: 'lent',
      due_date: '',
      description: '',
    },
  });
  const { run, formError } = useServerForm(form);
  const onSubmit = run(async (values) => {
    const loan = unwrap(
      await api.POST('/api/lending/', {
        body: {
          ...values,
          amount: values.amount.replace(',', '.').trim(),
          currency,
          due_date: values.due_date || null,
        },
      }),
    );
    await refresh();
    form.reset();
    onClose();
    onSaved(
      t('Saved: {{direction}} {{amount}} {{currency}}, {{person}}.', {
        direction: t(loan.direction),
        amount: loan.amount,
        currency: loan.currency,
        person: loan.counterparty_name,
      }),
    );
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('New loan')}
      closeButtonProps={{ 'aria-label': t('Close') }}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <LoanFields form={form} people={people} formError={formError} />
          <Group justify="flex-end">
            <Button type="submit" loading={form.formState.isSubmitting}>
              {t('Save loan')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
