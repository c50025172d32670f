/**
 * Who is signed in. The access token is in memory (session.ts); the refresh token is an
 * HttpOnly cookie, so a reload signs in again through `/api/users/token/refresh/`.
 * Offline, the app opens with the last data seen (offline.ts).
 */
import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { $api, api, ApiError, unwrap } from '../api/client';
import { session } from '../api/session';
import type { User } from '../api/types';
import { clearSnapshot, loadSnapshot, saveSnapshot } from './offline';

export type AuthStatus = 'loading' | 'signedIn' | 'signedOut' | 'offline';

interface Credentials {
  login: string;
  password: string;
}
interface Registration {
  username: string;
  email: string;
  password: string;
}
interface AuthValue {
  status: AuthStatus;
  login: (credentials: Credentials) => Promise<void>;
  register: (data: Registration) => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);
export const ME_KEY = $api.queryOptions('get', '/api/users/me/').queryKey;

/** The refresh through the cookie: the new access token, null when signed out; throws offline. */
async function refreshThroughCookie(): Promise<string | null> {
  const { data, response } = await api.POST('/api/users/token/refresh/', { body: {} });
  return response.ok && data?.access ? data.access : null;
}
session.setRefresher(refreshThroughCookie);

function useBoot(setStatus: (status: AuthStatus) => void, keepUser: (user: User) => void): void {
  useEffect(() => {
    let cancelled = false;
    const boot = async () => {
      try {
        const token = await session.refresh();
        if (!token) return setStatus('signedOut');
        const user = unwrap(await api.GET('/api/users/me/'));
        if (cancelled) return;
        keepUser(user);
        setStatus('signedIn');
      } catch (error) {
        if (cancelled) return;
        const offline = !(error instanceof ApiError) && loadSnapshot();
        if (offline) keepUser(offline.user);
        setStatus(offline ? 'offline' : 'signedOut');
      }
    };
    void boot();
    return () => {
      cancelled = true;
    };
  }, [setStatus, keepUser]);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AuthStatus>('loading');
  const keepUser = useCallback(
    (user: User) => {
      queryClient.setQueryData(ME_KEY, user);
      saveSnapshot({ user });
    },
    [queryClient],
  );
  useBoot(setStatus, keepUser);
  useEffect(
    () =>
      session.subscribe((token) => {
        if (!token) setStatus((current) => (current === 'signedIn' ? 'signedOut' : current));
      }),
    [],
  );

  const value = useMemo<AuthValue>(() => {
    const signIn = (result: { access: string; user: User }) => {
      session.set(result.access);
      keepUser(result.user);
      setStatus('signedIn');
    };
    return {
      status,
      login: async ({ login, password }) =>
        signIn(
          unwrap(await api.POST('/api/users/login/', { body: { username: login, password } })),
        ),
      register: async (data) =>
        signIn(unwrap(await api.POST('/api/users/register/', { body: data }))),
      logout: async () => {
        await api.POST('/api/users/token/logout/').catch(() => undefined);
        session.set(null);
        clearSnapshot();
        queryClient.clear();
        setStatus('signedOut');
      },
    };
  }, [status, keepUser, queryClient]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user (from the query cache, kept fresh by Settings). */
export function useMe(): User | undefined {
  return $api.useQuery('get', '/api/users/me/', undefined, { staleTime: 5 * 60_000 }).data;
}
