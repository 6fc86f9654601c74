import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import { type CursorPart, decodeCursor, type Page, pageOf } from '../../../platform/pagination/index.ts';
import { findDivision, fullNamesOf } from '../divisions/index.ts';
import { accessErrors } from './errors.ts';

/**
 * SQL pieces the administration lists share: each list joins its rows' division as `d`, may narrow to
 * one division's subtree, pages by a keyset and shows each row's division by its full name.
 */

type Db = Kysely<Tables>;

/** "The row's division (`d`) lies in this division's subtree"; a 400-class error for an unknown code. */
export async function inSubtreeOf(db: Db, divisionCode: string): Promise<RawBuilder<SqlBool>> {
  const division = await findDivision(db, divisionCode);
  if (!division) throw accessErrors.unknownDivision(divisionCode);
  return sql<SqlBool>`(d.path = ${division.path} or d.path like ${`${division.path}.%`})`;
}

/** A sort key column and what its cursor part holds, so that the value is compared with the right type. */
export type KeyColumn = { column: string; part: CursorPart };

const typedValue = (part: CursorPart, value: string) =>
  part === 'timestamp' ? sql`${new Date(value)}` : part === 'uuid' ? sql`${value}::uuid` : sql`${value}`;

/**
 * "The row comes after the cursor" in a list ordered by `key` (every column the same direction): the
 * next page starts right after the last row shown.
 */
export function afterCursor(
  cursor: string,
  key: readonly KeyColumn[],
  direction: 'asc' | 'desc',
): RawBuilder<SqlBool> {
  const values = decodeCursor(
    cursor,
    key.map((column) => column.part),
  );
  const columns = sql.join(key.map((column) => sql.ref(column.column)));
  const bounds = sql.join(key.map((column, index) => typedValue(column.part, values[index]!)));
  return direction === 'asc'
    ? sql<SqlBool>`(${columns}) > (${bounds})`
    : sql<SqlBool>`(${columns}) < (${bounds})`;
}

/** A page of rows (fetched with one extra) with each row's division full name looked up once. */
export async function pageWithDivisionNames<Row extends { division_code: string }, T>(
  db: Db,
  rows: readonly Row[],
  limit: number,
  keyOf: (row: Row) => readonly string[],
  toItem: (row: Row, divisionName: string) => T,
): Promise<Page<T>> {
  const names = await fullNamesOf(
    db,
    rows.map((row) => row.division_code),
  );
  return pageOf(rows, limit, keyOf, (row) => toItem(row, names.get(row.division_code) ?? row.division_code));
}
