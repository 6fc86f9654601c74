import { beijingDayOf, startOfBeijingDay } from './calendar-day.ts';
import { isSettledDayNumber, isWorkingDayNumber, type WorkingCalendar } from './working-calendar.ts';

/**
 * A deadline clock: a statutory time limit (行政许可 in working days, a 12345 reply in hours or days)
 * that starts at an instant, stops while the matter is paused (hearing, inspection, expert review,
 * waiting for the applicant's supplements: Administrative Licensing Law art. 45), grows by approved
 * extensions (art. 42), and is read at `now`.
 *
 * Day limits follow one rule: **a day counts if the clock was running when the day began (00:00
 * Beijing time)** and, for working-day limits, it is a working day. It gives the statutory conventions
 * at once: the day of acceptance never counts (the clock was not yet running at its start), counting
 * begins the next day, and a day on which the clock resumed does not count either, just as a day of
 * acceptance would not; a pause that starts and ends within one day costs nothing. The limit runs out
 * at the end of the last counted day. Hour limits count elapsed time around the clock, less paused time.
 */
export type DeadlineLimit = { workingDays: number } | { calendarDays: number } | { hours: number };
export type DeadlineUnit = 'workingDays' | 'calendarDays' | 'hours';

/** An interval that stops the clock; an open pause (`to: null`) has not ended yet. */
export type DeadlinePause = { from: Date; to: Date | null };

export type DeadlineInput = {
  startedAt: Date;
  limit: DeadlineLimit;
  pauses?: readonly DeadlinePause[];
  /** Approved extensions, in the limit's own unit (extra working days for a working-day limit). */
  extensions?: readonly DeadlineLimit[];
  /** `warning` once this much (in the limit's unit) or less remains. */
  warnWhenRemaining?: number;
  /** When the matter was completed: the clock stops there. */
  completedAt?: Date | null;
  now: Date;
};

export type DeadlineState = 'running' | 'paused' | 'warning' | 'overdue' | 'stopped';

export type DeadlineStatus = {
  state: DeadlineState;
  unit: DeadlineUnit;
  /** The limit plus extensions. */
  total: number;
  /** Used so far: whole counted days that have ended, or hours (fractional) run. */
  elapsed: number;
  /** `total - elapsed`; negative once overdue. */
  remaining: number;
  /**
   * The instant the limit runs out (end of the last counted day for day limits). While an open pause
   * holds the clock, this is where it would fall if the clock resumed now.
   */
  dueAt: Date;
  /** A working day counted (or still to count) lies in a year whose arrangement is not published. */
  provisional: boolean;
  /** For a stopped clock: whether it stopped by the due instant; otherwise null. */
  completedInTime: boolean | null;
};

const HOUR_MS = 60 * 60 * 1000;
/** A hundred years of days: beyond any statutory limit, and keeps a mistaken input from spinning. */
const MAX_UNITS = 36_500;

type Interval = { from: number; to: number };

export function unitOf(limit: DeadlineLimit): DeadlineUnit {
  if ('workingDays' in limit) return 'workingDays';
  if ('calendarDays' in limit) return 'calendarDays';
  return 'hours';
}

function amountOf(limit: DeadlineLimit): number {
  if ('workingDays' in limit) return limit.workingDays;
  if ('calendarDays' in limit) return limit.calendarDays;
  return limit.hours;
}

