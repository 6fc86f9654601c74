import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api.ts';
import type { Language } from '../../app/languages.ts';
import { type CalendarDay, problemCodes } from './calendarApi.ts';

export type CalendarT = TFunction<'calendar'>;

/** The reader's words for what the server refused; its detail otherwise. */
export function problemMessage(t: CalendarT, error: unknown): string {
  if (!(error instanceof ApiError)) return t('problems.unreachable');
  switch (error.code) {
    case problemCodes.workdayOnWeekday:
      return t('problems.workdayOnWeekday');
    case problemCodes.noticeRequired:
      return t('problems.noticeRequired');
    case problemCodes.dayNotFound:
      return t('problems.notFound');
    case 'permission-denied':
      return t('problems.forbidden');
    default:
      return t('problems.unexpected', { status: error.status, detail: error.detail ?? error.title });
  }
}

/** "2025年1月28日星期二" / "Tuesday, January 28, 2025": read in UTC, the date has no time zone. */
export function fullDate(date: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

export function dayName(day: CalendarDay, language: Language): string {
  return language === 'en' ? day.nameEn : day.nameZh;
}
