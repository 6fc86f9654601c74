import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { referenceSteps } from '../../seed/reference/index.ts';
import { systemClock } from '../../src/platform/clock/index.ts';
import { openDatabase } from '../../src/platform/db/index.ts';
import { type MigrationFile, migrate, readMigrationFiles } from '../../src/platform/migrations/index.ts';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { MIGRATIONS_DIR } from '../../src/runtime.ts';
import { createTemplateDatabases, dropTemplateDatabases, TEMPLATES } from './postgres-admin.ts';

export type DatabaseContents = 'migrated' | 'reference';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite data directory tarballs: migrated only, and migrated with the reference data loaded. */
    pgliteSnapshotPaths: Record<DatabaseContents, string>;
    /** Set when TEST_DATABASE_URL is: template databases that each test file copies. */
    postgresTemplates: Record<DatabaseContents, string> | undefined;
  }
}

/**
 * Migrates (and loads the reference data) once for the whole run, then every test file starts from a
 * copy: a PGlite snapshot, and on PostgreSQL a template database (CREATE DATABASE … TEMPLATE is a file
 * copy, not a replay).
 */
export default async function setup(project: TestProject) {
  const migrations = readMigrationFiles(MIGRATIONS_DIR);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuzhi-test-'));
  project.provide('pgliteSnapshotPaths', {
    migrated: await writeSnapshot(tmpDir, 'migrated', migrations, false),
    reference: await writeSnapshot(tmpDir, 'reference', migrations, true),
  });

  const url = process.env.TEST_DATABASE_URL;
  if (process.env.CI && !url) {
    throw new Error('CI must run the suites on PostgreSQL too: TEST_DATABASE_URL is not set (see .ci/run).');
  }
  if (url) {
    await createTemplateDatabases(url, migrations);
    project.provide('postgresTemplates', TEMPLATES);
  } else {
    project.provide('postgresTemplates', undefined);
    console.warn(
      '\n⚠ TEST_DATABASE_URL is not set: the suites run on the embedded PGlite only. ' +
        'CI sets it so that the same suites also run on PostgreSQL.\n',
    );
  }

  return async () => {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    if (url) await dropTemplateDatabases(url);
  };
}

async function writeSnapshot(
  dir: string,
  name: DatabaseContents,
  migrations: MigrationFile[],
  withReferenceData: boolean,
): Promise<string> {
  const database = await openDatabase({ kind: 'pglite-memory' });
  await migrate(database.db, migrations);
  if (withReferenceData) await runSeedSteps(database.db, systemClock, referenceSteps);
  const snapshot = await database.snapshot!();
  await database.close();
  const file = path.join(dir, `pglite-${name}.tar.gz`);
  fs.writeFileSync(file, Buffer.from(await snapshot.arrayBuffer()));
  return file;
}
