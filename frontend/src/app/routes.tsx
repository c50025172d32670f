/** Every route; each screen's code is split off and loaded when first visited. */
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from './auth';
import { lazyScreen } from './lazyScreen';

// Each screen's code, by the path prefix that shows it ('' is Home).
const Shell = lazyScreen(() => import('./Shell').then((module) => ({ default: module.Shell })));
const SCREENS = {
  '': lazyScreen(() => import('../features/home/HomePage')),
  settings: lazyScreen(() => import('../features/settings/SettingsPage')),
  todos: lazyScreen(() => import('../features/todos/TodosPage')),
  lists: lazyScreen(() => import('../features/lists/ListsRoutes')),
  lending: lazyScreen(() => import('../features/lending/LendingRoutes')),
  assistant: lazyScreen(() => import('../features/assistant/AssistantPage')),
  notifications: lazyScreen(() => import('../features/notifications/NotificationsPage')),
  expenses: lazyScreen(() => import('../features/expenses/ExpensesPage')),
  budgets: lazyScreen(() => import('../features/budgets/BudgetsPage')),
  subscriptions: lazyScreen(() => import('../features/subscriptions/SubscriptionsPage')),
};
const PUBLIC = ['login', 'register', 'reset-password'];
// A screen's first data, fetched as soon as the session is restored (see preloadScreen).
const FIRST_DATA: Partial<
  Record<string, () => Promise<{ prefetch: (search: string) => unknown }>>
> = { expenses: () => import('../features/expenses/prefetch') };

/** A signed-in page opened directly (a reload, a link): fetch the shell's and the screen's
 * code, and its first data once signed in, while the session is being restored, instead of
 * one after the other. */
export function preloadScreen(pathname: string, search = ''): void {
  const first = pathname.split('/')[1] ?? '';
  if (PUBLIC.includes(first)) return;
  void Shell.preload();
  void SCREENS[first as keyof typeof SCREENS]?.preload();
  void FIRST_DATA[first]?.().then((module) => module.prefetch(search));
}
if (typeof window !== 'undefined') preloadScreen(window.location.pathname, window.location.search);

const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const RegisterPage = lazy(() => import('../features/auth/RegisterPage'));
const ResetRequestPage = lazy(() => import('../features/auth/ResetRequestPage'));
const ResetConfirmPage = lazy(() => import('../features/auth/ResetConfirmPage'));
const HomePage = SCREENS[''];
const SettingsPage = SCREENS.settings;
const TodosPage = SCREENS.todos;
const ListsRoutes = SCREENS.lists;
const LendingRoutes = SCREENS.lending;
const AssistantPage = SCREENS.assistant;
const NotificationsPage = SCREENS.notifications;
const ExpensesPage = SCREENS.expenses;
const BudgetsPage = SCREENS.budgets;
const SubscriptionsPage = SCREENS.subscriptions;
const SubscriptionPage = lazy(() => import('../features/subscriptions/SubscriptionPage'));

function Loading() {
  const { t } = useTranslation();
  return (
    <Center mih="60vh">
      <Loader aria-label={t('Loading…')} />
    </Center>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** Signed-in pages: to /login when there is no session (and back here after). */
function RequireAuth() {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status === 'signedOut')
    return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return (
    <Lazy>
      <Shell />
    </Lazy>
  );
}

/** Signed-out pages: to Home when already signed in. */
function PublicOnly() {
  const { status } = useAuth();
  if (status === 'loading') return <Loading />;
  if (status === 'signedIn') return <Navigate to="/" replace />;
  return (
    <Lazy>
      <Outlet />
    </Lazy>
  );
}

export const router = createBrowserRouter([
  {
    element: <PublicOnly />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/reset-password/new', element: <ResetRequestPage /> },
    ],
  },
  {
    path: '/reset-password',
    element: (
      <Lazy>
        <ResetConfirmPage />
      </Lazy>
    ),
  },
  {
    element: <RequireAuth />,
    children: [
      {
        path: '/',
        element: (
          <Lazy>
            <HomePage />
          </Lazy>
        ),
      },
      {
        path: '/settings',
        element: (
          <Lazy>
            <SettingsPage />
          </Lazy>
        ),
      },
      {
        path: '/expenses/*',
        element: (
          <Lazy>
            <ExpensesPage />
          </Lazy>
        ),
      },
      {
        path: '/budgets/*',
        element: (
          <Lazy>
            <BudgetsPage />
          </Lazy>
        ),
      },
      {
        path: '/subscriptions',
        element: (
          <Lazy>
            <SubscriptionsPage />
          </Lazy>
        ),
      },
      {
        path: '/subscriptions/:id',
        element: (
          <Lazy>
            <SubscriptionPage />
          </Lazy>
        ),
      },
      {
        path: '/notifications',
        element: (
          <Lazy>
            <NotificationsPage />
          </Lazy>
        ),
      },
      {
        path: '/todos/*',
        element: (
          <Lazy>
            <TodosPage />
          </Lazy>
        ),
      },
      {
        path: '/lists/*',
        element: (
          <Lazy>
            <ListsRoutes />
          </Lazy>
        ),
      },
      {
        path: '/lending/*',
        element: (
          <Lazy>
            <LendingRoutes />
          </Lazy>
        ),
      },
      {
        path: '/assistant/*',
        element: (
          <Lazy>
            <AssistantPage />
          </Lazy>
        ),
      },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
