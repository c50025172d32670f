import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from './client';
import { session } from './session';

type Handler = (request: Request) => Response;

function serve(handler: Handler) {
  const calls: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request) => {
      calls.push(input.clone());
      return handler(input);
    }),
  );
  return calls;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('the API client', () => {
  beforeEach(() => session.set('old-token'));
  afterEach(() => {
    vi.unstubAllGlobals();
    session.set(null);
  });

  it('sends the access token from memory and the web client header', async () => {
    const calls = serve(() => json(200, { unread: 2, by_severity: {} }));
    await api.GET('/api/integrations/notifications/unread_count/');
    expect(calls[0]!.headers.get('Authorization')).toBe('Bearer old-token');
    expect(calls[0]!.headers.get('X-MySphere-Client')).toBe('web');
  });

  it('refreshes once on a 401 and replays the request with the new token', async () => {
    session.setRefresher(async () => 'new-token');
    const calls = serve((request) =>
      request.headers.get('Authorization') === 'Bearer new-token'
        ? json(200, { unread: 5, by_severity: {} })
        : json(401, {}),
    );
    const { data } = await api.GET('/api/integrations/notifications/unread_count/');
    expect(data?.unread).toBe(5);
    expect(calls).toHaveLength(2);
    expect(session.accessToken()).toBe('new-token');
  });

  it('gives up when the session is over (the refresh finds no cookie)', async () => {
    session.setRefresher(async () => null);
    const calls = serve(() => json(401, { detail: 'expired', code: 'token_not_valid' }));
    const { response } = await api.GET('/api/integrations/notifications/unread_count/');
    expect(response.status).toBe(401);
    expect(calls).toHaveLength(1);
    expect(session.accessToken()).toBeNull();
  });

  it('never retries the sign-in calls themselves', async () => {
    const refresher = vi.fn(async () => 'x');
    session.setRefresher(refresher);
    serve(() => json(401, { detail: 'No active account found with the given credentials' }));
    await api.POST('/api/users/login/', { body: { username: 'a', password: 'b' } });
    expect(refresher).not.toHaveBeenCalled();
  });

  it('runs one refresh at a time for requests that fail together', async () => {
    const refresher = vi.fn(async () => 'new-token');
    session.setRefresher(refresher);
    serve((request) =>
      request.headers.get('Authorization') === 'Bearer new-token'
        ? json(200, { unread: 1, by_severity: {} })
        : json(401, {}),
    );
    await Promise.all([
      api.GET('/api/integrations/notifications/unread_count/'),
      api.GET('/api/integrations/notifications/unread_count/'),
    ]);
    expect(refresher).toHaveBeenCalledTimes(1);
  });
});
