/**
 * Reads offline: the server's answers this device last saw (the TanStack Query cache,
 * dehydrated) kept in IndexedDB for the signed-in user only, put back when the app opens,
 * forgotten at log-out. Data only, never a token; another user's copy is never restored.
 */
import { dehydrate, hydrate, type DehydratedState, type QueryClient } from '@tanstack/react-query';
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

/** How long a copy is good for (and how long unused answers stay in memory to be kept). */
export const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const SAVE_AFTER_MS = 1_000;
const KEY = 'last-seen';
// Bump when the shape of saved answers changes: older copies are then dropped.
const VERSION = 1;

interface Saved {
  user: number;
  version: number;
  savedAt: number;
  state: DehydratedState;
}

/** Where the copy lives: IndexedDB by default, a Map in unit tests. */
export interface Shelf {
  get(): Promise<Saved | undefined>;
  set(value: Saved): Promise<void>;
  del(): Promise<void>;
}

let idb: UseStore | undefined;
const database = () => (idb ??= createStore('mysphere-last-seen', 'queries'));

export const indexedDbShelf: Shelf = {
  get: () => get<Saved>(KEY, database()),
  set: (value) => set(KEY, value, database()),
  del: () => del(KEY, database()),
};

/** Put the user's last copy back into the cache (a copy of anyone else's, or too old, is deleted). */
export async function restore(
  client: QueryClient,
  user: number,
  shelf: Shelf = indexedDbShelf,
  now = Date.now(),
): Promise<void> {
  const saved = await shelf.get().catch(() => undefined);
  if (!saved) return;
  if (saved.user !== user || saved.version !== VERSION || now - saved.savedAt > MAX_AGE_MS) {
    await shelf.del().catch(() => undefined);
    return;
  }
  // Answers already fetched in this page are newer and stay.
  hydrate(client, saved.state);
}

/** Save the cache (its successful answers) a moment after it changes; returns the stop. */
export function keep(client: QueryClient, user: number, shelf: Shelf = indexedDbShelf) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    const state = dehydrate(client, { shouldDehydrateMutation: () => false });
    // A full or refused storage only costs the offline copy.
    void shelf.set({ user, version: VERSION, savedAt: Date.now(), state }).catch(() => undefined);
  };
  const unsubscribe = client.getQueryCache().subscribe(() => {
    timer ??= setTimeout(save, SAVE_AFTER_MS);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/** Forget the copy (log-out, or nobody signed in). */
export function forget(shelf: Shelf = indexedDbShelf): Promise<void> {
  return shelf.del().catch(() => undefined);
}
