/**
 * /expenses opened directly (a reload, a link): its first page is asked for as soon as the
 * session is restored, while the shell's and the page's code load and render, so the page
 * renders with its rows at once instead of asking only once it is on screen.
 */
import { session } from '../../api/session';
import { $api } from '../../api/client';
import { queryClient } from '../../app/queryClient';
import { readFilters, toQuery, type Filters } from './filters';

/** A page of the list stays fresh this long (every write refreshes it anyway). */
export const LIST_STALE_MS = 30_000;

/** The list query's request for some filters (the page's and the prefetch's key). */
export const listRequest = (filters: Filters) => ({ params: { query: toQuery(filters) } });

/** The access token once the session is restored (null: signed out). */
function restored(): Promise<string | null> {
  const token = session.accessToken();
  if (token) return Promise.resolve(token);
  return new Promise((resolve) => {
    const stop = session.subscribe((next) => {
      stop();
      resolve(next);
    });
  });
}

/** Fetch the list's page for the URL's query string into the cache, once signed in. */
export async function prefetch(search: string): Promise<void> {
  if (!(await restored())) return;
  const filters = readFilters(new URLSearchParams(search));
  await queryClient.prefetchQuery({
    ...$api.queryOptions('get', '/api/expenses/', listRequest(filters)),
    staleTime: LIST_STALE_MS,
  });
}
