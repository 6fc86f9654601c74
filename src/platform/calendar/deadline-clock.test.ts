import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumberOf, startOfBeijingDay } from './calendar-day.ts';
import { type DeadlineInput, type DeadlineLimit, evaluateDeadline } from './deadline-clock.ts';
import { arbitraryCalendar, stateCouncilCalendar } from './test-calendars.ts';
import { addWorkingDays } from './working-calendar.ts';

const calendar = stateCouncilCalendar();
/** An instant written in Beijing time. */
const bj = (local: string) => new Date(`${local}+08:00`);
/** The end of a Beijing calendar day: where a day limit runs out. */
const endOf = (date: string) => startOfBeijingDay(dayNumberOf(date) + 1);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('a working-day clock (Administrative Licensing Law)', () => {
  const accepted = bj('2025-01-27T10:00');
  const base: DeadlineInput = { startedAt: accepted, limit: { workingDays: 20 }, now: accepted };

  it('runs out at the end of the twentieth working day, Spring Festival not counted', () => {
    const status = evaluateDeadline(calendar, base);
    expect(status.dueAt).toEqual(endOf('2025-03-03'));
    expect(status).toMatchObject({
      state: 'running',
      unit: 'workingDays',
      total: 20,
      elapsed: 0,
      remaining: 20,
    });
    expect(status.provisional).toBe(false);
    // On 5 February nothing has been used yet: 28 January – 4 February were holidays.
    expect(evaluateDeadline(calendar, { ...base, now: bj('2025-02-05T12:00') }).elapsed).toBe(0);
    // On the morning of 10 February: 5, 6, 7 February and the make-up Saturday 8th have ended.
    expect(evaluateDeadline(calendar, { ...base, now: bj('2025-02-10T09:00') })).toMatchObject({
      elapsed: 4,
      remaining: 16,
    });
  });

  it('warns near the end, is overdue after it, and stops when completed', () => {
    const warnWhenRemaining = 3;
    // On 26 February 16 working days have ended (5 February – 25 February, with the make-up Saturday).
    expect(
      evaluateDeadline(calendar, { ...base, warnWhenRemaining, now: bj('2025-02-26T09:00') }).state,
    ).toBe('running');
    expect(
      evaluateDeadline(calendar, { ...base, warnWhenRemaining, now: bj('2025-02-27T09:00') }).state,
    ).toBe('warning');
    expect(
      evaluateDeadline(calendar, { ...base, warnWhenRemaining, now: bj('2025-03-03T23:59') }),
    ).toMatchObject({
      state: 'warning',
      remaining: 1,
    });
    const late = evaluateDeadline(calendar, { ...base, now: bj('2025-03-04T00:00') });
    expect(late).toMatchObject({ state: 'overdue', elapsed: 20, remaining: 0 });
    expect(evaluateDeadline(calendar, { ...base, now: bj('2025-03-06T12:00') }).remaining).toBe(-2);
    const done = evaluateDeadline(calendar, {
      ...base,
      completedAt: bj('2025-02-20T16:00'),
      now: bj('2025-04-01T09:00'),
    });
    expect(done).toMatchObject({ state: 'stopped', completedInTime: true, elapsed: 12 });
    const doneLate = evaluateDeadline(calendar, {
      ...base,
      completedAt: bj('2025-03-04T09:00'),
      now: bj('2025-04-01T09:00'),
    });
    expect(doneLate).toMatchObject({ state: 'stopped', completedInTime: false });
  });

  it('leaves out the days of an expert review (art. 45) and adds an approved extension (art. 42)', () => {
    const started = bj('2025-03-03T09:00');
    const review = { from: bj('2025-03-05T15:00'), to: bj('2025-03-12T10:00') };
    const paused = evaluateDeadline(calendar, {
      startedAt: started,
      limit: { workingDays: 20 },
      pauses: [review],
      now: bj('2025-03-13T09:00'),
    });
    // Days beginning while paused: 6, 7, 10, 11 and 12 March are working days that do not count.
    expect(paused.dueAt).toEqual(endOf(addWorkingDays(calendar, '2025-03-03', 25).date));
    expect(paused.dueAt).toEqual(endOf('2025-04-08'));
    // 4 and 5 March ran before the review; 12 March was the day it resumed.
    expect(paused.elapsed).toBe(2);
    const extended = evaluateDeadline(calendar, {
      startedAt: started,
      limit: { workingDays: 20 },
      extensions: [{ workingDays: 10 }],
      now: started,
    });
    expect(extended).toMatchObject({ total: 30 });
    expect(extended.dueAt).toEqual(endOf('2025-04-15'));
  });

  it('is paused while waiting for supplements, and shows where it would end if resumed now', () => {
    const started = bj('2025-03-03T09:00');
    const waiting = { from: bj('2025-03-04T11:00'), to: null };
    const status = evaluateDeadline(calendar, {
      startedAt: started,
      limit: { workingDays: 20 },
      pauses: [waiting],
      now: bj('2025-03-10T15:00'),
    });
    expect(status.state).toBe('paused');
    expect(status.elapsed).toBe(1);
    // Resumed on the 10th: the 11th is the next day to count, and 19 remain.
    expect(status.dueAt).toEqual(endOf(addWorkingDays(calendar, '2025-03-10', 19).date));
  });

  it('says provisional when the working days reach into an unpublished year', () => {
    const status = evaluateDeadline(calendar, {
      startedAt: bj('2026-12-10T09:00'),
      limit: { workingDays: 20 },
      now: bj('2026-12-10T09:00'),
    });
    expect(status.provisional).toBe(true);
    expect(
      evaluateDeadline(calendar, {
        startedAt: bj('2026-11-02T09:00'),
        limit: { workingDays: 20 },
        now: bj('2026-11-02T09:00'),
      }).provisional,
    ).toBe(false);
  });
});

