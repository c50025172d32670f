/** The row actions of a subscription: Mark paid, Pause, Resume, Cancel; each says what happened. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useRefresh } from '../expenses/shared';

export type Subscription = components['schemas']['Subscription'];
export type Action = 'pay' | 'pause' | 'resume' | 'cancel';

async function run(action: Action, id: string): Promise<void> {
  const path = { subscription_id: id };
  if (action === 'pay')
    unwrap(
      await api.POST('/api/subscriptions/{subscription_id}/payments/', {
        params: { path },
        body: { status: 'paid' },
      }),
    );
  if (action === 'pause')
    unwrap(await api.POST('/api/subscriptions/{subscription_id}/pause/', { params: { path } }));
  if (action === 'resume')
    unwrap(await api.POST('/api/subscriptions/{subscription_id}/resume/', { params: { path } }));
  if (action === 'cancel')
    unwrap(
      await api.POST('/api/subscriptions/{subscription_id}/cancel/', {
        params: { path },
        body: {},
      }),
    );
}

export const DONE: Record<Action, string> = {
  pay: '{{name}}: payment recorded.',
  pause: '{{name}} paused.',
  resume: '{{name}} resumed.',
  cancel: '{{name}} cancelled.',
};
export const ACTION_LABELS: Record<Action, string> = {
  pay: 'Mark paid',
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
};

/** Which actions a subscription's status allows. */
export function actionsFor(status: Subscription['status']): Action[] {
  if (status === 'active') return ['pay', 'pause', 'cancel'];
  if (status === 'paused') return ['resume', 'cancel'];
  return [];
}

export function useActions() {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [status, setStatus] = useState('');
  const act = async (action: Action, subscription: Subscription) => {
    try {
      await run(action, subscription.subscription_id);
      setStatus(t(DONE[action], { name: subscription.name }));
    } catch (error) {
      setStatus(
        error instanceof ApiError
          ? `${subscription.name}: ${error.message}`
          : t('Could not reach MY SPHERE. Try again.'),
      );
    }
    await refresh();
  };
  return { status, act };
}
