import { DomainError } from '../errors/index.ts';

/**
 * Keyset pagination: a cursor is the sort key of the last row of a page, so the next page starts
 * right after it however many rows were added or removed meanwhile (an offset would skip or repeat).
 * It is opaque to clients (base64url of a JSON array of strings) and checked when it comes back.
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export type Page<T> = { items: T[]; nextCursor: string | null };

export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What each part of a sort key must be, so that a forged cursor is a 400 and never reaches SQL as a bad cast. */
export type CursorPart = 'timestamp' | 'uuid' | 'text';

const isPartValid: Record<CursorPart, (value: string) => boolean> = {
  timestamp: (value) => !Number.isNaN(Date.parse(value)),
  uuid: (value) => UUID.test(value),
  text: () => true,
};

/** The sort key inside a cursor, or a 400 naming the cursor when it was not made by `encodeCursor`. */
export function decodeCursor(cursor: string, parts: readonly CursorPart[]): string[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const isValid =
    Array.isArray(key) &&
    key.length === parts.length &&
    key.every((value, index) => typeof value === 'string' && isPartValid[parts[index]!](value));
  if (!isValid) {
    throw new DomainError({
      kind: 'invalid',
      code: 'invalid-cursor',
      title: 'The cursor is not valid',
      detail: 'cursor (in the query string) is not one this API gave out; start again without it.',
      fields: [{ in: 'querystring', pointer: '/cursor', detail: 'is not a cursor this API gave out' }],
    });
  }
  return key as string[];
}

/**
 * Rows are fetched with one extra: if it is there, there is a next page and its cursor is the key
 * of the last row shown.
 */
export function pageOf<Row, T>(
  rows: readonly Row[],
  limit: number,
  keyOf: (row: Row) => readonly string[],
  toItem: (row: Row) => T,
): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
