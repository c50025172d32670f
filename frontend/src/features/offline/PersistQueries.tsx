/** Keeps the signed-in user's last answers on the device (lastSeen.ts); renders nothing. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { User } from '../../api/types';
import { ME_KEY, useAuth } from '../../app/auth';
import { forget, keep, restore } from './lastSeen';

export function PersistQueries() {
  const queryClient = useQueryClient();
  const { status } = useAuth();
  useEffect(() => {
    if (status === 'signedOut') {
      void forget();
      return;
    }
    const user = queryClient.getQueryData<User>(ME_KEY)?.user_id;
    if (status === 'loading' || user === undefined) return;
    let stop: (() => void) | undefined;
    let ended = false;
    void restore(queryClient, user).finally(() => {
      if (!ended) stop = keep(queryClient, user);
    });
    return () => {
      ended = true;
      stop?.();
    };
  }, [status, queryClient]);
  return null;
}
