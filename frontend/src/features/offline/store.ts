/** Where writes made offline wait: IndexedDB on the device (data only, never a token). */

export type Kind = 'quick-add' | 'tasks' | 'list-items';

export interface Entry {
  /** Also the request's Idempotency-Key: a retry of this entry is never a second write. */
  id: string;
  kind: Kind;
  /** Whose write it is: only sent while that user is signed in. */
  user: string;
  /** What it belongs to ("list:7"), so a screen shows only its own. */
  scope: string;
  /** What the person typed, shown while it waits. */
  label: string;
  body: Record<string, unknown>;
  createdAt: string;
  state: 'waiting' | 'failed';
  error?: string;
}

export interface Store {
  all(): Promise<Entry[]>;
  put(entry: Entry): Promise<void>;
  remove(id: string): Promise<void>;
}

const DB = 'mysphere-offline';
const TABLE = 'writes';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(TABLE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(
  mode: IDBTransactionMode,
  work: (table: IDBObjectStore) => IDBRequest,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(TABLE, mode).objectStore(TABLE));
      request.onsuccess = () => resolve(request.result as T);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

/** The device's store (IndexedDB). */
export const indexedDbStore: Store = {
  all: () => run<Entry[]>('readonly', (table) => table.getAll()),
  put: (entry) => run<void>('readwrite', (table) => table.put(entry)),
  remove: (id) => run<void>('readwrite', (table) => table.delete(id)),
};

/** A store in memory (tests, or a browser without IndexedDB). */
export function memoryStore(): Store {
  const rows = new Map<string, Entry>();
  return {
    all: async () => [...rows.values()],
    put: async (entry) => void rows.set(entry.id, structuredClone(entry)),
    remove: async (id) => void rows.delete(id),
  };
}
