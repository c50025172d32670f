/** The providers every screen needs: theme, server state, language, session, routes. */
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { PersistQueries } from '../features/offline/PersistQueries';
import { AuthProvider } from './auth';
import { queryClient } from './queryClient';
import { router } from './routes';
import { cssVariablesResolver, theme } from './theme';
import { UpdatePrompt } from './UpdatePrompt';

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
