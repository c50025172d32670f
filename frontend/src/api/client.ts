/**
 * The one way the web app talks to the server: a client generated from the API's own
 * OpenAPI schema (openapi-fetch over `schema.d.ts`), and TanStack Query hooks keyed by
 * its paths (openapi-react-query). The access token lives in memory only (session.ts).
 */
import createFetchClient, { type Middleware } from 'openapi-fetch';
import createQueryClient from 'openapi-react-query';
import type { paths } from './schema';
import { session } from './session';

/** Sent on every call: the server gives this client its refresh token as an HttpOnly cookie. */
export const CLIENT_HEADER = { 'X-MySphere-Client': 'web' } as const;

const retryable = new WeakMap<Request, Request>();

const auth: Middleware = {
  async onRequest({ request }) {
    const token = session.accessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    if (!session.isAuthPath(request.url)) retryable.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    const original = retryable.get(request);
    if (response.status !== 401 || !original) return response;
    // Once on a 401: refresh the session through the cookie, then replay the request.
    const token = await session.refresh();
    if (!token) return response;
    const retry = new Request(original);
    retry.headers.set('Authorization', `Bearer ${token}`);
    return fetch(retry);
  },
};

export const api = createFetchClient<paths>({
  // The page's own origin (absolute, so Request objects parse outside a browser too).
  baseUrl: globalThis.location?.origin ?? '',
  headers: CLIENT_HEADER,
  credentials: 'same-origin',
  fetch: (request) => globalThis.fetch(request),
});
api.use(auth);

/** `$api.useQuery('get', '/api/dashboard/')`: TanStack Query keyed by the schema's paths. */
export const $api = createQueryClient(api);

/** A server answer that was not a success, with its status and JSON body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(errorMessage(body) ?? `HTTP ${status}`);
  }

  /** The field map of a DRF validation error: `{"amount": ["..."]}`. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (this.body && typeof this.body === 'object') {
      for (const [key, value] of Object.entries(this.body)) {
        if (Array.isArray(value) && typeof value[0] === 'string') out[key] = value[0];
      }
    }
    return out;
  }
}

/** The `detail` of an error body, or the first field message. */
export function errorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.detail === 'string') return record.detail;
  for (const value of Object.values(record)) {
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return undefined;
}

/** The data of an openapi-fetch answer, or an ApiError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  throw new ApiError(result.response.status, result.error);
}
