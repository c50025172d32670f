/** The app's one server-state cache: a module of its own, so that a screen's first data
 * can be asked for (routes.tsx) while React is still starting. */
import { QueryClient } from '@tanstack/react-query';
import { MAX_AGE_MS } from '../features/offline/lastSeen';

export const queryClient = new QueryClient({
  // Answers stay in memory as long as the device keeps them for offline reads.
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true, gcTime: MAX_AGE_MS } },
});
