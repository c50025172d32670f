/**
 * Exact money arithmetic on the API's decimal strings ("12.50"): scaled BigInts, never
 * floats, and never across currencies.
 */

function scaleOf(value: string): number {
  const dot = value.indexOf('.');
  return dot === -1 ? 0 : value.length - dot - 1;
}

function toUnits(value: string, scale: number): bigint {
  const trimmed = value.trim();
  const negative = trimmed.startsWith('-');
  const [whole = '0', fraction = ''] = trimmed.replace(/^[-+]/, '').split('.');
  const digits = `${whole || '0'}${fraction.padEnd(scale, '0')}`;
  const units = BigInt(/^\d+$/.test(digits) ? digits : '0');
  return negative ? -units : units;
}

function fromUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const body = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${body}` : body;
}

/** The exact sum of decimal strings, keeping the most decimals any of them has. */
export function sumDecimals(values: readonly string[]): string {
  const scale = Math.max(2, ...values.map(scaleOf));
  return fromUnits(
    values.reduce((total, value) => total + toUnits(value, scale), 0n),
    scale,
  );
}

/** a − b, exactly. */
export function subtractDecimal(a: string, b: string): string {
  return sumDecimals([a, b.startsWith('-') ? b.slice(1) : `-${b}`]);
}

/** Compare two decimal strings: negative, zero or positive like a − b. */
export function compareDecimal(a: string, b: string): number {
  const difference = toUnits(subtractDecimal(a, b), Math.max(2, scaleOf(a), scaleOf(b)));
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** Is this a plain decimal a person typed ("12", "12.5", "0.99")? */
export function isDecimal(value: string): boolean {
  return /^\d{1,12}(\.\d{1,3})?$/.test(value.trim());
}

export interface CurrencyTotal {
  currency: string;
  total: string;
}

/** Per-currency totals of signed rows, currencies in the order they first appear. */
export function totalsByCurrency(
  rows: readonly { amount: string; currency: string; negative?: boolean }[],
): CurrencyTotal[] {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const values = groups.get(row.currency) ?? [];
    values.push(row.negative ? `-${row.amount.replace(/^-/, '')}` : row.amount);
    groups.set(row.currency, values);
  }
  return [...groups].map(([currency, values]) => ({ currency, total: sumDecimals(values) }));
}
