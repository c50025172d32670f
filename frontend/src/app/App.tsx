/** The providers every screen needs: theme, server state, language, session, routes. */
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { MAX_AGE_MS } from '../features/offline/lastSeen';
import { PersistQueries } from '../features/offline/PersistQueries';
import { AuthProvider } from './auth';
import { router } from './routes';
import { cssVariablesResolver, theme } from './theme';
import { UpdatePrompt } from './UpdatePrompt';

const queryClient = new QueryClient({
  // Answers stay in memory as long as the device keeps them for offline reads.
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true, gcTime: MAX_AGE_MS } },
});

export function App() {
  return (
    <MantineProvider
      theme={theme}
      defaultColorScheme="auto"
      cssVariablesResolver={cssVariablesResolver}
    >
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <PersistQueries />
          <RouterProvider router={router} />
          <UpdatePrompt />
        </AuthProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
