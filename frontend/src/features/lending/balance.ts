/** What a person owes or is owed, and what settling up will do, from the API's decimal strings. */
import type { components } from '../../api/schema';

export type Counterparty = components['schemas']['Counterparty'];
export type Loan = components['schemas']['Lending'];

/** Cents from a decimal string ("12.50" → 1250), exact for the amounts the API sends. */
export function cents(amount: string): number {
  const negative = amount.trim().startsWith('-');
  const [whole = '0', fraction = ''] = amount.replace('-', '').trim().split('.');
  const value = Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
  return negative ? -value : value;
}

/** "12.50" from 1250. */
export function decimal(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export interface SettlePlan {
  /** Netted on each side before any money moves. */
  netted: string;
  /** The cash that settles the rest, and who pays it. */
  cash: string;
  payer: 'them' | 'you' | 'nobody';
}

/** The netting the server will do: each side's debt cancels the other's, the rest is paid. */
export function settlePlan(balance: Counterparty): SettlePlan {
  const theirs = cents(balance.they_owe);
  const yours = cents(balance.you_owe);
  const rest = theirs - yours;
  return {
    netted: decimal(Math.min(theirs, yours)),
    cash: decimal(Math.abs(rest)),
    payer: rest > 0 ? 'them' : rest < 0 ? 'you' : 'nobody',
  };
}
