/** "Should I buy it?": what and how much (and maybe its category) → Buy, Wait or Don't buy, with reasons. */
import { Button, Group, List, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { CATEGORIES } from '../expenses/filters';
import { Panel, useFormat } from '../expenses/shared';
import type { AdviceCategory } from './plan';

type Advice = components['schemas']['PurchaseAdviceResponse'];
export const VERDICTS: Record<Advice['decision'], string> = {
  buy: 'Buy',
  wait: 'Wait',
  dont_buy: "Don't buy",
};
const COLORS: Record<Advice['decision'], string> = {
  buy: 'green',
  wait: 'yellow',
  dont_buy: 'red',
};

function Verdict({ advice }: { advice: Advice }) {
  const { t, money, date } = useFormat();
  const renewals = advice.check?.upcoming_renewals_in_category ?? [];
  return (
    <Stack gap={6}>
      <Text
        fw={800}
        size="xl"
        style={{
          borderLeft: `6px solid var(--mantine-color-${COLORS[advice.decision]}-6)`,
          paddingLeft: 10,
        }}
      >
        {t(VERDICTS[advice.decision])}
      </Text>
      <Text>{advice.reason}</Text>
      <Text size="sm">{advice.impact_on_budget}</Text>
      {renewals.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            {t('Renewals still due in {{category}}', { category: t(advice.category) })}:
          </Text>
          <List size="sm">
            {renewals.map((renewal) => (
              <List.Item key={`${renewal.subscription_id}-${renewal.due_date}`}>
                {renewal.name}: {money(renewal.amount, renewal.currency)} ({date(renewal.due_date)})
              </List.Item>
            ))}
          </List>
        </>
      )}
      {advice.alternative_suggestions.length > 0 && (
        <List size="sm">
          {advice.alternative_suggestions.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function useAdvice() {
  const { t } = useFormat();
  const [advice, setAdvice] = useState<Advice | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const ask = async (what: string, price: string, category: string | null) => {
    setBusy(true);
    setError('');
    try {
      const body = {
        description: what.trim(),
        amount: price.trim(),
        ...(category ? { category: category as AdviceCategory } : {}),
      };
      setAdvice(unwrap(await api.POST('/api/budgets/purchase_advice/', { body })));
    } catch (caught) {
      setAdvice(null);
      setError(
        caught instanceof ApiError ? caught.message : t('Could not reach MY SPHERE. Try again.'),
      );
    } finally {
      setBusy(false);
    }
  };
  return { advice, error, busy, ask };
}

export function ShouldIBuy() {
  const { t } = useFormat();
  const [what, setWhat] = useState('');
  const [price, setPrice] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const { advice, error, busy, ask } = useAdvice();
  const check = (event: FormEvent) => {
    event.preventDefault();
    void ask(what, price, category);
  };
  return (
    <Panel title={t('Should I buy it?')}>
      <form onSubmit={check}>
        <Group align="flex-end">
          <TextInput
            label={t('What')}
            required
            value={what}
            onChange={(e) => setWhat(e.currentTarget.value)}
            maxLength={200}
          />
          <TextInput
            label={t('Price')}
            required
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.currentTarget.value)}
            w={120}
          />
          <Select
            label={t('Category')}
            placeholder={t('Guess from the words')}
            data={CATEGORIES.map((name) => ({ value: name, label: t(name) }))}
            value={category}
            onChange={setCategory}
            clearable
            clearButtonProps={{ 'aria-label': t('Clear category') }}
          />
          <Button type="submit" loading={busy}>
            {t('Check')}
          </Button>
        </Group>
      </form>
      <div role="status" aria-live="polite">
        {advice && <Verdict advice={advice} />}
        {error && <Text c="var(--mantine-color-red-text)">{error}</Text>}
      </div>
    </Panel>
  );
}
