import { describe, expect, it } from 'vitest';
import { es } from '../../app/i18n';
import { CYCLES } from './SubscriptionForm';
import { COLUMNS } from './SubscriptionTable';
import { STATUSES } from './SubscriptionsPage';
import { ACTION_LABELS, DONE } from './useActions';

const PAYMENT_STATUSES = ['paid', 'pending', 'failed', 'refunded', 'partially_refunded'];

describe('the subscriptions screens in Spanish', () => {
  it('translate the words built from tables and the API’s values', () => {
    const words = [
      ...CYCLES,
      'custom',
      ...COLUMNS,
      ...STATUSES.filter((status) => status !== 'all'),
      'All',
      ...Object.values(ACTION_LABELS),
      ...Object.values(DONE),
      ...PAYMENT_STATUSES,
    ];
    expect(words.filter((word) => !(word in es))).toEqual([]);
  });
});
