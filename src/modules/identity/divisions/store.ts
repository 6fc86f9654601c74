import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    division: DivisionRow;
  }
}

export type DivisionRow = {
  code: string;
  parent_code: string | null;
  level: number;
  name_zh: string;
  path: string;
  is_placeholder: boolean;
  province_code: string;
};

type Db = Kysely<Tables>;

const COLUMNS = [
  'code',
  'parent_code',
  'level',
  'name_zh',
  'path',
  'is_placeholder',
  'province_code',
] as const;

/** Inserts or refreshes a batch (parents must already exist); one statement with one array per column. */
export async function upsertDivisions(db: Db, rows: readonly DivisionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into division (code, parent_code, level, name_zh, path, is_placeholder, province_code)
    select * from unnest(
      ${rows.map((r) => r.code)}::text[],
      ${rows.map((r) => r.parent_code)}::text[],
      ${rows.map((r) => r.level)}::smallint[],
      ${rows.map((r) => r.name_zh)}::text[],
      ${rows.map((r) => r.path)}::text[],
      ${rows.map((r) => r.is_placeholder)}::boolean[],
      ${rows.map((r) => r.province_code)}::text[]
    )
    on conflict (code) do update set
      name_zh = excluded.name_zh,
      is_placeholder = excluded.is_placeholder
    where division.name_zh is distinct from excluded.name_zh
       or division.is_placeholder is distinct from excluded.is_placeholder
  `.execute(db);
}

export async function findDivision(db: Db, code: string): Promise<DivisionRow | undefined> {
  return db.selectFrom('division').select(COLUMNS).where('code', '=', code).executeTakeFirst();
}

export async function listDivisionsByCode(db: Db, codes: readonly string[]): Promise<DivisionRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('division').select(COLUMNS).where('code', 'in', codes).orderBy('level').execute();
}

export async function listChildren(db: Db, code: string, limit: number): Promise<DivisionRow[]> {
  return db
    .selectFrom('division')
    .select(COLUMNS)
    .where('parent_code', '=', code)
    .orderBy('code')
    .limit(limit)
    .execute();
}

export async function countChildren(db: Db, codes: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (codes.length === 0) return counts;
  const rows = await db
    .selectFrom('division')
    .select(['parent_code', (eb) => eb.fn.countAll<bigint>().as('n')])
    .where('parent_code', 'in', codes)
    .groupBy('parent_code')
    .execute();
  for (const row of rows) counts.set(row.parent_code!, Number(row.n));
  return counts;
}

/** Every division in the subtree under `path` (itself included), as one index range scan. */
export async function countSubtree(db: Db, path: string): Promise<number> {
  const row = await sql<{ n: bigint }>`
    select count(*) as n from division where path = ${path} or path like ${`${path}.%`}
  `.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

export async function isInSubtree(db: Db, ancestorPath: string, code: string): Promise<boolean> {
  const row = await sql<{ found: boolean }>`
    select exists (
      select 1 from division where code = ${code} and (path = ${ancestorPath} or path like ${`${ancestorPath}.%`})
    ) as found
  `.execute(db);
  return row.rows[0]?.found === true;
}

/** Name search, prefix matches first; `withinPath` limits it to a subtree. */
export async function searchDivisions(
  db: Db,
  text: string,
  withinPath: string,
  limit: number,
): Promise<DivisionRow[]> {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const result = await sql<DivisionRow>`
    select code, parent_code, level, name_zh, path, is_placeholder, province_code
    from division
    where name_zh like ${`%${escaped}%`}
      and (path = ${withinPath} or path like ${`${withinPath}.%`})
      and not is_placeholder
    order by (name_zh like ${`${escaped}%`}) desc, level, code
    limit ${limit}
  `.execute(db);
  return result.rows;
}

export async function countByLevel(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('division')
    .select(['level', (eb) => eb.fn.countAll<bigint>().as('n')])
    .groupBy('level')
    .execute();
  return new Map(rows.map((row) => [row.level, Number(row.n)]));
}
