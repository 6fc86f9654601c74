import { requestJson } from '../../app/api.ts';

/** The shapes of src/platform/calendar/schemas.ts that the page uses. */
export type DayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: string;
  kind: DayKind;
  nameZh: string;
  nameEn: string;
  notice: string;
  updatedAt: string;
}

export interface CalendarYear {
  year: number;
  isPublished: boolean;
  notice: string | null;
  days: readonly CalendarDay[];
}

export interface DayInput {
  kind: DayKind;
  nameZh: string;
  nameEn: string;
  notice: string;
}

export const problemCodes = {
  workdayOnWeekday: 'platform.calendar-workday-on-weekday',
  noticeRequired: 'platform.calendar-notice-required',
  dayNotFound: 'platform.calendar-day-not-found',
} as const;

/** The years the server accepts. */
export const FIRST_YEAR = 1949;
export const LAST_YEAR = 2999;

export function fetchCalendarYear(year: number, signal?: AbortSignal): Promise<CalendarYear> {
  return requestJson<CalendarYear>(`/api/calendar/years/${year}`, signal ? { signal } : {});
}

export function saveCalendarDay(date: string, input: DayInput): Promise<CalendarDay> {
  return requestJson<CalendarDay>(`/api/calendar/days/${date}`, { method: 'PUT', body: input });
}

export function removeCalendarDay(date: string): Promise<void> {
  return requestJson<void>(`/api/calendar/days/${date}`, { method: 'DELETE' });
}

export function publishCalendarYear(year: number, input: { isPublished: boolean; notice?: string }) {
  return requestJson<{ year: number; isPublished: boolean; notice: string | null }>(
    `/api/calendar/years/${year}/published`,
    { method: 'PUT', body: input },
  );
}
