import { DomainError } from '../errors/index.ts';

export const calendarErrors = {
  notADate: (date: string) =>
    new DomainError({
      kind: 'invalid',
      code: 'platform.calendar-date-invalid',
      title: 'Not a calendar date',
      detail: `${date} is not a date: write it as YYYY-MM-DD, e.g. 2025-01-28, and use a day the month has.`,
    }),
  outOfRange: (date: string) =>
    new DomainError({
      kind: 'invalid',
      code: 'platform.calendar-date-out-of-range',
      title: 'Date outside the calendar',
      detail: `${date} is outside the years the calendar covers (1949 to 2999).`,
    }),
  workdayOnWeekday: (date: string) =>
    new DomainError({
      kind: 'invalid',
      code: 'platform.calendar-workday-on-weekday',
      title: 'Already a working day',
      detail: `${date} is a weekday and so a working day already; a make-up working day (调休上班) falls on a Saturday or Sunday.`,
      fields: [{ pointer: '/kind', detail: 'workday is only for a Saturday or Sunday' }],
    }),
  blank: (pointer: string) =>
    new DomainError({
      kind: 'invalid',
      code: 'validation-failed',
      title: 'The request is not valid',
      detail: `${pointer} must not be blank.`,
      fields: [{ pointer, detail: 'must not be blank' }],
    }),
  noOverride: (date: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'platform.calendar-day-not-found',
      title: 'No override for that day',
      detail: `${date} follows the ordinary week already; there is no holiday or make-up working day to remove.`,
    }),
  noticeRequired: (year: number) =>
    new DomainError({
      kind: 'invalid',
      code: 'platform.calendar-notice-required',
      title: 'Name the notice',
      detail: `Publishing ${year} needs the notice it comes from, e.g. 国办发明电〔2024〕12号.`,
      fields: [{ pointer: '/notice', detail: 'is required to publish a year' }],
    }),
};
