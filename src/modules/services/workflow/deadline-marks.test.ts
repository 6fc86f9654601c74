import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../platform/calendar/index.ts';
import { deadlineMarkOf, warningBounds } from './deadline-marks.ts';

const DAY_MS = 86_400_000;
const FIRST = Date.parse('2026-01-01T00:00:00+08:00');
const dayOf = (offset: number) => new Date(FIRST + offset * DAY_MS).toISOString().slice(0, 10);
const endOfDay = (offset: number) => new Date(FIRST + (offset + 1) * DAY_MS);

/** Random holidays and make-up days over 2026 and the first months of 2027. */
const calendars = fc
  .array(fc.record({ day: fc.integer({ min: 0, max: 480 }), isHoliday: fc.boolean() }), { maxLength: 80 })
  .map((overrides) =>
    createWorkingCalendar({
      from: '2025-12-01',
      to: '2027-06-30',
      overrides: overrides.map(({ day, isHoliday }) => ({
        date: dayOf(day),
        kind: isHoliday ? ('holiday' as const) : ('workday' as const),
      })),
      publishedYears: [2026],
    }),
  );

describe('deadline marks of work queues', () => {
  // The 2026 notice: 1–3 January off, Sunday 4 January a make-up working day.
  const calendar = createWorkingCalendar({
    from: '2025-12-01',
    to: '2026-12-31',
    overrides: [
      { date: '2026-01-01', kind: 'holiday' },
      { date: '2026-01-02', kind: 'holiday' },
      { date: '2026-01-03', kind: 'holiday' },
      { date: '2026-01-04', kind: 'workday' },
    ],
    publishedYears: [2025, 2026],
  });
  const mark = (now: string, warnWithinDays = 2, isPaused = false) =>
    deadlineMarkOf(calendar, {
      startedAt: new Date('2025-12-22T10:00:00+08:00'),
      // Due at the end of Tuesday 6 January 2026.
      dueAt: new Date('2026-01-06T16:00:00Z'),
      isPaused,
      warnWithinDays,
      now: new Date(now),
    });

  it('counts the working days left, through holidays and make-up days, and marks warning, overdue and paused', () => {
    expect(mark('2025-12-29T09:00:00+08:00')).toEqual({
      state: 'running',
      remainingWorkingDays: 6,
      provisional: false,
    });
    // Wednesday 31 December: the 31st, Sunday 4, Monday 5 and Tuesday 6 January are left.
    expect(mark('2025-12-31T09:00:00+08:00').remainingWorkingDays).toBe(4);
    expect(mark('2026-01-04T09:00:00+08:00')).toMatchObject({ state: 'running', remainingWorkingDays: 3 });
    expect(mark('2026-01-05T09:00:00+08:00')).toMatchObject({ state: 'warning', remainingWorkingDays: 2 });
    expect(mark('2026-01-06T23:00:00+08:00')).toMatchObject({ state: 'warning', remainingWorkingDays: 1 });
    expect(mark('2026-01-07T09:00:00+08:00')).toMatchObject({ state: 'overdue', remainingWorkingDays: 0 });
    expect(mark('2026-01-08T09:00:00+08:00')).toMatchObject({ state: 'overdue', remainingWorkingDays: -1 });
    expect(mark('2026-01-05T09:00:00+08:00', 0).state).toBe('running');
    expect(mark('2026-01-08T09:00:00+08:00', 2, true).state).toBe('paused');
  });

  it('filters warning in SQL by bounds that agree with the marks, for any calendar, start, due day and threshold', () => {
    fc.assert(
      fc.property(
        calendars,
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 0, max: DAY_MS - 1 }),
        fc.integer({ min: 0, max: 10 }),
        (cal, startOffset, dueAfter, nowAfter, nowMs, warnWithinDays) => {
          const startedAt = new Date(FIRST + startOffset * DAY_MS + 3_600_000);
          const dueAt = endOfDay(startOffset + dueAfter);
          const now = new Date(FIRST + (startOffset + nowAfter) * DAY_MS + nowMs);
          const bounds = warningBounds(cal, now, warnWithinDays);
          const isSelected =
            dueAt >= now &&
            (dueAt <= bounds.startedEarlierDueBy ||
              (startedAt >= bounds.startOfToday && dueAt <= bounds.startedTodayDueBy));
          const state = deadlineMarkOf(cal, { startedAt, dueAt, isPaused: false, warnWithinDays, now }).state;
          expect(isSelected).toBe(state === 'warning');
        },
      ),
      { numRuns: 400 },
    );
  });
});
