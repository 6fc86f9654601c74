import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/platform/db/index.ts';
import { createDatabaseCopy, dropDatabase } from './postgres-admin.ts';

export type TestDatabase = Database & { label: string };

/**
 * A fresh, migrated database for one test file: on PostgreSQL when TEST_DATABASE_URL is set (a copy
 * of the migrated template), otherwise an in-memory PGlite loaded from the migrated snapshot.
 * `{ migrated: false }` gives an empty database for the migration runner's own tests.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `shuzhi_test_${randomBytes(6).toString('hex')}`;
    const copyUrl = await createDatabaseCopy(url, name, migrated ? inject('postgresTemplate') : undefined);
    const database = await openDatabase({ kind: 'postgresql', url: copyUrl, poolSize: 4 });
    return {
      ...database,
      label: 'postgresql',
      async close() {
        await database.close();
        await dropDatabase(url, name);
      },
    };
  }
  const loadDataDir = migrated ? new Blob([fs.readFileSync(inject('pgliteSnapshotPath'))]) : undefined;
  const database = await openDatabase({ kind: 'pglite-memory', ...(loadDataDir ? { loadDataDir } : {}) });
  return { ...database, label: 'pglite' };
}

/** True when the suites run against a real PostgreSQL (CI sets TEST_DATABASE_URL). */
export function isPostgresRun(): boolean {
  return Boolean(process.env.TEST_DATABASE_URL);
}
