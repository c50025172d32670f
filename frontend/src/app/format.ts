/** Money and dates through Intl, in the user's language, currency and time zone. */

/** The BCP 47 locale for a UI language: the browser's own region when it speaks it. */
export function localeFor(language: string): string {
  const browser = typeof navigator === 'undefined' ? [] : (navigator.languages ?? []);
  return browser.find((tag) => tag.toLowerCase().startsWith(language)) ?? language;
}

// Building an Intl formatter costs far more than using one (a table of 25 rows made ~75):
// each locale-and-options pair is built once per page load.
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(
  kind: string,
  locale: string,
  options: object,
  make: () => T,
): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key) as T | undefined;
  if (!format) formats.set(key, (format = make()));
  return format;
}

const numberFormat = (locale: string, options: Intl.NumberFormatOptions) =>
  cached('number', locale, options, () => new Intl.NumberFormat(locale, options));
const dateFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
  cached('date', locale, options, () => new Intl.DateTimeFormat(locale, options));

/** "$1,234.50" / "1234,50 €": a decimal string in its currency's own minor units. */
export function formatMoney(amount: string | number, currency: string, locale: string): string {
  const value = typeof amount === 'number' ? amount : Number(amount);
  try {
    return numberFormat(locale, { style: 'currency', currency }).format(value);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A calendar date ("2026-12-07", the user's own date) without shifting it by a time zone. */
export function formatDate(
  isoDate: string,
  locale: string,
  style: 'medium' | 'long' = 'medium',
): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  const date = new Date(Date.UTC(y, m - 1, d));
  return dateFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(date);
}

/** A moment ("2026-12-07T08:27:00Z") in the user's time zone. */
export function formatDateTime(iso: string, locale: string, timeZone: string): string {
  try {
    return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
      new Date(iso),
    );
  } catch {
    return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }
}

/** "73 %": a percentage the API sends as a number or a decimal string. */
export function formatPercent(value: string | number, locale: string): string {
  const number = typeof value === 'number' ? value : Number(value);
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(number / 100);
}
