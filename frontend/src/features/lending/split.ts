/** Splitting an expense: the request from the form, and what the payer keeps afterwards. */
import type { components } from '../../api/schema';
import { cents, decimal, type Loan } from './balance';

export type SplitRequest = components['schemas']['SplitRequest'];

export interface SplitValues {
  mode: 'equal' | 'amounts';
  people: { name: string; share: string }[];
  due_date: string;
}

/** The body of `POST /api/expenses/{id}/split/`: blank rows left out, shares only for amounts. */
export function splitBody(values: SplitValues): SplitRequest {
  const people = values.people
    .map((person) => ({ name: person.name.trim(), share: person.share.trim() }))
    .filter((person) => person.name);
  const equal = values.mode === 'equal';
  return {
    with: people.map((person) => (equal ? { name: person.name } : person)),
    ...(equal ? { equal: true } : {}),
    ...(values.due_date ? { due_date: values.due_date } : {}),
  };
}

/** What the payer still carries of the expense once the new shares are lent out. */
export function yourShare(amount: string, sharedBefore: string, loans: Loan[]): string {
  const lent = loans.reduce((sum, loan) => sum + cents(loan.amount), 0);
  return decimal(cents(amount) - cents(sharedBefore) - lent);
}
