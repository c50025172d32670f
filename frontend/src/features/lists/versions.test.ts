import { describe, expect, it, vi } from 'vitest';
import { ifChanged } from './versions';

const answer = (status: number, body: unknown, etag?: string) => ({
  data: status === 200 ? body : undefined,
  error: status === 200 ? undefined : '',
  response: new Response(status === 304 ? null : JSON.stringify(body), {
    status,
    headers: etag ? { ETag: etag } : {},
  }),
});

describe('ifChanged', () => {
  it('sends the last ETag and keeps the same data on a 304', async () => {
    const request = vi
      .fn()
      .mockResolvedValueOnce(answer(200, { n: 1 }, 'W/"a"'))
      .mockResolvedValueOnce(answer(304, null, 'W/"a"'))
      .mockResolvedValueOnce(answer(200, { n: 2 }, 'W/"b"'));
    const first = await ifChanged('k1', request);
    expect(request).toHaveBeenLastCalledWith({});
    const second = await ifChanged('k1', request);
    expect(request).toHaveBeenLastCalledWith({ 'If-None-Match': 'W/"a"' });
    expect(second).toBe(first);
    expect(await ifChanged('k1', request)).toEqual({ n: 2 });
  });

  it('asks plainly for an answer that had no ETag', async () => {
    const request = vi.fn().mockResolvedValue(answer(200, [1]));
    await ifChanged('k2', request);
    await ifChanged('k2', request);
    expect(request).toHaveBeenLastCalledWith({});
  });
});
