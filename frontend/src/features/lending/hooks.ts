/** The lending screens' server state. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { $api, api, unwrap } from '../../api/client';
import type { Loan } from './balance';

export function useCounterparties() {
  return $api.useQuery('get', '/api/lending/counterparties/');
}

/** Every record with one person (any case and spacing), newest first, all pages. */
export function usePersonLoans(name: string) {
  return useQuery({
    queryKey: ['lending', 'person', name],
    queryFn: async () => {
      const out: Loan[] = [];
      for (let page = 1; ; page += 1) {
        const data = unwrap(
          await api.GET('/api/lending/', {
            params: { query: { counterparty: name, ordering: '-lent_date', page, page_size: 100 } },
          }),
        );
        out.push(...data.results);
        if (!data.next) return out;
      }
    },
  });
}

export function useRefreshLending() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries();
}
