import type { CalendarDay } from './calendarApi.ts';

/** What a day is on the calendar: an override from the notice, or the ordinary week. */
export type DayStatus =
  | { kind: 'holiday' | 'workday'; override: CalendarDay }
  | { kind: 'weekend' | 'working'; override: undefined };

const DAY_MS = 86_400_000;

/** Dates as `YYYY-MM-DD`; worked out in UTC so that the reader's own time zone never shifts a day. */
export function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday: Chinese calendars start the week on Monday. */
export function mondayFirstWeekday(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function isWeekend(date: string): boolean {
  return mondayFirstWeekday(date) >= 5;
}

export function statusOf(date: string, overrides: ReadonlyMap<string, CalendarDay>): DayStatus {
  const override = overrides.get(date);
  if (override) return { kind: override.kind, override };
  return { kind: isWeekend(date) ? 'weekend' : 'working', override: undefined };
}

/** The weeks of a month, Monday first, with null for the days of the neighbouring months. */
export function weeksOf(year: number, month: number): (string | null)[][] {
  const first = isoDate(year, month, 1);
  const length = Math.round((Date.UTC(year, month, 1) - Date.UTC(year, month - 1, 1)) / DAY_MS);
  const cells: (string | null)[] = [
    ...Array.from({ length: mondayFirstWeekday(first) }, () => null),
    ...Array.from({ length }, (_, index) => isoDate(year, month, index + 1)),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

/** The year it is now in Beijing, where the calendar's days are. */
export function currentBeijingYear(): number {
  return new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
}
