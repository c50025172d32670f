/**
 * Writes made offline: kept on the device, shown as "Waiting to sync", and sent when the
 * connection returns, each with its Idempotency-Key (the entry's id) so a retry after a
 * lost answer is never a second write. A refusal or conflict stays on the entry, shown.
 */
import type { Entry, Store } from './store';

/** What sending one entry came to. */
export type Outcome =
  { sent: true } | { sent: false; retry: true } | { sent: false; retry: false; error: string };
export type Sender = (entry: Entry) => Promise<Outcome>;
/** A write to keep: whose, where it shows, what was typed, what to send; `key` if it was tried. */
export type NewWrite = Pick<Entry, 'kind' | 'user' | 'scope' | 'label' | 'body'> & { key?: string };

export interface Queue {
  /** Keep a write for later; resolves with the kept entry. */
  enqueue(write: NewWrite): Promise<Entry>;
  /** Send every waiting entry of the signed-in user, one at a time, oldest first. */
  flush(): Promise<void>;
  /** Forget an entry (a refused one the person has read). */
  dismiss(id: string): Promise<void>;
  setUser(user: string | null): void;
  entries(): Entry[];
  subscribe(listener: () => void): () => void;
}

/** A new Idempotency-Key. */
export function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

function newEntry({ key, ...write }: NewWrite): Entry {
  const createdAt = new Date().toISOString();
  return { ...write, id: key ?? newKey(), createdAt, state: 'waiting' };
}

export function createQueue(store: Store, send: Sender): Queue {
  let rows: Entry[] = [];
  let user: string | null = null;
  let flushing: Promise<void> | null = null;
  const listeners = new Set<() => void>();
  const reload = async () => {
    rows = (await store.all()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    listeners.forEach((listener) => listener());
  };
  const sendOne = async (entry: Entry): Promise<boolean> => {
    const outcome = await send(entry).catch((): Outcome => ({ sent: false, retry: true }));
    if (outcome.sent) await store.remove(entry.id);
    else if (!outcome.retry) await store.put({ ...entry, state: 'failed', error: outcome.error });
    return outcome.sent || !outcome.retry;
  };
  const drain = async () => {
    await reload();
    for (const entry of rows.filter((row) => row.state === 'waiting' && row.user === user)) {
      // Stop at the first that cannot go yet: the connection is not back, keep the order.
      if (!(await sendOne(entry))) break;
    }
    await reload();
  };
  const queue: Queue = {
    async enqueue(write) {
      const entry = newEntry(write);
      await store.put(entry);
      await reload();
      return entry;
    },
    flush() {
      if (!user) return Promise.resolve();
      flushing ??= drain().finally(() => {
        flushing = null;
      });
      return flushing;
    },
    async dismiss(id) {
      await store.remove(id);
      await reload();
    },
    setUser(next) {
      user = next;
      void reload();
    },
    entries: () => rows,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return queue;
}
