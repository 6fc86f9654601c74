import type { Kysely } from 'kysely';
import type { Tables } from '../db/index.ts';
import type { DayKind } from './working-calendar.ts';

declare module '../db/tables.ts' {
  interface Tables {
    calendar_year: CalendarYearRow;
    calendar_day: CalendarDayRow;
  }
}

export type CalendarYearRow = {
  year: number;
  is_published: boolean;
  notice: string | null;
  updated_at: Date;
};

export type CalendarDayRow = {
  /** `date` columns come back as `YYYY-MM-DD` strings on both databases (platform/db). */
  day: string;
  kind: DayKind;
  name_zh: string;
  name_en: string;
  notice: string;
  updated_at: Date;
};

type Db = Kysely<Tables>;

const DAY_COLUMNS = ['day', 'kind', 'name_zh', 'name_en', 'notice', 'updated_at'] as const;

export async function listDays(db: Db, from: string, to: string): Promise<CalendarDayRow[]> {
  return db
    .selectFrom('calendar_day')
    .select(DAY_COLUMNS)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
}

export async function findDay(db: Db, day: string): Promise<CalendarDayRow | undefined> {
  return db.selectFrom('calendar_day').select(DAY_COLUMNS).where('day', '=', day).executeTakeFirst();
}

export async function upsertDay(db: Db, row: CalendarDayRow): Promise<void> {
  const { day: _day, ...change } = row;
  await db
    .insertInto('calendar_day')
    .values(row)
    .onConflict((conflict) => conflict.column('day').doUpdateSet(change))
    .execute();
}

/** False when there was no override for the day. */
export async function deleteDay(db: Db, day: string): Promise<boolean> {
  const deleted = await db.deleteFrom('calendar_day').where('day', '=', day).returning('day').execute();
  return deleted.length > 0;
}

export async function findYear(db: Db, year: number): Promise<CalendarYearRow | undefined> {
  return db
    .selectFrom('calendar_year')
    .select(['year', 'is_published', 'notice', 'updated_at'])
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function listPublishedYears(db: Db, fromYear: number, toYear: number): Promise<number[]> {
  const rows = await db
    .selectFrom('calendar_year')
    .select('year')
    .where('is_published', '=', true)
    .where('year', '>=', fromYear)
    .where('year', '<=', toYear)
    .execute();
  return rows.map((row) => row.year);
}

export async function upsertYear(db: Db, row: CalendarYearRow): Promise<void> {
  const { year: _year, ...change } = row;
  await db
    .insertInto('calendar_year')
    .values(row)
    .onConflict((conflict) => conflict.column('year').doUpdateSet(change))
    .execute();
}
