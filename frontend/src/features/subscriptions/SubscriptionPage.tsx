/** /subscriptions/:id — one subscription: its figures and actions, payments, price changes and usage. */
import {
  Anchor,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Link, useParams } from 'react-router';
import { $api } from '../../api/client';
import { Figure, useFormat } from '../expenses/shared';
import { Payments, PriceChanges, Usage } from './SubscriptionHistory';
import { ACTION_LABELS, actionsFor, useActions, type Subscription } from './useActions';

function Figures({ subscription: s }: { subscription: Subscription }) {
  const { t, money, date } = useFormat();
  const figure = (label: string, value: string) => <Figure label={label} value={value} />;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} role="group" aria-label={t('Details')}>
      {figure(t('Amount'), `${money(s.amount, s.currency)} · ${t(s.billing_cycle)}`)}
      {figure(t('Next payment'), s.status === 'active' ? date(s.next_billing_date) : '—')}
      {figure(t('Status'), t(s.status))}
      {figure(t('Per month'), money(s.monthly_cost, s.currency))}
      {figure(t('Per year'), money(s.yearly_cost, s.currency))}
      {figure(t('Started'), date(s.start_date))}
      {s.is_trial && s.trial_end_date && figure(t('Trial ends'), date(s.trial_end_date))}
    </SimpleGrid>
  );
}

export default function SubscriptionPage() {
  const { t } = useFormat();
  const id = useParams().id ?? '';
  const query = $api.useQuery('get', '/api/subscriptions/{subscription_id}/', {
    params: { path: { subscription_id: id } },
  });
  const actions = useActions();
  const subscription = query.data;
  return (
    <Stack>
      <Anchor component={Link} to="/subscriptions">
        {t('All subscriptions')}
      </Anchor>
      {query.isError && <Title order={1}>{t('Subscription not found')}</Title>}
      {!subscription && !query.isError && <Skeleton height={200} />}
      {subscription && (
        <>
          <Title order={1}>{subscription.name}</Title>
          <Paper withBorder p="md">
            <Stack>
              <Figures subscription={subscription} />
              <Group gap="xs">
                {actionsFor(subscription.status).map((action) => (
                  <Button
                    key={action}
                    variant={action === 'cancel' ? 'light' : 'default'}
                    color={action === 'cancel' ? 'red' : undefined}
                    onClick={() => void actions.act(action, subscription)}
                  >
                    {t(ACTION_LABELS[action])}
                  </Button>
                ))}
              </Group>
              <Text role="status" aria-live="polite">
                {actions.status}
              </Text>
            </Stack>
          </Paper>
          <Payments id={id} />
          <PriceChanges id={id} />
          <Usage id={id} />
        </>
      )}
    </Stack>
  );
}
