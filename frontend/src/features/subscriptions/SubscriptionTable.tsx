/** The subscriptions: name (to its page), amount, cycle, next payment, status, and row actions. */
import { Anchor, Badge, Button, Menu, Skeleton, Table, Text } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { Link } from 'react-router';
import { HeaderRow, useFormat } from '../expenses/shared';
import { ACTION_LABELS, actionsFor, type Action, type Subscription } from './useActions';

export const COLUMNS = ['Name', 'Amount', 'Cycle', 'Next payment', 'Status'];

function RowActions({
  subscription,
  onAct,
}: {
  subscription: Subscription;
  onAct: (action: Action, subscription: Subscription) => void;
}) {
  const { t } = useFormat();
  const actions = actionsFor(subscription.status);
  if (!actions.length) return null;
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button
          variant="subtle"
          size="compact-md"
          aria-label={`${t('Actions')}: ${subscription.name}`}
        >
          <IconDots size={18} aria-hidden />
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {actions.map((action) => (
          <Menu.Item
            key={action}
            color={action === 'cancel' ? 'red' : undefined}
            onClick={() => onAct(action, subscription)}
          >
            {t(ACTION_LABELS[action])}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function Row({
  subscription,
  onAct,
}: {
  subscription: Subscription;
  onAct: (action: Action, subscription: Subscription) => void;
}) {
  const { t, money, date } = useFormat();
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/subscriptions/${subscription.subscription_id}`} fw={600}>
          {subscription.name}
        </Anchor>
        {subscription.category && (
          <Text size="xs" c="dimmed">
            {subscription.category.name}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {money(subscription.amount, subscription.currency)}
      </Table.Td>
      <Table.Td>{t(subscription.billing_cycle)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {subscription.status === 'active' || subscription.status === 'paused'
          ? date(subscription.next_billing_date)
          : '—'}
        {subscription.is_overdue && (
          <Badge variant="dot" color="red" ml={6}>
            {t('Overdue')}
          </Badge>
        )}
        {subscription.is_trial && subscription.trial_end_date && (
          <Text size="xs" c="dimmed">
            {t('Trial ends {{date}}', { date: date(subscription.trial_end_date) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{t(subscription.status)}</Table.Td>
      <Table.Td>
        <RowActions subscription={subscription} onAct={onAct} />
      </Table.Td>
    </Table.Tr>
  );
}

export function SubscriptionTable({
  rows,
  onAct,
}: {
  rows?: Subscription[];
  onAct: (action: Action, subscription: Subscription) => void;
}) {
  const { t } = useFormat();
  if (!rows) return <Skeleton height={240} />;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={t('Subscriptions')} verticalSpacing="xs">
        <HeaderRow columns={COLUMNS} actions />
        <Table.Tbody>
          {rows.map((subscription) => (
            <Row key={subscription.subscription_id} subscription={subscription} onAct={onAct} />
          ))}
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed">{t('No subscriptions here.')}</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
