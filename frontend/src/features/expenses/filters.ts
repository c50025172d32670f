/**
 * The expense list's filters live in the URL (`?category=Groceries&date_from=…&page=2`),
 * named as the API names them, so a filtered view can be bookmarked and shared.
 */
import type { components, operations } from '../../api/schema';
import { SYSTEM_CATEGORIES } from '../../app/vocabulary';

export type ListQuery = NonNullable<operations['expenses_list']['parameters']['query']>;
export type Category = NonNullable<ListQuery['category']>[number];
export type PaymentMethod = NonNullable<ListQuery['payment_method']>;

export const CATEGORIES: Category[] = [...SYSTEM_CATEGORIES];
export const PAYMENT_METHODS: PaymentMethod[] = [
  'cash',
  'card',
  'bank_transfer',
  'mobile',
  'paypal',
  'other',
];
export const PAGE_SIZE = 25;
export const CURRENCIES = Intl.supportedValuesOf('currency');
export type Expense = components['schemas']['Expense'];

/** The filters a person sets (the text of each control), as kept in the URL. */
export interface Filters {
  category: Category[];
  search: string;
  date_from: string;
  date_to: string;
  min_amount: string;
  max_amount: string;
  payment_method: string;
  currency: string;
  page: number;
}

const TEXT_KEYS = [
  'search',
  'date_from',
  'date_to',
  'min_amount',
  'max_amount',
  'payment_method',
  'currency',
] as const;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT = /^\d+(\.\d+)?$/;

/** The filters of a URL's query string; anything malformed is dropped, not sent. */
export function readFilters(params: URLSearchParams): Filters {
  const category = params
    .getAll('category')
    .flatMap((value) => value.split(','))
    .filter((value): value is Category => (CATEGORIES as string[]).includes(value));
  const text = Object.fromEntries(TEXT_KEYS.map((key) => [key, params.get(key) ?? ''])) as Record<
    (typeof TEXT_KEYS)[number],
    string
  >;
  const page = Number(params.get('page'));
  return { category, ...text, page: Number.isInteger(page) && page > 1 ? page : 1 };
}

/** The query string of some filters: empty ones left out, page 1 implied. */
export function writeFilters(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const category of filters.category) params.append('category', category);
  for (const key of TEXT_KEYS) if (filters[key].trim()) params.set(key, filters[key].trim());
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

/** The API's query for the list (and its export) from the filters. */
export function toQuery(filters: Filters): ListQuery {
  const query: ListQuery = { page: filters.page, page_size: PAGE_SIZE, ordering: '-date' };
  if (filters.category.length) query.category = filters.category;
  if (filters.search.trim()) query.search = filters.search.trim();
  if (ISO_DAY.test(filters.date_from)) query.date_from = filters.date_from;
  if (ISO_DAY.test(filters.date_to)) query.date_to = filters.date_to;
  if (AMOUNT.test(filters.min_amount)) query.min_amount = Number(filters.min_amount);
  if (AMOUNT.test(filters.max_amount)) query.max_amount = Number(filters.max_amount);
  if ((PAYMENT_METHODS as string[]).includes(filters.payment_method))
    query.payment_method = filters.payment_method as PaymentMethod;
  if (/^[A-Za-z]{3}$/.test(filters.currency)) query.currency = filters.currency.toUpperCase();
  return query;
}

export const NO_FILTERS: Filters = {
  category: [],
  search: '',
  date_from: '',
  date_to: '',
  min_amount: '',
  max_amount: '',
  payment_method: '',
  currency: '',
  page: 1,
};

/** The same query without paging: what the export downloads. */
export function exportQuery(filters: Filters): Omit<ListQuery, 'page' | 'page_size'> {
  const query = toQuery(filters);
  delete query.page;
  delete query.page_size;
  return query;
}

/** How many filters are set (the page does not count). */
export function activeCount(filters: Filters): number {
  return (filters.category.length ? 1 : 0) + TEXT_KEYS.filter((key) => filters[key].trim()).length;
}
