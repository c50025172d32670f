/** Every route; each screen's code is split off and loaded when first visited. */
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from './auth';

const Shell = lazy(() => import('./Shell').then((module) => ({ default: module.Shell })));
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const RegisterPage = lazy(() => import('../features/auth/RegisterPage'));
const ResetRequestPage = lazy(() => import('../features/auth/ResetRequestPage'));
const ResetConfirmPage = lazy(() => import('../features/auth/ResetConfirmPage'));
const HomePage = lazy(() => import('../features/home/HomePage'));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage'));
const TodosPage = lazy(() => import('../features/todos/TodosPage'));
const ListsRoutes = lazy(() => import('../features/lists/ListsRoutes'));
const LendingRoutes = lazy(() => import('../features/lending/LendingRoutes'));
const AssistantPage = lazy(() => import('../features/assistant/AssistantPage'));
const NotificationsPage = lazy(() => import('../features/notifications/NotificationsPage'));
const ExpensesPage = lazy(() => import('../features/expenses/ExpensesPage'));
const BudgetsPage = lazy(() => import('../features/budgets/BudgetsPage'));
const SubscriptionsPage = lazy(() => import('../features/subscriptions/SubscriptionsPage'));
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
