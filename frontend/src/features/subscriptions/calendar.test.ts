import { describe, expect, it } from 'vitest';
import { monthWeeks, shiftMonth, weekdayNames } from './calendar';

describe('the renewals calendar', () => {
  it('lays a month out in Monday-first weeks', () => {
    const weeks = monthWeeks('2026-12');
    expect(weeks[0]![0]).toEqual({ iso: '2026-11-30', day: 30, inMonth: false });
    expect(weeks[0]![1]).toEqual({ iso: '2026-12-01', day: 1, inMonth: true });
    expect(weeks.at(-1)!.at(-1)).toEqual({ iso: '2027-01-03', day: 3, inMonth: false });
    expect(weeks.flat().filter((day) => day.inMonth)).toHaveLength(31);
  });

  it('moves between months across years', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
  });

  it('names the weekdays from Monday', () => {
    expect(weekdayNames('en-US')[0]).toBe('Mon');
    expect(weekdayNames('es-ES')[6]).toBe('dom');
  });
});
