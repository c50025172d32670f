/** The lending screens' server state. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Loan } from './balance';

type Page<T> = { results: T[]; next?: string | null };

/** Every row of a paged collection, page after page. */
async function allPages<T>(fetchPage: (page: number) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page += 1) {
    const data = await fetchPage(page);
    out.push(...data.results);
    if (!data.next) return out;
  }
}

/** Per person and currency: the balance, open items and reliability (all pages). */
export function useCounterparties() {
  return useQuery({
    queryKey: ['get', '/api/lending/counterparties/'],
    queryFn: () =>
      allPages(async (page) =>
        unwrap(
          await api.GET('/api/lending/counterparties/', {
            params: { query: { page, page_size: 100 } },
          }),
        ),
      ),
  });
}

/** Every record with one person (any case and spacing), newest first, all pages. */
export function usePersonLoans(name: string) {
  return useQuery({
    queryKey: ['lending', 'person', name],
    queryFn: () =>
      allPages<Loan>(async (page) =>
        unwrap(
          await api.GET('/api/lending/', {
            params: { query: { counterparty: name, ordering: '-lent_date', page, page_size: 100 } },
          }),
        ),
      ),
  });
}

export function useRefreshLending() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries();
}
