/** What the shop should cost, against this month's Groceries budget. */
import { Card, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, localeFor } from '../../app/format';
import { useEstimate } from './hooks';

export function Estimate({ listId }: { listId: number }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const estimate = useEstimate(listId, true);
  const data = estimate.data;
  const locale = localeFor(i18n.language);
  const totals = (data?.estimate ?? []).map((row) => formatMoney(row.total, row.currency, locale));
  return (
    <Card component="section" aria-labelledby={id} withBorder padding="sm">
      <Title order={2} size="h5" id={id}>
        {t('Estimate')}
      </Title>
      {data && (
        <>
          <Text>
            {totals.length ? totals.join(' + ') : t('No prices or past shops to go by yet.')}
          </Text>
          <Text size="sm" c="dimmed">
            {data.budget_message}
          </Text>
        </>
      )}
    </Card>
  );
}