describe('calendar-day and hour clocks (12345 replies)', () => {
  it('counts calendar days through holidays, from the day after the start', () => {
    const status = evaluateDeadline(calendar, {
      startedAt: bj('2025-01-27T10:00'),
      limit: { calendarDays: 15 },
      now: bj('2025-02-01T10:00'),
    });
    expect(status.dueAt).toEqual(endOf('2025-02-11'));
    expect(status).toMatchObject({ elapsed: 4, remaining: 11, provisional: false });
  });

  it('counts hours around the clock, holidays included, less the time paused', () => {
    const startedAt = bj('2025-01-28T10:00');
    expect(evaluateDeadline(calendar, { startedAt, limit: { hours: 24 }, now: startedAt }).dueAt).toEqual(
      bj('2025-01-29T10:00'),
    );
    const status = evaluateDeadline(calendar, {
      startedAt,
      limit: { hours: 24 },
      pauses: [{ from: bj('2025-01-28T12:00'), to: bj('2025-01-28T14:30') }],
      extensions: [{ hours: 12 }],
      warnWhenRemaining: 2,
      now: bj('2025-01-29T23:00'),
    });
    // 24 + 12 hours, plus the two and a half hours paused.
    expect(status.dueAt).toEqual(bj('2025-01-30T00:30'));
    expect(status).toMatchObject({ state: 'warning', total: 36, elapsed: 34.5, remaining: 1.5 });
  });

  it('refuses extensions in another unit and pauses that make no sense', () => {
    const startedAt = bj('2025-03-03T09:00');
    expect(() =>
      evaluateDeadline(calendar, {
        startedAt,
        limit: { workingDays: 20 },
        extensions: [{ hours: 5 }],
        now: startedAt,
      }),
    ).toThrow(RangeError);
    expect(() =>
      evaluateDeadline(calendar, {
        startedAt,
        limit: { hours: 5 },
        pauses: [{ from: bj('2025-03-03T08:00'), to: null }],
        now: startedAt,
      }),
    ).toThrow(RangeError);
    expect(() =>
      evaluateDeadline(calendar, {
        startedAt,
        limit: { hours: 5 },
        pauses: [{ from: bj('2025-03-03T12:00'), to: bj('2025-03-03T11:00') }],
        now: startedAt,
      }),
    ).toThrow(RangeError);
  });
});

