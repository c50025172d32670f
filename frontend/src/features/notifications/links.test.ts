import { describe, expect, it } from 'vitest';
import { es } from '../../app/i18n';
import { CHANNELS, KIND_LABEL, objectPath, unreadFirst, type Notification } from './links';

describe('notifications', () => {
  it('link to their object', () => {
    expect(objectPath('list', '7')).toBe('/lists/7');
    expect(objectPath('todo', '3')).toBe('/todos');
    expect(objectPath('mystery', '1')).toBe('/notifications');
  });

  it('show the unread first, newest first within each', () => {
    const n = (id: number, is_read: boolean, created_at: string) =>
      ({ notification_id: id, is_read, created_at }) as Notification;
    const rows = [n(1, true, '2026-12-07'), n(2, false, '2026-12-01'), n(3, false, '2026-12-05')];
    expect(unreadFirst(rows).map((row) => row.notification_id)).toEqual([3, 2, 1]);
  });

  it('have Spanish for every kind and channel', () => {
    const keys = [...Object.values(KIND_LABEL), ...CHANNELS.map(([, label]) => label)];
    expect(keys.filter((key) => !(key in es))).toEqual([]);
  });
});
