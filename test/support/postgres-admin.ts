import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { referenceSteps } from '../../seed/reference/index.ts';
import { systemClock } from '../../src/platform/clock/index.ts';
import { openDatabase } from '../../src/platform/db/index.ts';
import { type MigrationFile, migrate } from '../../src/platform/migrations/index.ts';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';

/** Template databases the test files copy: migrated only, and migrated with the reference data. */
export const TEMPLATES = { migrated: 'shuzhi_test_migrated', reference: 'shuzhi_test_reference' } as const;

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE cannot run in a pool transaction). */
export async function withAdminConnection<T>(
  url: string,
  work: (db: Kysely<never>) => Promise<T>,
): Promise<T> {
  const db = new Kysely<never>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
  });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function createTemplateDatabases(url: string, migrations: MigrationFile[]): Promise<void> {
  await dropTemplateDatabases(url);
  for (const [contents, name] of Object.entries(TEMPLATES)) {
    await withAdminConnection(url, (db) => sql.raw(`create database ${name}`).execute(db));
    const template = await openDatabase({ kind: 'postgresql', url: databaseUrl(url, name), poolSize: 1 });
    try {
      await migrate(template.db, migrations);
      if (contents === 'reference') await runSeedSteps(template.db, systemClock, referenceSteps);
    } finally {
      await template.close();
    }
  }
}

export async function dropTemplateDatabases(url: string): Promise<void> {
  for (const name of Object.values(TEMPLATES)) {
    await withAdminConnection(url, (db) =>
      sql.raw(`drop database if exists ${name} with (force)`).execute(db),
    );
  }
}

export async function createDatabaseCopy(
  url: string,
  name: string,
  template: string | undefined,
): Promise<string> {
  await withAdminConnection(url, (db) =>
    sql.raw(`create database ${name}${template ? ` template ${template}` : ''}`).execute(db),
  );
  return databaseUrl(url, name);
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  await withAdminConnection(url, (db) => sql.raw(`drop database if exists ${name} with (force)`).execute(db));
}
