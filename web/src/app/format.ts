import type { Language } from './languages.ts';

export function formatDateTime(isoTimestamp: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(isoTimestamp),
  );
}

/**
 * A calendar date such as "2026-11-27" has no time zone; formatting it in UTC keeps readers west
 * of Greenwich from seeing the day before.
 */
export function formatCalendarDate(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(isoDate));
}

export function formatMilliseconds(milliseconds: number, language: Language): string {
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: 'millisecond',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(milliseconds);
}

const durationUnits = [
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3_600 },
  { unit: 'minute', seconds: 60 },
  { unit: 'second', seconds: 1 },
] as const;

/** "3 days 4 hours 5 minutes": the two or three largest units are what a reader takes in. */
export function formatDuration(totalSeconds: number, language: Language): string {
  let remaining = Math.max(0, Math.floor(totalSeconds));
  const parts: string[] = [];
  for (const { unit, seconds } of durationUnits) {
    const amount = Math.floor(remaining / seconds);
    remaining -= amount * seconds;
    if (amount > 0 || (unit === 'second' && parts.length === 0)) {
      parts.push(
        new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(amount),
      );
    }
    if (parts.length === 3) break;
  }
  return new Intl.ListFormat(language, { type: 'unit', style: 'narrow' }).format(parts);
}
