import { describe, expect, it } from 'vitest';
import { createQueue, type Outcome } from './queue';
import { memoryStore, type Entry } from './store';

function write(label: string, user: string, kind: Entry['kind']) {
  return { kind, user, scope: kind, label, body: { text: label } };
}

function server(answers: Outcome[]) {
  const seen: Entry[] = [];
  const send = async (entry: Entry) => {
    seen.push(entry);
    return answers.shift() ?? { sent: true };
  };
  return { seen, send };
}

describe('the offline queue', () => {
  it('keeps writes until the connection returns, then sends each once with its key', async () => {
    const api = server([{ sent: false, retry: true }]);
    const queue = createQueue(memoryStore(), api.send);
    queue.setUser('ana');
    const first = await queue.enqueue(write('coffee 4.50', 'ana', 'quick-add'));
    await queue.enqueue(write('lunch 12', 'ana', 'quick-add'));

    await queue.flush(); // still offline: the first stays, the second is not tried out of order
    expect(api.seen.map((e) => e.label)).toEqual(['coffee 4.50']);
    expect(queue.entries().map((e) => e.state)).toEqual(['waiting', 'waiting']);

    await queue.flush(); // back online
    expect(api.seen.map((e) => e.label)).toEqual(['coffee 4.50', 'coffee 4.50', 'lunch 12']);
    expect(api.seen[0]!.id).toBe(first.id);
    expect(api.seen[1]!.id).toBe(first.id);
    expect(queue.entries()).toEqual([]);
  });

  it('shows a refusal on the entry instead of losing it', async () => {
    const api = server([{ sent: false, retry: false, error: 'Amount must be greater than 0.' }]);
    const queue = createQueue(memoryStore(), api.send);
    queue.setUser('ana');
    await queue.enqueue(write('x', 'ana', 'tasks'));
    await queue.flush();
    await queue.flush();
    expect(api.seen).toHaveLength(1);
    expect(queue.entries()).toMatchObject([
      { state: 'failed', error: 'Amount must be greater than 0.' },
    ]);
  });

  it("sends only the signed-in user's writes, one flush at a time", async () => {
    const api = server([]);
    const queue = createQueue(memoryStore(), api.send);
    await queue.enqueue(write('bob task', 'bob', 'tasks'));
    queue.setUser('ana');
    await queue.enqueue(write('ana task', 'ana', 'tasks'));
    await Promise.all([queue.flush(), queue.flush()]);
    expect(api.seen.map((e) => e.label)).toEqual(['ana task']);
    expect(queue.entries().map((e) => e.label)).toEqual(['bob task']);
  });
});
