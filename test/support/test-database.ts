import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/platform/db/index.ts';
import { createDatabaseCopy, dropDatabase } from './postgres-admin.ts';

/** `url` is set on PostgreSQL, for tools that connect themselves (pg_dump). */
export type TestDatabase = Database & { label: string; url?: string };

/**
 * A fresh database for one test file: on PostgreSQL when TEST_DATABASE_URL is set (a copy of a
 * template), otherwise an in-memory PGlite loaded from a snapshot. By default it is migrated and holds
 * the reference data (divisions), as every deployment does; `contents: 'migrated'` leaves out the
 * reference data (and its audit events), `'empty'` is for the migration runner's own tests.
 */
export async function createTestDatabase(
  options: { contents?: 'empty' | 'migrated' | 'reference' } = {},
): Promise<TestDatabase> {
  const contents = options.contents ?? 'reference';
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `shuzhi_test_${randomBytes(6).toString('hex')}`;
    const template = contents === 'empty' ? undefined : inject('postgresTemplates')?.[contents];
    const copyUrl = await createDatabaseCopy(url, name, template);
    const database = await openDatabase({ kind: 'postgresql', url: copyUrl, poolSize: 4 });
    return {
      ...database,
      label: 'postgresql',
      url: copyUrl,
      async close() {
        await database.close();
        await dropDatabase(url, name);
      },
    };
  }
  const loadDataDir =
    contents === 'empty' ? undefined : new Blob([fs.readFileSync(inject('pgliteSnapshotPaths')[contents])]);
  const database = await openDatabase({ kind: 'pglite-memory', ...(loadDataDir ? { loadDataDir } : {}) });
  return { ...database, label: 'pglite' };
}

/** True when the suites run against a real PostgreSQL (CI sets TEST_DATABASE_URL). */
export function isPostgresRun(): boolean {
  return Boolean(process.env.TEST_DATABASE_URL);
}
