/** /budgets: a month's plan (create, follow, edit, rebalance), the ranking, and "Should I buy it?". */
import { Group, Skeleton, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { $api } from '../../api/client';
import { Categories } from './Categories';
import { CreatePlan } from './CreatePlan';
import { monthOf } from './plan';
import { PlanView } from './PlanView';
import { ShouldIBuy } from './ShouldIBuy';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export default function BudgetsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('month') ?? '';
  const month = MONTH.test(asked) ? asked : monthOf();
  const plans = $api.useQuery('get', '/api/budgets/', { params: { query: { month } } });
  const plan = plans.data?.results[0];
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('Budgets')}</Title>
        <TextInput
          type="month"
          label={t('Month')}
          value={month}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (MONTH.test(value)) setParams(value === monthOf() ? {} : { month: value });
          }}
        />
      </Group>
      {!plans.data && <Skeleton height={240} />}
      {plans.data && !plan && <CreatePlan key={month} month={month} />}
      {plan && <PlanView key={plan.budget_id} plan={plan} month={month} />}
      <ShouldIBuy />
      <Categories />
    </Stack>
  );
}
