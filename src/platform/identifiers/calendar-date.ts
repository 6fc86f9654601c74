/** Calendar dates as `YYYY-MM-DD` strings, which compare correctly as text. */

export function isRealCalendarDate(year: number, month: number, day: number): boolean {
  // Date.UTC rolls 2023-02-29 over to 03-01; a real date survives the round trip unchanged.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const CHINA_STANDARD_TIME_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The date it is in China at `instant`. Birth dates in identity numbers are Chinese calendar dates:
 * at 20:00 UTC it is already tomorrow in Beijing, and a child born then has tomorrow's date. China
 * has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact.
 */
export function chinaCalendarDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_STANDARD_TIME_OFFSET_MS).toISOString().slice(0, 10);
}