describe('deadline clocks, for any calendar and any pauses', () => {
  const start = fc
    .integer({ min: 0, max: 300 * DAY })
    .map((offset) => new Date(bj('2024-03-01T00:00').getTime() + offset));
  const limit: fc.Arbitrary<DeadlineLimit> = fc.oneof(
    fc.integer({ min: 0, max: 40 }).map((workingDays) => ({ workingDays })),
    fc.integer({ min: 0, max: 40 }).map((calendarDays) => ({ calendarDays })),
    fc.integer({ min: 0, max: 500 }).map((hours) => ({ hours })),
  );
  const pause = (startedAt: Date) =>
    fc
      .record({
        offset: fc.integer({ min: 0, max: 60 * DAY }),
        length: fc.integer({ min: 0, max: 20 * DAY }),
      })
      .map(({ offset, length }) => ({
        from: new Date(startedAt.getTime() + offset),
        to: new Date(startedAt.getTime() + offset + length),
      }));
  const withPauses = fc.record({ cal: arbitraryCalendar, startedAt: start, limit }).chain((input) =>
    fc.record({
      cal: fc.constant(input.cal),
      startedAt: fc.constant(input.startedAt),
      limit: fc.constant(input.limit),
      pauses: fc.array(pause(input.startedAt), { maxLength: 3 }),
      extra: pause(input.startedAt),
    }),
  );
  const farFuture = new Date('2030-01-01T00:00:00Z');

  it('never falls due earlier for another pause (monotone in pauses)', () => {
    fc.assert(
      fc.property(withPauses, ({ cal, startedAt, limit, pauses, extra }) => {
        const before = evaluateDeadline(cal, { startedAt, limit, pauses, now: farFuture });
        const after = evaluateDeadline(cal, { startedAt, limit, pauses: [...pauses, extra], now: farFuture });
        expect(after.dueAt.getTime()).toBeGreaterThanOrEqual(before.dueAt.getTime());
      }),
    );
  });

  it('moves an hour limit by exactly the length of a pause that begins before it runs out', () => {
    fc.assert(
      fc.property(withPauses, ({ startedAt, extra }) => {
        const limit = { hours: 1000 };
        const before = evaluateDeadline(calendar, { startedAt, limit, now: farFuture });
        fc.pre(extra.from.getTime() < before.dueAt.getTime());
        const after = evaluateDeadline(calendar, { startedAt, limit, pauses: [extra], now: farFuture });
        expect(after.dueAt.getTime() - before.dueAt.getTime()).toBe(
          extra.to!.getTime() - extra.from.getTime(),
        );
      }),
    );
  });

  it('moves a calendar-day limit by the whole days a pause spans, give or take the day it straddles', () => {
    fc.assert(
      fc.property(withPauses, ({ startedAt, extra }) => {
        const limit = { calendarDays: 100 };
        const before = evaluateDeadline(calendar, { startedAt, limit, now: farFuture });
        fc.pre(extra.from.getTime() < before.dueAt.getTime());
        const after = evaluateDeadline(calendar, { startedAt, limit, pauses: [extra], now: farFuture });
        const movedDays = (after.dueAt.getTime() - before.dueAt.getTime()) / DAY;
        const pausedDays = (extra.to!.getTime() - extra.from.getTime()) / DAY;
        expect(movedDays).toBeGreaterThanOrEqual(Math.floor(pausedDays));
        expect(movedDays).toBeLessThanOrEqual(Math.ceil(pausedDays));
      }),
    );
  });

  it('never falls due earlier for an extension, and uses time up only forwards', () => {
    fc.assert(
      fc.property(
        withPauses,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 90 * DAY }),
        (input, extra, later) => {
          const { cal, startedAt, limit, pauses } = input;
          const unit = Object.keys(limit)[0] as keyof DeadlineLimit;
          const extension = { [unit]: extra } as DeadlineLimit;
          const base = evaluateDeadline(cal, { startedAt, limit, pauses, now: farFuture });
          const extended = evaluateDeadline(cal, {
            startedAt,
            limit,
            pauses,
            extensions: [extension],
            now: farFuture,
          });
          expect(extended.dueAt.getTime()).toBeGreaterThanOrEqual(base.dueAt.getTime());
          const now = new Date(startedAt.getTime() + later);
          const earlier = evaluateDeadline(cal, { startedAt, limit, pauses, now });
          const afterwards = evaluateDeadline(cal, {
            startedAt,
            limit,
            pauses,
            now: new Date(now.getTime() + DAY),
          });
          expect(afterwards.elapsed).toBeGreaterThanOrEqual(earlier.elapsed);
        },
      ),
    );
  });

  it('agrees with addWorkingDays when nothing pauses it', () => {
    fc.assert(
      fc.property(
        arbitraryCalendar,
        start,
        fc.integer({ min: 0, max: 40 }),
        (cal, startedAt, workingDays) => {
          const status = evaluateDeadline(cal, { startedAt, limit: { workingDays }, now: startedAt });
          const startDate = new Date(startedAt.getTime() + 8 * HOUR).toISOString().slice(0, 10);
          const expected = addWorkingDays(cal, startDate, workingDays);
          expect(status.dueAt).toEqual(endOf(expected.date));
          expect(status.provisional).toBe(expected.provisional);
        },
      ),
    );
  });
});
