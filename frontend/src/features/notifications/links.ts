/** Where a notification's object lives in the app, and the words for its kind and channel. */
import type { components } from '../../api/schema';

export type Notification = components['schemas']['Notification'];
export type Preferences = components['schemas']['NotificationPreferences'];

/** The page of a notification's object ("list" 7 → /lists/7). */
export function objectPath(objectType: string, objectId: string): string {
  switch (objectType) {
    case 'list':
      return objectId ? `/lists/${encodeURIComponent(objectId)}` : '/lists';
    case 'todo':
      return '/todos';
    case 'lending':
      return '/lending';
    case 'budget':
      return '/budgets';
    case 'subscription':
      return '/subscriptions';
    case 'webhook':
      return '/settings';
    default:
      return '/notifications';
  }
}

/** Unread first, then newest first. */
export function unreadFirst(rows: Notification[]): Notification[] {
  return [...rows].sort(
    (a, b) => Number(a.is_read) - Number(b.is_read) || b.created_at.localeCompare(a.created_at),
  );
}

export const KIND_LABEL: Record<keyof Preferences, string> = {
  subscription_renewal: 'Subscription renewals',
  subscription_trial_ending: 'Trials ending',
  subscription_price_increase: 'Price increases',
  subscription_payment_due: 'Payments due',
  subscription_usage_limit: 'Usage limits reached',
  subscription_ending: 'Subscriptions ending',
  subscription_status: 'Subscriptions paused, resumed or ended',
  budget_threshold: 'Budget nearly used',
  budget_exceeded: 'Budget exceeded',
  todo_reminder: 'Task reminders',
  todo_overdue: 'Overdue tasks',
  lending_due_soon: 'Loans due soon',
  lending_overdue: 'Overdue loans',
  list_completed: 'Shops finished on your lists',
  list_shared: 'Lists shared with you',
  webhook_disabled: 'Webhooks turned off',
};

export const CHANNELS = [
  ['in_app', 'In app'],
  ['email', 'Email'],
  ['digest', 'Daily digest'],
  ['none', 'None'],
] as const;
