import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryCalendar, dayIn2024To2026, stateCouncilCalendar } from './test-calendars.ts';
import {
  addWorkingDays,
  createWorkingCalendar,
  isSettledDay,
  isWorkingDay,
  workingDaysBetween,
} from './working-calendar.ts';

const calendar = stateCouncilCalendar();
const due = (start: string, days: number) => addWorkingDays(calendar, start, days).date;

describe('working days on the State Council calendar', () => {
  it('makes the notice’s holidays rest days and its make-up Saturdays and Sundays working days', () => {
    const expectations: [string, boolean][] = [
      ['2025-01-26', true], // Sunday, 春节调休上班
      ['2025-01-28', false], // Tuesday, 除夕 (a statutory holiday from 2025)
      ['2025-02-04', false], // Tuesday, 正月初七
      ['2025-02-08', true], // Saturday, 春节调休上班
      ['2025-02-09', false], // an ordinary Sunday
      ['2026-02-14', true], // Saturday, 春节调休上班
      ['2026-02-23', false], // Monday, 春节
      ['2026-02-28', true], // Saturday, 春节调休上班
      ['2025-10-08', false], // Wednesday, 国庆节、中秋节
      ['2025-10-11', true], // Saturday, 国庆节调休上班
      ['2025-03-08', false], // an ordinary Saturday
      ['2025-03-10', true], // an ordinary Monday
      ['2024-02-09', true], // Friday, 除夕 2024: the notice only encouraged rest, so still a working day
    ];
    for (const [date, working] of expectations)
      expect({ date, working: isWorkingDay(calendar, date) }).toEqual({ date, working });
  });

  it('counts from the day after acceptance, across Spring Festival 2025 and its make-up Sunday', () => {
    // Accepted Friday 24 January: Sunday 26th (make-up) and Monday 27th count, then 28 Jan – 4 Feb rest.
    expect(due('2025-01-24', 5)).toBe('2025-02-07');
    // Administrative Licensing Law art. 42: twenty working days from Monday 27 January 2025.
    expect(due('2025-01-27', 20)).toBe('2025-03-03');
  });

  it('crosses Spring Festival 2026 with its two make-up Saturdays', () => {
    expect(due('2026-02-13', 3)).toBe('2026-02-25');
    expect(due('2026-02-27', 1)).toBe('2026-02-28');
    expect(due('2024-02-08', 2)).toBe('2024-02-18');
  });

  it('crosses National Day 2025 and an ordinary weekend', () => {
    expect(due('2025-09-30', 1)).toBe('2025-10-09');
    expect(due('2025-09-30', 5)).toBe('2025-10-14');
    expect(due('2025-03-07', 1)).toBe('2025-03-10');
    // Accepted on a Saturday: the Saturday was never going to count; Monday is the first day.
    expect(due('2025-03-08', 1)).toBe('2025-03-10');
    expect(due('2025-03-08', 0)).toBe('2025-03-08');
  });

  it('says a result is provisional when it reaches into a year not yet published', () => {
    expect(addWorkingDays(calendar, '2025-01-27', 20).provisional).toBe(false);
    // 2027 is not published: 1 January 2027 counts as the plain Friday it is, and the answer says so.
    expect(addWorkingDays(calendar, '2026-12-25', 10)).toEqual({ date: '2027-01-08', provisional: true });
    expect(isSettledDay(calendar, '2026-12-31')).toBe(true);
    expect(isSettledDay(calendar, '2027-01-01')).toBe(false);
    const unpublished2026 = createWorkingCalendar({
      from: '2026-01-01',
      to: '2026-12-31',
      overrides: [],
      publishedYears: [],
    });
    expect(addWorkingDays(unpublished2026, '2026-03-02', 1)).toEqual({
      date: '2026-03-03',
      provisional: true,
    });
  });

  it('counts working days between two dates as the inverse of adding them', () => {
    expect(workingDaysBetween(calendar, '2025-01-27', '2025-03-03')).toEqual({
      workingDays: 20,
      provisional: false,
    });
    expect(workingDaysBetween(calendar, '2025-03-03', '2025-01-27').workingDays).toBe(-20);
    expect(workingDaysBetween(calendar, '2025-01-28', '2025-02-04').workingDays).toBe(0);
    expect(workingDaysBetween(calendar, '2025-03-03', '2025-03-03').workingDays).toBe(0);
  });

  it('refuses what is not a date or not a count', () => {
    expect(() => addWorkingDays(calendar, '2025-02-29', 1)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, '2025-03-03', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, '2025-03-03', 1.5)).toThrow(RangeError);
  });
});

describe('working-day arithmetic, for any calendar', () => {
  const days = fc.integer({ min: 0, max: 80 });

  it('adding n then m working days is adding n + m', () => {
    fc.assert(
      fc.property(arbitraryCalendar, dayIn2024To2026, days, days, (cal, start, n, m) => {
        const first = addWorkingDays(cal, start, n).date;
        expect(addWorkingDays(cal, first, m).date).toBe(addWorkingDays(cal, start, n + m).date);
      }),
    );
  });

  it('counting the working days up to the result gives n back', () => {
    fc.assert(
      fc.property(arbitraryCalendar, dayIn2024To2026, days, (cal, start, n) => {
        const end = addWorkingDays(cal, start, n).date;
        expect(workingDaysBetween(cal, start, end).workingDays).toBe(n);
        expect(workingDaysBetween(cal, end, start).workingDays).toBe(0 - n);
      }),
    );
  });

  it('lands on a working day after the start, and later for a longer limit', () => {
    fc.assert(
      fc.property(arbitraryCalendar, dayIn2024To2026, fc.integer({ min: 1, max: 80 }), (cal, start, n) => {
        const end = addWorkingDays(cal, start, n).date;
        expect(end > start).toBe(true);
        expect(isWorkingDay(cal, end)).toBe(true);
        expect(addWorkingDays(cal, start, n + 1).date > end).toBe(true);
      }),
    );
  });

  it('is provisional exactly when a day counted over lies in an unpublished year', () => {
    fc.assert(
      fc.property(arbitraryCalendar, dayIn2024To2026, days, (cal, start, n) => {
        const result = addWorkingDays(cal, start, n);
        // The days counted over are those after the start up to the result.
        const firstYear = Number(start.slice(0, 4)) + (start.endsWith('-12-31') ? 1 : 0);
        const lastYear = Number(result.date.slice(0, 4));
        let crossesUnpublished = false;
        for (let year = firstYear; year <= lastYear; year += 1)
          if (!cal.publishedYears.has(year)) crossesUnpublished = true;
        expect(result.provisional).toBe(n > 0 && crossesUnpublished);
      }),
    );
  });
});
