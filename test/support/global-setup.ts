import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/index.ts';
import { migrate, readMigrationFiles } from '../../src/platform/migrations/index.ts';
import { MIGRATIONS_DIR } from '../../src/runtime.ts';
import { createTemplateDatabase, dropTemplateDatabase, TEMPLATE_DATABASE } from './postgres-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data directory tarball with every migration applied; each test file starts from it. */
    pgliteSnapshotPath: string;
    /** Set when TEST_DATABASE_URL is: a migrated database that each test file copies. */
    postgresTemplate: string | undefined;
  }
}

/**
 * Migrates once for the whole run, then every test file starts from a copy: a PGlite snapshot, and
 * on PostgreSQL a template database (CREATE DATABASE … TEMPLATE is a file copy, not a replay).
 */
export default async function setup(project: TestProject) {
  const migrations = readMigrationFiles(MIGRATIONS_DIR);
  const database = await openDatabase({ kind: 'pglite-memory' });
  await migrate(database.db, migrations);
  const snapshot = await database.snapshot!();
  await database.close();

  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuzhi-test-'));
  const snapshotPath = path.join(tmpDir, 'pglite-migrated.tar.gz');
  fs.writeFileSync(snapshotPath, Buffer.from(await snapshot.arrayBuffer()));
  project.provide('pgliteSnapshotPath', snapshotPath);

  const url = process.env.TEST_DATABASE_URL;
  if (process.env.CI && !url) {
    throw new Error('CI must run the suites on PostgreSQL too: TEST_DATABASE_URL is not set (see .ci/run).');
  }
  if (url) {
    await createTemplateDatabase(url, migrations);
    project.provide('postgresTemplate', TEMPLATE_DATABASE);
  } else {
    project.provide('postgresTemplate', undefined);
    console.warn(
      '\n⚠ TEST_DATABASE_URL is not set: the suites run on the embedded PGlite only. ' +
        'CI sets it so that the same suites also run on PostgreSQL.\n',
    );
  }

  return async () => {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    if (url) await dropTemplateDatabase(url);
  };
}
