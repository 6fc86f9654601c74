import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../platform/calendar/index.ts';
import { dueDatesOf } from './deadlines.ts';

/** The 2026 Spring Festival arrangement: 15–23 February off, Saturdays 14 and 28 February worked. */
const calendar = createWorkingCalendar({
  from: '2026-01-01',
  to: '2026-12-31',
  overrides: [
    ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((day) => ({
      date: `2026-02-${day}`,
      kind: 'holiday' as const,
    })),
    { date: '2026-02-14', kind: 'workday' as const },
    { date: '2026-02-28', kind: 'workday' as const },
  ],
  publishedYears: [2026],
});
const beijing = (text: string) => new Date(`${text}+08:00`);
const endOf = (day: string) => beijing(`${day}T24:00:00`);
const submittedAt = beijing('2026-02-12T10:00:00');

describe('application due dates', () => {
  it('count working days from the day after submission, across the Spring Festival and its make-up Saturday', () => {
    const due = dueDatesOf(calendar, {
      submittedAt,
      statutoryLimitDays: 5,
      promisedLimitDays: 2,
      events: [],
      now: submittedAt,
    });
    // 13 Feb (Fri) 1, 14 Feb (make-up Saturday) 2, 15–23 off, 24 → 3, 25 → 4, 26 → 5.
    expect(due.statutoryDueAt).toEqual(endOf('2026-02-26'));
    expect(due.promisedDueAt).toEqual(endOf('2026-02-14'));
    expect(due).toMatchObject({ isPaused: false, provisional: false });
  });

  it('stop while supplements are awaited and lengthen the statutory limit only by an approved extension', () => {
    const events = [
      { kind: 'pause' as const, at: beijing('2026-02-24T00:00:00'), extensionDays: null },
      { kind: 'resume' as const, at: beijing('2026-02-26T00:00:00'), extensionDays: null },
      { kind: 'extension' as const, at: beijing('2026-02-26T09:00:00'), extensionDays: 2 },
    ];
    const paused = dueDatesOf(calendar, {
      submittedAt,
      statutoryLimitDays: 5,
      promisedLimitDays: 5,
      events: events.slice(0, 1),
      now: beijing('2026-02-25T12:00:00'),
    });
    expect(paused.isPaused).toBe(true);
    const due = dueDatesOf(calendar, {
      submittedAt,
      statutoryLimitDays: 5,
      promisedLimitDays: 5,
      events,
      now: beijing('2026-02-26T10:00:00'),
    });
    // 24 and 25 February paused: 26 → 3, 27 → 4, 28 (make-up Saturday) → 5; two more: 2 and 3 March.
    expect(due.promisedDueAt).toEqual(endOf('2026-02-28'));
    expect(due.statutoryDueAt).toEqual(endOf('2026-03-03'));
    expect(due.isPaused).toBe(false);
  });
});
