/** The app's one server-state cache: a module of its own, so that a screen's first data
 * can be asked for (routes.tsx) while React is still starting. */
import { QueryClient } from '@tanstack/react-query';

export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } },
});
