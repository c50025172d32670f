/**
 * The app's one offline queue (IndexedDB), flushed when the browser says it is online again,
 * every 30 s while something waits, and when a signed-in screen asks. Across tabs the Web
 * Locks API lets one tab send at a time; the Idempotency-Key covers the rest.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { useMe } from '../../app/auth';
import { createQueue, type NewWrite, type Queue } from './queue';
import { send } from './senders';
import { indexedDbStore, memoryStore, type Entry, type Kind } from './store';

const store = typeof indexedDB === 'undefined' ? memoryStore() : indexedDbStore;

function withLock(work: () => Promise<void>): Promise<void> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request('mysphere-offline-sync', work).then(() => undefined) : work();
}

const inner = createQueue(store, send);
export const queue: Queue = { ...inner, flush: () => withLock(() => inner.flush()) };

/** True when a write should wait on the device rather than be tried now. */
export function offlineNow(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** A fetch that failed for want of a connection (not an answer from the server). */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError;
}

let started = false;
function start(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  window.addEventListener('online', () => void queue.flush());
  setInterval(() => {
    if (!offlineNow() && inner.entries().some((row) => row.state === 'waiting')) void queue.flush();
  }, 30_000);
}

/** Tie the queue to the signed-in user and keep it flowing; mounted once by the shell. */
export function useOfflineSync(): void {
  const username = useMe()?.username ?? null;
  const queryClient = useQueryClient();
  useEffect(() => {
    start();
    queue.setUser(username);
    if (username && !offlineNow()) void queue.flush();
  }, [username]);
  // Whenever writes leave the device, every screen shows them.
  useEffect(() => {
    let last = inner.entries().length;
    return queue.subscribe(() => {
      const now = inner.entries().length;
      if (now < last) void queryClient.invalidateQueries();
      last = now;
    });
  }, [queryClient]);
}

/** The entries of one kind and scope, live. */
export function usePending(kind: Kind, scope: string): Entry[] {
  const rows = useSyncExternalStore(queue.subscribe, queue.entries, queue.entries);
  return rows.filter((row) => row.kind === kind && row.scope === scope);
}

/** Keep a write on the device (under the key its first try used, if any); sent when online. */
export async function keep(write: NewWrite): Promise<Entry> {
  const entry = await queue.enqueue(write);
  if (!offlineNow()) void queue.flush();
  return entry;
}
