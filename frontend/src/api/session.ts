/**
 * The signed-in session: the access token in memory only (never in storage or a
 * readable cookie), refreshed silently a minute before it expires and once on a 401.
 * The refresh token is an HttpOnly cookie that JavaScript never sees.
 */

type Refresher = () => Promise<string | null>;
type Listener = (token: string | null) => void;

const AUTH_PATHS = [
  '/api/users/login/',
  '/api/users/register/',
  '/api/users/token/',
  '/api/users/password-reset/',
];
const EARLY_MS = 60_000;

let token: string | null = null;
let refresher: Refresher | null = null;
let inFlight: Promise<string | null> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<Listener>();

/** Seconds since the epoch at which a JWT expires (its `exp` claim), or null. */
export function tokenExpiry(jwt: string): number | null {
  const part = jwt.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}

function schedule(jwt: string | null): void {
  clearTimeout(timer);
  const exp = jwt ? tokenExpiry(jwt) : null;
  if (!exp) return;
  const wait = Math.max(exp * 1000 - Date.now() - EARLY_MS, 5_000);
  timer = setTimeout(() => void session.refresh(), wait);
}

export const session = {
  accessToken: (): string | null => token,

  /** Keep a new access token (or forget it) and tell the listeners. */
  set(next: string | null): void {
    token = next;
    schedule(next);
    listeners.forEach((listener) => listener(next));
  },

  /** One refresh at a time through the cookie; null when the session is over. */
  refresh(): Promise<string | null> {
    if (!refresher) return Promise.resolve(null);
    inFlight ??= refresher()
      .then((next) => {
        session.set(next);
        return next;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  },

  setRefresher(fn: Refresher): void {
    refresher = fn;
  },

  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /** Calls that must never be retried through a refresh. */
  isAuthPath(url: string): boolean {
    const path = new URL(url, 'http://x').pathname;
    return AUTH_PATHS.some((prefix) => path.startsWith(prefix));
  },
};
