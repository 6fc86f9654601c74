import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import { NotFoundError } from '../../../platform/errors/index.ts';
import type { Division } from './schemas.ts';
import { ROOT_CODE } from './source.ts';
import {
  countChildren,
  type DivisionRow,
  findDivision,
  listChildren,
  listDivisionsByCode,
  searchDivisions,
} from './store.ts';

type Db = Kysely<Tables>;

const LEVEL_NAMES = [
  { 'zh-CN': '国家', en: 'Nation' },
  { 'zh-CN': '省级', en: 'Province' },
  { 'zh-CN': '地级', en: 'Prefecture' },
  { 'zh-CN': '县级', en: 'County' },
  { 'zh-CN': '乡级', en: 'Township' },
  { 'zh-CN': '村级', en: 'Village' },
] as const;

function summaryOf(row: DivisionRow) {
  return {
    code: row.code,
    name: row.name_zh,
    level: row.level,
    levelName: { ...LEVEL_NAMES[row.level]! },
    isPlaceholder: row.is_placeholder,
  };
}

/** 浙江省杭州市西湖区: real ancestors below the nation, placeholders (市辖区, 县) left out. */
function fullNameOf(row: DivisionRow, ancestors: readonly DivisionRow[]): string {
  if (row.code === ROOT_CODE) return row.name_zh;
  return [...ancestors, row]
    .filter((division) => division.code !== ROOT_CODE && !division.is_placeholder)
    .map((division) => division.name_zh)
    .join('');
}

function ancestorCodes(row: DivisionRow): string[] {
  return row.path.split('.').slice(0, -1);
}

export async function getDivision(db: Db, code: string): Promise<Division> {
  const row = await findDivision(db, code);
  if (!row) throw new NotFoundError('identity.division-not-found', `There is no division with code ${code}.`);
  const ancestors = await listDivisionsByCode(db, ancestorCodes(row));
  const childCounts = await countChildren(db, [row.code]);
  return {
    ...summaryOf(row),
    fullName: fullNameOf(row, ancestors),
    ancestors: ancestors.map(summaryOf),
    childCount: childCounts.get(row.code) ?? 0,
  };
}

export async function getChildren(db: Db, code: string, limit = 2000) {
  const parent = await findDivision(db, code);
  if (!parent)
    throw new NotFoundError('identity.division-not-found', `There is no division with code ${code}.`);
  const children = await listChildren(db, code, limit);
  const counts = await countChildren(
    db,
    children.map((child) => child.code),
  );
  return {
    parent: parent.code,
    children: children.map((child) => ({ ...summaryOf(child), childCount: counts.get(child.code) ?? 0 })),
  };
}

/**
 * Display names (浙江省杭州市西湖区) for many divisions in two queries, for lists that name the
 * division of each row. Unknown codes are left out of the map.
 */
export async function fullNamesOf(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = await listDivisionsByCode(db, [...new Set(codes)]);
  const ancestors = await listDivisionsByCode(db, [...new Set(rows.flatMap(ancestorCodes))]);
  const byCode = new Map(ancestors.map((row) => [row.code, row]));
  return new Map(
    rows.map((row) => [
      row.code,
      fullNameOf(
        row,
        ancestorCodes(row).flatMap((ancestor) => byCode.get(ancestor) ?? []),
      ),
    ]),
  );
}

export async function findDivisionsByName(db: Db, text: string, withinCode: string, limit: number) {
  const within = await findDivision(db, withinCode);
  if (!within)
    throw new NotFoundError('identity.division-not-found', `There is no division with code ${withinCode}.`);
  const rows = await searchDivisions(db, text, within.path, limit);
  const ancestors = await listDivisionsByCode(db, [...new Set(rows.flatMap(ancestorCodes))]);
  const byCode = new Map(ancestors.map((row) => [row.code, row]));
  return {
    results: rows.map((row) => ({
      ...summaryOf(row),
      fullName: fullNameOf(
        row,
        ancestorCodes(row).flatMap((ancestor) => byCode.get(ancestor) ?? []),
      ),
    })),
  };
}
