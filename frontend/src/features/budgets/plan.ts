/** The arithmetic of a plan on screen: exact decimals, never floats. */
import type { components } from '../../api/schema';
import { compareDecimal, isDecimal, subtractDecimal, sumDecimals } from '../expenses/decimal';

type Schemas = components['schemas'];
export type Budget = Schemas['Budget'];
export type AllocationRequest = Schemas['AllocationRequest'];
export type Move = Schemas['Move'];
export type CategoryName = AllocationRequest['category'];

/** One line of the allocations editor: what is planned (as typed) and what was spent. */
export interface Line {
  category: CategoryName;
  allocated: string;
  spent: string;
}

export interface Totals {
  allocated: string;
  unallocated: string;
  invalid: CategoryName[];
}

/** The total allocated and what is left of income after savings, as the person types. */
export function editorTotals(lines: readonly Line[], income: string, savings: string): Totals {
  const invalid = lines.filter((line) => !isDecimal(line.allocated)).map((line) => line.category);
  const allocated = sumDecimals(
    lines.filter((line) => isDecimal(line.allocated)).map((line) => line.allocated),
  );
  const base = isDecimal(income) ? income : '0';
  const saved = isDecimal(savings) ? savings : '0';
  return {
    allocated,
    unallocated: subtractDecimal(subtractDecimal(base, saved), allocated),
    invalid,
  };
}

/** What is left of a line (negative when overspent). */
export function left(line: Line): string {
  return subtractDecimal(isDecimal(line.allocated) ? line.allocated : '0', line.spent || '0');
}

/** The plan's allocations with a suggested move applied (the receiving category added if new). */
export function applyMove(
  allocations: readonly AllocationRequest[],
  move: Move,
): AllocationRequest[] {
  const out = allocations.map((row) => ({ ...row }));
  const from = out.find((row) => row.category === move.from_category);
  if (!from || compareDecimal(from.allocated_amount, move.amount) < 0) {
    throw new Error(`${move.from_category} has less than ${move.amount} to move.`);
  }
  from.allocated_amount = subtractDecimal(from.allocated_amount, move.amount);
  const to = out.find((row) => row.category === move.to_category);
  if (to) to.allocated_amount = sumDecimals([to.allocated_amount, move.amount]);
  else out.push({ category: move.to_category as CategoryName, allocated_amount: move.amount });
  return out;
}

/** A plan's allocations as the API takes them back (every one, so nothing is dropped). */
export function requestOf(budget: Budget): AllocationRequest[] {
  return budget.allocations.map((row) => ({
    category: row.category,
    allocated_amount: row.allocated_amount,
    alert_threshold_percent: row.alert_threshold_percent,
    rollover: row.rollover,
  }));
}

/** The bar's colour: blue, amber from the alert threshold, red when over. */
export function progressColor(percent: number | null | undefined, threshold: number): string {
  if (percent === null || percent === undefined) return 'blue';
  if (percent > 100) return 'red';
  return percent >= threshold ? 'yellow' : 'blue';
}

/** "2026-12" for a date, in the device's calendar. */
export function monthOf(date = new Date()): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** The first and last day of a "YYYY-MM" month. */
export function monthRange(month: string): { date_from: string; date_to: string } {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { date_from: `${month}-01`, date_to: `${month}-${String(last).padStart(2, '0')}` };
}
