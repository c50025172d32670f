import { describe, expect, it } from 'vitest';
import { cents, decimal, settlePlan, type Counterparty } from './balance';

const person = (they_owe: string, you_owe: string) =>
  ({ counterparty: 'Sam', currency: 'USD', they_owe, you_owe }) as Counterparty;

describe('settle up', () => {
  it('nets both sides first, then the rest is paid by whoever still owes', () => {
    // The lending README's example: lent 30 and 20, borrowed 15.
    expect(settlePlan(person('50.00', '15.00'))).toEqual({
      netted: '15.00',
      cash: '35.00',
      payer: 'them',
    });
    expect(settlePlan(person('10.00', '12.50'))).toEqual({
      netted: '10.00',
      cash: '2.50',
      payer: 'you',
    });
    expect(settlePlan(person('7.00', '7.00')).payer).toBe('nobody');
  });

  it('counts in exact cents', () => {
    expect(cents('0.10') + cents('0.20')).toBe(30);
    expect(decimal(cents('-37.5'))).toBe('-37.50');
    expect(decimal(5)).toBe('0.05');
  });
});

describe('Spanish for the statuses the server sends', () => {
  it('has every one', async () => {
    const { es } = await import('../../app/i18n');
    const { STATUS_LABEL } = await import('./History');
    expect(Object.values(STATUS_LABEL).filter((key) => !(key in es))).toEqual([]);
  });
});
