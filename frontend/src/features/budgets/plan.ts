/** The arithmetic of a plan on screen: exact decimals, never floats. */
import type { components, operations } from '../../api/schema';
import { isDecimal, subtractDecimal, sumDecimals } from '../expenses/decimal';

type Schemas = components['schemas'];
export type Budget = Schemas['Budget'];
export type AllocationRequest = Schemas['AllocationRequest'];
export type Move = Schemas['Move'];
export type CategoryName = AllocationRequest['category'];
/** The nine system categories (what the necessity ranking's path takes). */
export type SystemCategory =
  operations['budgets_categories_update']['parameters']['path']['category'];
/** A category purchase advice takes: the nine or one of the user's own. */
export type AdviceCategory = Schemas['CheckPurchaseRequest']['category'];

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
