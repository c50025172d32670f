/** What was spent per category in a month (the plan's currency), for a plan not saved yet. */
import { $api } from '../../api/client';
import { monthRange } from './plan';

export function useMonthSpending(
  month: string,
  currency: string | undefined,
): Record<string, string> {
  const query = $api.useQuery(
    'get',
    '/api/expenses/analytics/',
    { params: { query: monthRange(month) } },
    { enabled: Boolean(currency) },
  );
  const row = query.data?.currencies.find((item) => item.currency === currency);
  return Object.fromEntries((row?.by_category ?? []).map((item) => [item.category, item.total]));
}