export function evaluateDeadline(calendar: WorkingCalendar, input: DeadlineInput): DeadlineStatus {
  const unit = unitOf(input.limit);
  const total = [input.limit, ...(input.extensions ?? [])].reduce((sum, part) => {
    if (unitOf(part) !== unit)
      throw new RangeError(`an extension in ${unitOf(part)} cannot extend a limit in ${unit}`);
    const amount = amountOf(part);
    const isAcceptable = unit === 'hours' ? Number.isFinite(amount) : Number.isInteger(amount);
    if (!isAcceptable || amount < 0)
      throw new RangeError(`${unit} must be ${unit === 'hours' ? 'a number' : 'whole'} ≥ 0`);
    return sum + amount;
  }, 0);
  if (total > (unit === 'hours' ? MAX_UNITS * 24 : MAX_UNITS))
    throw new RangeError(`a limit of ${total} ${unit} is beyond any statutory limit`);

  const start = input.startedAt.getTime();
  const at = (input.completedAt ?? input.now).getTime();
  const { intervals, isPausedAt } = pausesUntil(input.pauses ?? [], start, at);
  const evaluated =
    unit === 'hours'
      ? hourClock(start, at, total, intervals)
      : dayClock(calendar, unit, start, at, total, intervals);

  const remaining = total - evaluated.elapsed;
  const dueAt = new Date(evaluated.dueAt);
  let state: DeadlineState;
  if (input.completedAt) state = 'stopped';
  else if (at >= evaluated.dueAt) state = 'overdue';
  else if (isPausedAt) state = 'paused';
  else if (input.warnWhenRemaining !== undefined && remaining <= input.warnWhenRemaining) state = 'warning';
  else state = 'running';
  return {
    state,
    unit,
    total,
    elapsed: evaluated.elapsed,
    remaining,
    dueAt,
    provisional: evaluated.provisional,
    completedInTime: input.completedAt ? at <= evaluated.dueAt : null,
  };
}

/**
 * Pauses as disjoint, sorted intervals. An open pause lasts until `at` (so the due instant is where
 * it would be if the clock resumed now); a pause that has not begun by `at` has not happened yet.
 */
function pausesUntil(pauses: readonly DeadlinePause[], start: number, at: number) {
  let isPausedAt = false;
  const raw: Interval[] = [];
  for (const pause of pauses) {
    const from = pause.from.getTime();
    const to = pause.to?.getTime() ?? null;
    if (from < start) throw new RangeError('a pause cannot begin before the clock started');
    if (to !== null && to < from) throw new RangeError('a pause cannot end before it began');
    if (from > at) continue;
    if (to === null || to > at) isPausedAt = true;
    raw.push({ from, to: to ?? at });
  }
  raw.sort((a, b) => a.from - b.from);
  const intervals: Interval[] = [];
  for (const interval of raw) {
    const last = intervals.at(-1);
    if (last && interval.from <= last.to) last.to = Math.max(last.to, interval.to);
    else intervals.push({ ...interval });
  }
  return { intervals, isPausedAt };
}

function isRunningAt(instant: number, start: number, intervals: readonly Interval[]): boolean {
  return instant > start && !intervals.some((pause) => instant >= pause.from && instant < pause.to);
}

function dayClock(
  calendar: WorkingCalendar,
  unit: 'workingDays' | 'calendarDays',
  start: number,
  at: number,
  total: number,
  intervals: readonly Interval[],
) {
  const counts = (day: number) =>
    isRunningAt(startOfBeijingDay(day).getTime(), start, intervals) &&
    (unit === 'calendarDays' || isWorkingDayNumber(calendar, day));
  const firstDay = beijingDayOf(new Date(start)) + 1;
  let provisional = false;
  let dueDay = firstDay - 1;
  for (let counted = 0; counted < total; ) {
    dueDay += 1;
    if (unit === 'workingDays' && !isSettledDayNumber(calendar, dueDay)) provisional = true;
    if (counts(dueDay)) counted += 1;
  }
  // Days that have ended by `at`: the day `at` falls on is still under way.
  const lastEnded = beijingDayOf(new Date(at)) - 1;
  let elapsed = 0;
  for (let day = firstDay; day <= lastEnded; day += 1) if (counts(day)) elapsed += 1;
  return { dueAt: startOfBeijingDay(dueDay + 1).getTime(), elapsed, provisional };
}

function hourClock(start: number, at: number, total: number, intervals: readonly Interval[]) {
  let cursor = start;
  let left = total * HOUR_MS;
  let dueAt: number | undefined;
  for (const pause of intervals) {
    if (pause.to <= cursor) continue;
    if (pause.from > cursor) {
      if (pause.from - cursor >= left) {
        dueAt = cursor + left;
        break;
      }
      left -= pause.from - cursor;
    }
    cursor = pause.to;
  }
  const paused = intervals.reduce(
    (sum, pause) => sum + Math.max(0, Math.min(pause.to, at) - Math.max(pause.from, start)),
    0,
  );
  const elapsed = Math.max(0, at - start - paused) / HOUR_MS;
  return { dueAt: dueAt ?? cursor + left, elapsed, provisional: false };
}
