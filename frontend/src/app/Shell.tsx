/** The frame of every signed-in page: navigation, Quick add, notifications, account. */
import '@mantine/core/styles.css';
import './global.css';
import { AppShell, Burger, Group, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import {
  IconCalendarRepeat,
  IconChecklist,
  IconHome,
  IconList,
  IconMessageChatbot,
  IconPigMoney,
  IconReceipt,
  IconUsers,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { AccountMenu } from './AccountMenu';
import { NotificationsButton } from './NotificationsButton';
import { OfflineBanner } from './OfflineBanner';
import { QuickAdd } from './QuickAdd';

export const NAV = [
  { to: '/', label: 'Home', icon: IconHome },
  { to: '/expenses', label: 'Expenses', icon: IconReceipt },
  { to: '/budgets', label: 'Budgets', icon: IconPigMoney },
  { to: '/subscriptions', label: 'Subscriptions', icon: IconCalendarRepeat },
  { to: '/todos', label: 'To-dos', icon: IconChecklist },
  { to: '/lists', label: 'Lists', icon: IconList },
  { to: '/lending', label: 'Lending', icon: IconUsers },
  { to: '/assistant', label: 'Assistant', icon: IconMessageChatbot },
] as const;

function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <nav aria-label={t('Main')}>
      {NAV.map(({ to, label, icon: Icon }) => {
        const active = to === '/' ? pathname === '/' : pathname.startsWith(to);
        return (
          <NavLink
            key={to}
            component={Link}
            to={to}
            label={t(label)}
            leftSection={<Icon size={20} aria-hidden />}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
          />
        );
      })}
    </nav>
  );
}

export function Shell() {
  const { t } = useTranslation();
  const [navOpen, nav] = useDisclosure(false);
  const [quickOpen, quick] = useDisclosure(false);
  useHotkeys([['mod+K', () => quick.open()]], []);
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        {t('Skip to content')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              aria-label={t('Menu')}
              className="touch-target"
            />
            <UnstyledButton component={Link} to="/" aria-label="MY SPHERE">
              <Text fw={800} size="lg" visibleFrom="xs">
                MY SPHERE
              </Text>
            </UnstyledButton>
          </Group>
          <Group gap={6} wrap="nowrap">
            <QuickAdd opened={quickOpen} onOpen={quick.open} onClose={quick.close} />
            <NotificationsButton />
            <AccountMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <MainNav onNavigate={nav.close} />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <OfflineBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
