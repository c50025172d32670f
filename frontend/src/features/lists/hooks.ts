/**
 * The lists' server state. An open list polls (with `If-None-Match`: 304s while nothing
 * changed), so people shopping together see each other's ticks.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { $api, api, unwrap } from '../../api/client';
import type { Item } from './aisles';
import { ifChanged } from './versions';

/** How often an open list asks for changes (the issue asks for others' ticks within 5 s). */
export const POLL_MS = 3_000;

export const itemsKey = (listId: number) => ['lists', listId, 'items'] as const;

/** The list, polled with `If-None-Match` (a 304 while nothing changed). */
export function useList(listId: number) {
  const params = { path: { list_id: String(listId) } };
  return useQuery({
    queryKey: $api.queryOptions('get', '/api/lists/{list_id}/', { params }).queryKey,
    refetchInterval: POLL_MS,
    queryFn: () =>
      ifChanged(`list:${listId}`, (headers) =>
        api.GET('/api/lists/{list_id}/', { params: { ...params, header: headers } }),
      ),
  });
}

/** Its items, polled the same way. */
export function useItems(listId: number) {
  return useQuery({
    queryKey: itemsKey(listId),
    refetchInterval: POLL_MS,
    queryFn: async () =>
      (
        await ifChanged(`items:${listId}`, (headers) =>
          api.GET('/api/lists/{list_id}/items/', {
            params: {
              path: { list_id: String(listId) },
              query: { page_size: 500 },
              header: headers,
            },
          }),
        )
      ).results,
  });
}

export function useEstimate(listId: number, enabled: boolean) {
  return $api.useQuery(
    'get',
    '/api/lists/{list_id}/estimate/',
    { params: { path: { list_id: String(listId) } } },
    { enabled, staleTime: 30_000, retry: false },
  );
}

/** Tick or untick at once on this screen, then on the server. */
export function useToggleItem(listId: number) {
  const queryClient = useQueryClient();
  const key = itemsKey(listId);
  return useMutation({
    mutationFn: async ({ item, checked }: { item: Item; checked: boolean }) =>
      unwrap(
        await api.PATCH('/api/lists/{list_id}/items/{item_id}/', {
          params: { path: { list_id: String(listId), item_id: item.item_id ?? 0 } },
          body: { is_checked: checked },
        }),
      ),
    onMutate: async ({ item, checked }) => {
      await queryClient.cancelQueries({ queryKey: key });
      queryClient.setQueryData<Item[]>(key, (items) =>
        items?.map((row) => (row.item_id === item.item_id ? { ...row, is_checked: checked } : row)),
      );
    },
    onSettled: () => queryClient.invalidateQueries(),
  });
}

/** Every query of this list (and of lists in general) again, after a write. */
export function useRefreshLists() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries();
}
