/** A month as weeks of days (Monday first), for the renewals calendar. */

export interface Day {
  iso: string;
  day: number;
  inMonth: boolean;
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

/** The weeks covering a "YYYY-MM" month, each seven days from Monday. */
export function monthWeeks(month: string): Day[][] {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, number - 1, 1));
  const start = new Date(first);
  start.setUTCDate(1 - ((first.getUTCDay() + 6) % 7));
  const weeks: Day[][] = [];
  const cursor = new Date(start);
  while (weeks.length < 6) {
    const week: Day[] = [];
    for (let i = 0; i < 7; i += 1) {
      week.push({
        iso: iso(cursor),
        day: cursor.getUTCDate(),
        inMonth: cursor.getUTCMonth() === number - 1,
      });
      cursor.setUTCDate(cursor.getUTCDate() + 1);
    }
    weeks.push(week);
    if (cursor.getUTCMonth() !== number - 1) break;
  }
  return weeks;
}

/** The month before or after a "YYYY-MM" month. */
export function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, number - 1 + by, 1));
  return iso(date).slice(0, 7);
}

/** Mon … Sun in the reader's language (short), from a known Monday. */
export function weekdayNames(locale: string): string[] {
  const monday = Date.UTC(2024, 0, 1);
  return Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(
      new Date(monday + i * 86_400_000),
    ),
  );
}
