import { describe, expect, it } from 'vitest';
import {
  compareDecimal,
  isDecimal,
  subtractDecimal,
  sumDecimals,
  totalsByCurrency,
} from './decimal';

describe('exact money', () => {
  it('adds without float error', () => {
    expect(sumDecimals(['0.10', '0.20'])).toBe('0.30');
    expect(sumDecimals(['1234567890.99', '0.01'])).toBe('1234567891.00');
    expect(sumDecimals(['1.234', '1'])).toBe('2.234');
    expect(sumDecimals([])).toBe('0.00');
  });

  it('subtracts and compares', () => {
    expect(subtractDecimal('100.00', '120.50')).toBe('-20.50');
    expect(subtractDecimal('5', '-5')).toBe('10.00');
    expect(compareDecimal('10.00', '9.99')).toBe(1);
    expect(compareDecimal('-0.01', '0')).toBe(-1);
    expect(compareDecimal('3.10', '3.1')).toBe(0);
  });

  it('never adds two currencies together, and refunds count against spending', () => {
    expect(
      totalsByCurrency([
        { amount: '9.00', currency: 'USD' },
        { amount: '12.50', currency: 'EUR' },
        { amount: '1.50', currency: 'USD' },
        { amount: '2.00', currency: 'USD', negative: true },
      ]),
    ).toEqual([
      { currency: 'USD', total: '8.50' },
      { currency: 'EUR', total: '12.50' },
    ]);
  });

  it('knows a typed amount', () => {
    expect(isDecimal('12.5')).toBe(true);
    expect(isDecimal('1e5')).toBe(false);
    expect(isDecimal('-3')).toBe(false);
  });
});
