import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/platform/db/index.ts';
import { type MigrationFile, migrate } from '../../src/platform/migrations/index.ts';

export const TEMPLATE_DATABASE = 'shuzhi_test_template';

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

export async function createTemplateDatabase(url: string, migrations: MigrationFile[]): Promise<void> {
  await dropTemplateDatabase(url);
  await withAdminConnection(url, (db) => sql.raw(`create database ${TEMPLATE_DATABASE}`).execute(db));
  const template = await openDatabase({
    kind: 'postgresql',
    url: databaseUrl(url, TEMPLATE_DATABASE),
    poolSize: 1,
  });
  try {
    await migrate(template.db, migrations);
  } finally {
    await template.close();
  }
}

export async function dropTemplateDatabase(url: string): Promise<void> {
  await withAdminConnection(url, (db) =>
    sql.raw(`drop database if exists ${TEMPLATE_DATABASE} with (force)`).execute(db),
  );
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
