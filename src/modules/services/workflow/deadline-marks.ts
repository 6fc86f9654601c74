/**
 * Deadline marks of work queues: how many working days a case has left and whether it is `running`,
 * in `warning` (that many or fewer left), `overdue` or `paused` (waiting for the applicant). The
 * instance's due instant already holds the owner's pauses and extensions, so the clock here is
 * `evaluateDeadline` from the case's start to its due day with nothing more to subtract.
 */
import {
  addWorkingDays,
  evaluateDeadline,
  type WorkingCalendar,
  workingDaysBetween,
} from '../../../platform/calendar/index.ts';

export const DEFAULT_WARNING_DAYS = 2;
const DAY_MS = 86_400_000;

export type DeadlineMark = {
  state: 'running' | 'warning' | 'overdue' | 'paused';
  /** Working days left counting today; negative once overdue. */
  remainingWorkingDays: number;
  /** Some day counted lies in a year whose holidays are not published yet. */
  provisional: boolean;
};

export const beijingDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const startOfBeijingDay = (day: string) => new Date(`${day}T00:00:00+08:00`);
const previousDay = (day: string) => beijingDay(new Date(startOfBeijingDay(day).getTime() - DAY_MS));

export function deadlineMarkOf(
  calendar: WorkingCalendar,
  input: { startedAt: Date; dueAt: Date; isPaused: boolean; warnWithinDays: number; now: Date },
): DeadlineMark {
  // A due instant is the end of its last day; the day it ends on is the due day.
  const dueDay = beijingDay(new Date(input.dueAt.getTime() - 1));
  const startDay = beijingDay(input.startedAt);
  const limit = dueDay < startDay ? 0 : workingDaysBetween(calendar, startDay, dueDay).workingDays;
  const clock = evaluateDeadline(calendar, {
    startedAt: input.startedAt,
    limit: { workingDays: limit },
    warnWhenRemaining: input.warnWithinDays,
    now: input.now,
  });
  const isOverdue = input.dueAt < input.now;
  const state = input.isPaused
    ? 'paused'
    : isOverdue
      ? 'overdue'
      : clock.state === 'warning' || clock.state === 'overdue'
        ? 'warning'
        : 'running';
  return { state, remainingWorkingDays: clock.remaining, provisional: clock.provisional };
}

/**
 * The due instants that put a running case in `warning` now, for filtering in SQL: a case started
 * before today has working days from today to its due day left; one started today does not count
 * today (the day of acceptance never counts). Either way `remaining ≤ n` holds exactly for due days
 * before the (n+1)-th working day counted, so each bound is the start of that day.
 */
export function warningBounds(calendar: WorkingCalendar, now: Date, warnWithinDays: number) {
  const today = beijingDay(now);
  return {
    startOfToday: startOfBeijingDay(today),
    startedEarlierDueBy: startOfBeijingDay(
      addWorkingDays(calendar, previousDay(today), warnWithinDays + 1).date,
    ),
    startedTodayDueBy: startOfBeijingDay(addWorkingDays(calendar, today, warnWithinDays + 1).date),
  };
}

/** The day range a calendar must cover for the marks and bounds of these cases. */
export function calendarRangeFor(now: Date, cases: readonly { startedAt: Date; dueAt: Date }[]) {
  const days = [
    previousDay(beijingDay(now)),
    // Enough working days ahead for any warning threshold the query allows.
    beijingDay(new Date(now.getTime() + 120 * DAY_MS)),
    ...cases.flatMap((item) => [beijingDay(item.startedAt), beijingDay(item.dueAt)]),
  ].sort();
  return { from: days[0]!, to: days.at(-1)! };
}
