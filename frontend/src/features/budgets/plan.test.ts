import { describe, expect, it } from 'vitest';
import { editorTotals, left, monthRange, progressColor } from './plan';

describe('a plan being edited', () => {
  it('totals what is allocated and what is left unallocated, exactly', () => {
    const lines = [
      { category: 'Groceries' as const, allocated: '400.10', spent: '120.00' },
      { category: 'Travel' as const, allocated: '99.95', spent: '0' },
      { category: 'Health' as const, allocated: 'abc', spent: '0' },
    ];
    expect(editorTotals(lines, '1000', '200')).toEqual({
      allocated: '500.05',
      unallocated: '299.95',
      invalid: ['Health'],
    });
    expect(left(lines[0]!)).toBe('280.10');
  });

  it('colours progress by the threshold', () => {
    expect(progressColor(50, 80)).toBe('blue');
    expect(progressColor(80, 80)).toBe('yellow');
    expect(progressColor(100.5, 80)).toBe('red');
  });

  it('knows a month’s days', () => {
    expect(monthRange('2028-02')).toEqual({ date_from: '2028-02-01', date_to: '2028-02-29' });
  });
});
