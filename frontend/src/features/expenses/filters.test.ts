import { describe, expect, it } from 'vitest';
import { activeCount, readFilters, toQuery, writeFilters } from './filters';

describe('filters in the URL', () => {
  it('round-trip through the query string', () => {
    const url = new URLSearchParams(
      'category=Groceries&category=Travel&search=kroger&date_from=2026-01-01&page=3',
    );
    const filters = readFilters(url);
    expect(filters.category).toEqual(['Groceries', 'Travel']);
    expect(filters.page).toBe(3);
    expect(writeFilters(filters).toString()).toBe(url.toString());
    expect(activeCount(filters)).toBe(3);
  });

  it('become the API query, leaving out what is malformed', () => {
    const filters = readFilters(
      new URLSearchParams(
        'category=Nope,Health&date_to=tomorrow&min_amount=5&max_amount=x&currency=eur',
      ),
    );
    expect(toQuery(filters)).toEqual({
      page: 1,
      page_size: 25,
      ordering: '-date',
      category: ['Health'],
      min_amount: 5,
      currency: 'EUR',
    });
  });
});
