/** What the assistant understood, as labelled values a person can check before confirming. */
import { formatDate, formatMoney } from './format';

export interface Understood {
  label: string;
  value: string;
}

type Data = Record<string, unknown>;
const DATE_FIELDS: [string, string][] = [
  ['date', 'Date'],
  ['transaction_date', 'Date'],
  ['due_date', 'Due'],
  ['next_billing_date', 'Next payment'],
];
const TEXT_FIELDS: [string, string][] = [
  ['title', 'Task'],
  ['name', 'Name'],
  ['vendor', 'Vendor'],
  ['category', 'Category'],
  ['counterparty', 'Person'],
  ['direction', 'Direction'],
  ['billing_cycle', 'Cycle'],
  ['priority', 'Priority'],
  ['list_name', 'List'],
  ['due_time', 'Time'],
];

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.map((item) => itemText(item)).join(', ');
  return String(value);
}

function itemText(item: unknown): string {
  if (item && typeof item === 'object') {
    const record = item as Data;
    const name = String(record.name ?? record.title ?? '');
    return record.quantity && record.quantity !== '1' ? `${record.quantity} × ${name}` : name;
  }
  return String(item);
}

const TRANSLATED = new Set(['direction', 'priority']);

function shown(key: string, value: string, t: (key: string) => string): string {
  if (TRANSLATED.has(key)) return t(value);
  return key === 'due_time' ? value.slice(0, 5) : value;
}

function amountRow(data: Data, locale: string, t: (key: string) => string): Understood[] {
  if (data.amount === undefined || data.amount === null) return [];
  const currency = typeof data.currency === 'string' ? data.currency : 'USD';
  return [{ label: t('Amount'), value: formatMoney(String(data.amount), currency, locale) }];
}

/** The labelled fields of one proposed object (`objects[].data`), in a stable order. */
export function understood(data: Data, locale: string, t: (key: string) => string): Understood[] {
  if (Array.isArray(data.tasks)) {
    return (data.tasks as Data[]).flatMap((task) => understood(task, locale, t));
  }
  const out = amountRow(data, locale, t);
  for (const [key, label] of TEXT_FIELDS) {
    const value = text(data[key]);
    if (value) out.push({ label: t(label), value: shown(key, value, t) });
  }
  for (const [key, label] of DATE_FIELDS) {
    const value = text(data[key]);
    if (value && /^\d{4}-\d{2}-\d{2}/.test(value)) {
      out.push({ label: t(label), value: formatDate(value, locale) });
    }
  }
  const items = text(data.items);
  if (items) out.push({ label: t('Items'), value: items });
  return out;
}
