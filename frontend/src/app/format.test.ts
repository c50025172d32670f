import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney } from './format';
import { tokenExpiry } from '../api/session';
import { understood } from './understood';

describe('money and dates', () => {
  it('formats each currency in its own minor units', () => {
    expect(formatMoney('1234.5', 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney('1500', 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatMoney('1.234', 'KWD', 'en-US')).toBe('KWD\u00a01.234');
    expect(formatMoney('9.99', 'EUR', 'es-ES')).toBe('9,99\u00a0€');
  });

  it('shows the user’s calendar date as it is, whatever the device’s time zone', () => {
    expect(formatDate('2026-12-01', 'en-US')).toBe('Dec 1, 2026');
    expect(formatDate('2026-12-01', 'es-ES')).toBe('1 dic 2026');
  });
});

describe('the session', () => {
  it('reads when an access token expires', () => {
    const payload = btoa(JSON.stringify({ exp: 1_900_000_000 })).replace(/=+$/, '');
    expect(tokenExpiry(`x.${payload}.y`)).toBe(1_900_000_000);
    expect(tokenExpiry('not-a-token')).toBeNull();
  });
});

describe('what Quick add understood', () => {
  it('labels an expense proposal', () => {
    const rows = understood(
      {
        amount: 4.5,
        currency: 'USD',
        category: 'Food & Dining',
        vendor: 'Starbucks',
        date: '2026-12-07',
      },
      'en-US',
      (key) => key,
    );
    expect(rows).toEqual([
      { label: 'Amount', value: '$4.50' },
      { label: 'Vendor', value: 'Starbucks' },
      { label: 'Category', value: 'Food & Dining' },
      { label: 'Date', value: 'Dec 7, 2026' },
    ]);
  });

  it('lists each task of a todo proposal with its due time', () => {
    const rows = understood(
      {
        tasks: [
          { title: 'Call mom', due_date: '2026-12-08', due_time: '17:00:00', priority: 'medium' },
        ],
      },
      'en-US',
      (key) => key,
    );
    expect(rows).toEqual([
      { label: 'Task', value: 'Call mom' },
      { label: 'Priority', value: 'medium' },
      { label: 'Time', value: '17:00' },
      { label: 'Due', value: 'Dec 8, 2026' },
    ]);
  });
});
