/** The list's filters: each change rewrites the URL (page back to 1), so views can be shared. */
import {
  Button,
  Collapse,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  activeCount,
  CATEGORIES,
  CURRENCIES,
  NO_FILTERS,
  PAYMENT_METHODS,
  type Category,
  type Filters,
} from './filters';

interface Props {
  filters: Filters;
  onChange: (filters: Filters) => void;
}
type Set = (patch: Partial<Filters>) => void;

/** A text filter typed freely, written to the URL once the typing pauses. */
function useTyped(value: string, commit: (value: string) => void) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }
  const debounced = useDebouncedCallback(commit, 350);
  return {
    value: text,
    onChange: (event: { currentTarget: { value: string } }) => {
      setText(event.currentTarget.value);
      debounced(event.currentTarget.value);
    },
  };
}

function TypedFilters({ filters, set }: { filters: Filters; set: Set }) {
  const { t } = useTranslation();
  const search = useTyped(filters.search, (value) => set({ search: value }));
  const minimum = useTyped(filters.min_amount, (value) => set({ min_amount: value }));
  const maximum = useTyped(filters.max_amount, (value) => set({ max_amount: value }));
  return (
    <>
      <TextInput label={t('Search')} {...search} />
      <TextInput
        type="date"
        label={t('From')}
        value={filters.date_from}
        onChange={(event) => set({ date_from: event.currentTarget.value })}
      />
      <TextInput
        type="date"
        label={t('To')}
        value={filters.date_to}
        onChange={(event) => set({ date_to: event.currentTarget.value })}
      />
      <TextInput label={t('Minimum amount')} inputMode="decimal" {...minimum} />
      <TextInput label={t('Maximum amount')} inputMode="decimal" {...maximum} />
    </>
  );
}

function ChoiceFilters({ filters, set }: { filters: Filters; set: Set }) {
  const { t } = useTranslation();
  return (
    <>
      <MultiSelect
        label={t('Category')}
        data={CATEGORIES.map((name) => ({ value: name, label: t(name) }))}
        value={filters.category}
        onChange={(value) => set({ category: value as Category[] })}
        clearable
        clearButtonProps={{ 'aria-label': t('Clear categories') }}
      />
      <Select
        label={t('Payment method')}
        data={PAYMENT_METHODS.map((method) => ({ value: method, label: t(method) }))}
        value={filters.payment_method || null}
        onChange={(value) => set({ payment_method: value ?? '' })}
        clearable
        clearButtonProps={{ 'aria-label': t('Clear payment method') }}
      />
      <Select
        label={t('Currency')}
        data={CURRENCIES}
        searchable
        value={filters.currency || null}
        onChange={(value) => set({ currency: value ?? '' })}
        clearable
        clearButtonProps={{ 'aria-label': t('Clear currency') }}
      />
    </>
  );
}

export function ExpenseFilters({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const [open, toggle] = useDisclosure(false);
  const set: Set = (patch) => onChange({ ...filters, ...patch, page: 1 });
  const count = activeCount(filters);
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('Filters')}>
      {phone && (
        <Button variant="default" fullWidth onClick={toggle.toggle} aria-expanded={open}>
          {count ? t('Filters ({{count}})', { count }) : t('Filters')}
        </Button>
      )}
      <Collapse expanded={!phone || open}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" mt={phone ? 'sm' : 0}>
          <ChoiceFilters filters={filters} set={set} />
          <TypedFilters filters={filters} set={set} />
        </SimpleGrid>
      </Collapse>
      {count > 0 && (
        <Group mt="sm">
          <Button variant="subtle" onClick={() => onChange(NO_FILTERS)}>
            {t('Clear filters')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
