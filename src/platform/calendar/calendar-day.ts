/**
 * Calendar days as `YYYY-MM-DD` strings and as day numbers (days since 1970-01-01), and where a day
 * begins in time. Day boundaries are those of Beijing time (Asia/Shanghai): China has kept UTC+8
 * without daylight saving since 1991, so a fixed offset is exact and no time-zone database is needed.
 * Instants stay UTC `Date`s everywhere else.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export const MILLISECONDS_PER_DAY = DAY_MS;

/** The day number of a real `YYYY-MM-DD` date, or undefined for anything else (2025-02-29, 2025-2-1). */
export function parseDayNumber(date: string): number | undefined {
  const match = DATE_PATTERN.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  // Date.UTC rolls 2025-02-29 over to 03-01; a real date survives the round trip unchanged.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return undefined;
  return time / DAY_MS;
}

export function isCalendarDate(date: string): boolean {
  return parseDayNumber(date) !== undefined;
}

/** The day number of a date known to be well formed (from the database or from `formatDay`). */
export function dayNumberOf(date: string): number {
  const day = parseDayNumber(date);
  if (day === undefined) throw new RangeError(`${date} is not a calendar date`);
  return day;
}

export function formatDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfDay(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** The Beijing calendar day that `instant` falls on. */
export function beijingDayOf(instant: Date): number {
  return Math.floor((instant.getTime() + BEIJING_OFFSET_MS) / DAY_MS);
}

/** The instant a Beijing calendar day begins (00:00 Beijing time = 16:00 UTC the day before). */
export function startOfBeijingDay(dayNumber: number): Date {
  return new Date(dayNumber * DAY_MS - BEIJING_OFFSET_MS);
}
