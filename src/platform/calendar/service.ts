import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.ts';
import type { Tables } from '../db/index.ts';
import type { CalendarAudit, CalendarEditor } from './audit-port.ts';
import {
  dayNumberOf,
  formatDay,
  parseDayNumber,
  startOfBeijingDay,
  weekdayOf,
  yearOfDay,
} from './calendar-day.ts';
import { calendarErrors } from './errors.ts';
import type { CalendarDay, CalendarYear, DayInput, PublicationInput, WorkingDaysAnswer } from './schemas.ts';
import {
  type CalendarDayRow,
  deleteDay,
  findDay,
  findYear,
  listDays,
  listPublishedYears,
  upsertDay,
  upsertYear,
} from './store.ts';
import { addWorkingDays, createWorkingCalendar, type WorkingCalendar } from './working-calendar.ts';

type Db = Kysely<Tables>;

export const MANAGE_CALENDAR = 'platform.calendar.manage';

const FIRST_YEAR = 1949;
const LAST_YEAR = 2999;

/**
 * The working calendar for the days `from`..`to` (inclusive), loaded once so that deadline arithmetic
 * runs without the database. Days outside the range count as unsettled (provisional).
 */
export async function loadWorkingCalendar(
  db: Db,
  range: { from: string; to: string },
): Promise<WorkingCalendar> {
  const [from, to] = [dayNumberOf(range.from), dayNumberOf(range.to)];
  const [days, publishedYears] = await Promise.all([
    listDays(db, range.from, range.to),
    listPublishedYears(db, yearOfDay(from), yearOfDay(to)),
  ]);
  return createWorkingCalendar({
    from: formatDay(from),
    to: formatDay(to),
    overrides: days.map((row) => ({ date: row.day, kind: row.kind })),
    publishedYears,
  });
}

/** A real date within the calendar's years, or a 400 that says which it is not. */
function checkedDay(date: string): number {
  const day = parseDayNumber(date);
  if (day === undefined) throw calendarErrors.notADate(date);
  const year = yearOfDay(day);
  if (year < FIRST_YEAR || year > LAST_YEAR) throw calendarErrors.outOfRange(date);
  return day;
}

function toCalendarDay(row: CalendarDayRow): CalendarDay {
  return {
    date: row.day,
    kind: row.kind,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    notice: row.notice,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function getCalendarYear(db: Db, year: number): Promise<CalendarYear> {
  const [row, days] = await Promise.all([findYear(db, year), listDays(db, `${year}-01-01`, `${year}-12-31`)]);
  return {
    year,
    isPublished: row?.is_published ?? false,
    notice: row?.notice ?? null,
    days: days.map(toCalendarDay),
  };
}

/**
 * The due date of a limit of `workingDays` working days from `from` (the day of acceptance, which
 * does not count). The calendar is loaded with room to spare: even a month of holidays in every two
 * months would not reach past twice the limit plus two months.
 */
export async function dueAfterWorkingDays(
  db: Db,
  from: string,
  workingDays: number,
): Promise<WorkingDaysAnswer> {
  const start = checkedDay(from);
  const calendar = await loadWorkingCalendar(db, {
    from: formatDay(start),
    to: formatDay(start + workingDays * 2 + 62),
  });
  const due = addWorkingDays(calendar, formatDay(start), workingDays);
  const dueDay = dayNumberOf(due.date);
  const unpublishedYears: number[] = [];
  for (let year = yearOfDay(start + (workingDays > 0 ? 1 : 0)); year <= yearOfDay(dueDay); year += 1)
    if (!calendar.publishedYears.has(year)) unpublishedYears.push(year);
  return {
    from: formatDay(start),
    workingDays,
    due: due.date,
    dueAt: startOfBeijingDay(dueDay + 1).toISOString(),
    provisional: due.provisional,
    unpublishedYears: due.provisional ? unpublishedYears : [],
  };
}

function nonBlank(value: string, pointer: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw calendarErrors.blank(pointer);
  return trimmed;
}

type Change = { clock: Clock; audit: CalendarAudit; editor: CalendarEditor; requestId?: string };

function eventBase(change: Change) {
  return {
    actor: { kind: 'staff' as const, id: change.editor.id },
    onBehalfOf: change.editor.organisationId ?? null,
    at: change.clock.now(),
    requestId: change.requestId ?? null,
  };
}

/** Makes `date` a holiday or a make-up working day (or corrects it), audited with what it was before. */
export async function setCalendarDay(
  db: Db,
  change: Change,
  date: string,
  input: DayInput,
): Promise<CalendarDay> {
  const day = checkedDay(date);
  const weekday = weekdayOf(day);
  if (input.kind === 'workday' && weekday !== 0 && weekday !== 6) throw calendarErrors.workdayOnWeekday(date);
  const base = eventBase(change);
  const row: CalendarDayRow = {
    day: formatDay(day),
    kind: input.kind,
    name_zh: nonBlank(input.nameZh, '/nameZh'),
    name_en: nonBlank(input.nameEn, '/nameEn'),
    notice: nonBlank(input.notice, '/notice'),
    updated_at: base.at,
  };
  const before = await findDay(db, row.day);
  await change.audit.auditedWrite(
    db,
    {
      ...base,
      action: 'platform.calendar-day.set',
      record: { type: 'platform.calendar-day', id: row.day },
      payloadHash: change.audit.hashPayload({
        ...toCalendarDay(row),
        before: before ? toCalendarDay(before) : null,
      }),
    },
    (tx) => upsertDay(tx, row),
  );
  return toCalendarDay(row);
}

/** Returns `date` to the ordinary week. */
export async function removeCalendarDay(db: Db, change: Change, date: string): Promise<void> {
  const day = formatDay(checkedDay(date));
  const before = await findDay(db, day);
  if (!before) throw calendarErrors.noOverride(day);
  await change.audit.auditedWrite(
    db,
    {
      ...eventBase(change),
      action: 'platform.calendar-day.removed',
      record: { type: 'platform.calendar-day', id: day },
      payloadHash: change.audit.hashPayload({ before: toCalendarDay(before) }),
    },
    async (tx) => {
      // Removed by someone else in between: nothing to undo, and nothing must be recorded as undone.
      if (!(await deleteDay(tx, day))) throw calendarErrors.noOverride(day);
    },
  );
}

/**
 * Marks a year's arrangement as published (its notice entered in full) or withdraws that. Until a
 * year is published, deadlines that reach into it are provisional.
 */
export async function setYearPublished(db: Db, change: Change, year: number, input: PublicationInput) {
  const before = await findYear(db, year);
  const notice = input.notice === undefined ? (before?.notice ?? null) : nonBlank(input.notice, '/notice');
  if (input.isPublished && notice === null) throw calendarErrors.noticeRequired(year);
  const base = eventBase(change);
  const row = { year, is_published: input.isPublished, notice, updated_at: base.at };
  await change.audit.auditedWrite(
    db,
    {
      ...base,
      action: input.isPublished ? 'platform.calendar-year.published' : 'platform.calendar-year.withdrawn',
      record: { type: 'platform.calendar-year', id: String(year) },
      payloadHash: change.audit.hashPayload({ year, isPublished: input.isPublished, notice }),
    },
    (tx) => upsertYear(tx, row),
  );
  return { year, isPublished: row.is_published, notice, updatedAt: row.updated_at.toISOString() };
}
