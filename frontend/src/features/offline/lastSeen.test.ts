import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forget, keep, MAX_AGE_MS, restore, type Shelf } from './lastSeen';

function memoryShelf(): Shelf & { value?: Awaited<ReturnType<Shelf['get']>> } {
  const shelf: Shelf & { value?: Awaited<ReturnType<Shelf['get']>> } = {
    get: async () => shelf.value,
    set: async (value) => {
      shelf.value = value;
    },
    del: async () => {
      shelf.value = undefined;
    },
  };
  return shelf;
}

const TASKS = ['get', '/api/todos/'];

async function savedBy(user: number, shelf: Shelf) {
  vi.useFakeTimers();
  const client = new QueryClient();
  const stop = keep(client, user, shelf);
  client.setQueryData(TASKS, [{ title: 'Pay rent' }]);
  await vi.advanceTimersByTimeAsync(1_500);
  stop();
  vi.useRealTimers();
}

afterEach(() => vi.useRealTimers());

describe('the last answers seen', () => {
  it('come back for the same user', async () => {
    const shelf = memoryShelf();
    await savedBy(7, shelf);
    const next = new QueryClient();
    await restore(next, 7, shelf);
    expect(next.getQueryData(TASKS)).toEqual([{ title: 'Pay rent' }]);
  });

  it('are never shown to another user, and are deleted then', async () => {
    const shelf = memoryShelf();
    await savedBy(7, shelf);
    const next = new QueryClient();
    await restore(next, 8, shelf);
    expect(next.getQueryData(TASKS)).toBeUndefined();
    expect(shelf.value).toBeUndefined();
  });

  it('expire, and are forgotten at log-out', async () => {
    const shelf = memoryShelf();
    await savedBy(7, shelf);
    const later = new QueryClient();
    await restore(later, 7, shelf, Date.now() + MAX_AGE_MS + 60_000);
    expect(later.getQueryData(TASKS)).toBeUndefined();
    await savedBy(7, shelf);
    await forget(shelf);
    expect(shelf.value).toBeUndefined();
  });
});
