/** Calendars for tests: the real State Council arrangements, and random ones for property tests. */
import fc from 'fast-check';
import { formatDay } from './calendar-day.ts';
import { readStateCouncilArrangements } from './reference-data.ts';
import { createWorkingCalendar, type DayKind, type WorkingCalendar } from './working-calendar.ts';

/** 2024–2026 as published, loaded over exactly those years. */
export function stateCouncilCalendar(): WorkingCalendar {
  const { notices, days } = readStateCouncilArrangements();
  return createWorkingCalendar({
    from: '2024-01-01',
    to: '2026-12-31',
    overrides: days,
    publishedYears: notices.map((notice) => notice.year),
  });
}

/** Day numbers of 2024-01-01 and 2026-12-31. */
export const FIRST_DAY = 19723;
export const LAST_DAY = 20818;

export const dayIn2024To2026 = fc.integer({ min: FIRST_DAY, max: LAST_DAY - 400 }).map(formatDay);

/** Any calendar over 2024–2026: random holidays and make-up days, any years published. */
export const arbitraryCalendar: fc.Arbitrary<WorkingCalendar> = fc
  .record({
    overrides: fc.array(
      fc.record({
        day: fc.integer({ min: FIRST_DAY, max: LAST_DAY }),
        kind: fc.constantFrom<DayKind>('holiday', 'workday'),
      }),
      { maxLength: 200 },
    ),
    publishedYears: fc.subarray([2024, 2025, 2026]),
  })
  .map(({ overrides, publishedYears }) =>
    createWorkingCalendar({
      from: '2024-01-01',
      to: '2026-12-31',
      overrides: overrides.map(({ day, kind }) => ({ date: formatDay(day), kind })),
      publishedYears,
    }),
  );
