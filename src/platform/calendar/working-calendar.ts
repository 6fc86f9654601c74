import { dayNumberOf, formatDay, weekdayOf, yearOfDay } from './calendar-day.ts';

/**
 * The working-day calendar as a plain value: Monday to Friday are working days and Saturday and
 * Sunday rest days, unless the State Council's yearly notice says otherwise for a date — a statutory
 * holiday (法定节假日) on a weekday, or a make-up working day (调休上班) on a weekend. Built from the
 * database by `loadWorkingCalendar`, then used without it, so deadline arithmetic is pure and testable.
 *
 * A day is *settled* when its year's arrangement has been published and the day lies in the range
 * that was loaded. Arithmetic that touches an unsettled day still answers (as plain weekdays plus any
 * overrides entered so far) but says `provisional: true`, because the notice may yet change it.
 */
export type DayKind = 'holiday' | 'workday';

export type WorkingCalendar = {
  /** First and last day (inclusive) whose overrides were loaded. */
  readonly from: string;
  readonly to: string;
  readonly overrides: ReadonlyMap<string, DayKind>;
  readonly publishedYears: ReadonlySet<number>;
};

export function createWorkingCalendar(input: {
  from: string;
  to: string;
  overrides: Iterable<{ date: string; kind: DayKind }>;
  publishedYears: Iterable<number>;
}): WorkingCalendar {
  if (dayNumberOf(input.from) > dayNumberOf(input.to))
    throw new RangeError(`the calendar range ${input.from}..${input.to} is empty`);
  const overrides = new Map<string, DayKind>();
  for (const { date, kind } of input.overrides) overrides.set(formatDay(dayNumberOf(date)), kind);
  return { from: input.from, to: input.to, overrides, publishedYears: new Set(input.publishedYears) };
}

/** Day-number versions for the clock's inner loops; the exported functions below take dates. */
export function isWorkingDayNumber(calendar: WorkingCalendar, day: number): boolean {
  const override = calendar.overrides.get(formatDay(day));
  if (override) return override === 'workday';
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6;
}

export function isSettledDayNumber(calendar: WorkingCalendar, day: number): boolean {
  return (
    day >= dayNumberOf(calendar.from) &&
    day <= dayNumberOf(calendar.to) &&
    calendar.publishedYears.has(yearOfDay(day))
  );
}

export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  return isWorkingDayNumber(calendar, dayNumberOf(date));
}

/** Whether the day's status is final: its year is published and it was loaded. */
export function isSettledDay(calendar: WorkingCalendar, date: string): boolean {
  return isSettledDayNumber(calendar, dayNumberOf(date));
}

/**
 * The day `workingDays` working days after `start`, counted as the Administrative Licensing Law
 * counts its limits (art. 42, 82; Civil Code art. 201): the start day — the day of acceptance —
 * never counts, counting begins the day after, and only working days count. So the result is the
 * n-th working day strictly after `start`; the limit runs out at the end of that day. Zero working
 * days is `start` itself. Because the last day is always a working day, the rule that a limit ending
 * on a holiday moves to the next working day (Civil Code art. 203) is already met.
 */
export function addWorkingDays(
  calendar: WorkingCalendar,
  start: string,
  workingDays: number,
): { date: string; provisional: boolean } {
  if (!Number.isInteger(workingDays) || workingDays < 0)
    throw new RangeError(`working days must be a whole number ≥ 0, not ${workingDays}`);
  let day = dayNumberOf(start);
  let provisional = false;
  for (let counted = 0; counted < workingDays; ) {
    day += 1;
    if (!isSettledDayNumber(calendar, day)) provisional = true;
    if (isWorkingDayNumber(calendar, day)) counted += 1;
  }
  return { date: formatDay(day), provisional };
}

/**
 * Working days after `from` up to and including `to` — the inverse of `addWorkingDays`:
 * `workingDaysBetween(d, addWorkingDays(d, n)) = n`. Negative when `to` comes before `from`.
 */
export function workingDaysBetween(
  calendar: WorkingCalendar,
  from: string,
  to: string,
): { workingDays: number; provisional: boolean } {
  const [first, last] = [dayNumberOf(from), dayNumberOf(to)];
  const [low, high, sign] = first <= last ? [first, last, 1] : [last, first, -1];
  let count = 0;
  let provisional = false;
  for (let day = low + 1; day <= high; day += 1) {
    if (!isSettledDayNumber(calendar, day)) provisional = true;
    if (isWorkingDayNumber(calendar, day)) count += 1;
  }
  // `|| 0`: no working days backwards is 0, not -0.
  return { workingDays: sign * count || 0, provisional };
}
