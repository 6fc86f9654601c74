import { describe, expect, it } from 'vitest';
import { dayNumberOf, weekdayOf } from './calendar-day.ts';
import { readStateCouncilArrangements } from './reference-data.ts';

/** The data file against the notices' own words (seed/calendar/README.md lists them). */
describe('the State Council arrangements in seed/calendar', () => {
  const { notices, days } = readStateCouncilArrangements();
  const holidaysOf = (year: number, nameZh: string) =>
    days.filter((day) => day.kind === 'holiday' && day.nameZh === nameZh && day.date.startsWith(`${year}-`));

  it('has one notice per year, 2024 to 2026, with the document numbers', () => {
    expect(notices.map((notice) => [notice.year, notice.notice])).toEqual([
      [2024, '国办发明电〔2023〕7号'],
      [2025, '国办发明电〔2024〕12号'],
      [2026, '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'],
    ]);
  });

  it('has each festival as long as its notice says ("共N天")', () => {
    const lengths: [number, string, number][] = [
      [2024, '春节', 8],
      [2024, '劳动节', 5],
      [2024, '国庆节', 7],
      [2025, '元旦', 1],
      [2025, '春节', 8],
      [2025, '劳动节', 5],
      [2025, '端午节', 3],
      [2025, '国庆节、中秋节', 8],
      [2026, '元旦', 3],
      [2026, '春节', 9],
      [2026, '清明节', 3],
      [2026, '中秋节', 3],
      [2026, '国庆节', 7],
    ];
    for (const [year, name, length] of lengths)
      expect({ year, name, length: holidaysOf(year, name).length }).toEqual({ year, name, length });
    expect(holidaysOf(2025, '春节').map((day) => day.date)[0]).toBe('2025-01-28');
    expect(
      holidaysOf(2026, '春节')
        .map((day) => day.date)
        .at(-1),
    ).toBe('2026-02-23');
  });

  it('puts every make-up working day on a Saturday or Sunday, as many as the notices name', () => {
    const workdays = days.filter((day) => day.kind === 'workday');
    for (const day of workdays) expect([0, 6]).toContain(weekdayOf(dayNumberOf(day.date)));
    const perYear = (year: number) => workdays.filter((day) => day.date.startsWith(`${year}-`)).length;
    expect([perYear(2024), perYear(2025), perYear(2026)]).toEqual([8, 5, 6]);
  });

  it('has each date once', () => {
    expect(new Set(days.map((day) => day.date)).size).toBe(days.length);
  });
});
