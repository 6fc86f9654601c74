import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Tables } from '../db/index.ts';

/**
 * Forward-only migrations: numbered `.sql` files in db/migrations, applied in order, each in its own
 * transaction, recorded with a checksum. The same files run on PGlite and PostgreSQL.
 */

export type MigrationFile = { version: number; name: string; checksum: string; sql: string };

export type MigrationStatus = {
  applied: number;
  available: number;
  isCurrent: boolean;
};

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9][a-z0-9-]*)\.sql$/;

/** Any fixed number works; it only has to be the same for every Shuzhi server on one database. */
const MIGRATION_LOCK_KEY = 7_420_150_001n;

export function readMigrationFiles(directory: string): MigrationFile[] {
  const files = fs.readdirSync(directory).filter((file) => file.endsWith('.sql'));
  const migrations = files.map((file) => {
    const match = FILE_PATTERN.exec(file);
    if (!match) {
      throw new MigrationError(`Migration file name ${file} must look like 0001_short-name.sql`);
    }
    // Line endings are normalised so a checkout with CRLF conversion keeps the same checksum.
    const text = fs.readFileSync(path.join(directory, file), 'utf8').replace(/\r\n/g, '\n');
    return {
      version: Number(match[1]),
      name: file,
      checksum: createHash('sha256').update(text).digest('hex'),
      sql: text,
    };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((migration, position) => {
    if (migration.version !== position + 1) {
      throw new MigrationError(
        `Migrations must be numbered 0001, 0002, … without gaps or repeats; found ${migration.name} at position ${position + 1}`,
      );
    }
  });
  return migrations;
}

type AppliedMigration = { version: number; name: string; checksum: string };

export type MigrateResult = { applied: string[]; alreadyApplied: number };

/**
 * Applies what is pending. Several servers may start at once against one PostgreSQL: a session
 * advisory lock lets one apply while the others wait, then find nothing left to do.
 */
export async function migrate(db: Kysely<Tables>, files: MigrationFile[]): Promise<MigrateResult> {
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(connection);
    try {
      await ensureHistoryTable(connection);
      const applied = await readApplied(connection);
      checkHistory(applied, files);
      const pending = files.slice(applied.length);
      for (const migration of pending) {
        await connection.transaction().execute(async (tx) => {
          try {
            await sql.raw(migration.sql).execute(tx);
          } catch (error) {
            throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`);
          }
          await sql`
            insert into shuzhi_migration (version, name, checksum)
            values (${migration.version}, ${migration.name}, ${migration.checksum})
          `.execute(tx);
        });
      }
      return { applied: pending.map((m) => m.name), alreadyApplied: applied.length };
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(connection);
    }
  });
}

/** Refuses to run against a history that the files on disk no longer describe. */
export async function verifyMigrations(db: Kysely<Tables>, files: MigrationFile[]): Promise<MigrationStatus> {
  const applied = (await historyTableExists(db)) ? await readApplied(db) : [];
  checkHistory(applied, files);
  return { applied: applied.length, available: files.length, isCurrent: applied.length === files.length };
}

function checkHistory(applied: AppliedMigration[], files: MigrationFile[]): void {
  for (const record of applied) {
    const file = files[record.version - 1];
    if (!file) {
      throw new MigrationError(
        `The database has migration ${record.name} applied, but this version of Shuzhi does not know it. ` +
          'The database was migrated by a newer release; run that release or restore a matching backup.',
      );
    }
    if (file.checksum !== record.checksum) {
      throw new MigrationError(
        `Migration ${file.name} was changed after it was applied (recorded checksum ${record.checksum.slice(0, 12)}…, ` +
          `file now ${file.checksum.slice(0, 12)}…). Applied migrations are forward-only: ` +
          'restore the original file and put the change in a new migration.',
      );
    }
  }
}

async function historyTableExists(db: Kysely<Tables>): Promise<boolean> {
  const result = await sql<{ exists: boolean }>`
    select to_regclass('shuzhi_migration') is not null as exists
  `.execute(db);
  return result.rows[0]?.exists === true;
}

async function ensureHistoryTable(db: Kysely<Tables>): Promise<void> {
  await sql`
    create table if not exists shuzhi_migration (
      version integer primary key,
      name text not null unique,
      checksum text not null,
      applied_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`comment on table shuzhi_migration is 'Schema migrations applied to this database, in order, with the checksum of each file as applied.'`.execute(
    db,
  );
  await sql`comment on column shuzhi_migration.version is 'The number at the start of the migration file name.'`.execute(
    db,
  );
  await sql`comment on column shuzhi_migration.name is 'The migration file name, e.g. 0001_platform.sql.'`.execute(
    db,
  );
  await sql`comment on column shuzhi_migration.checksum is 'SHA-256 (hex) of the file text with LF line endings; a changed file stops start-up.'`.execute(
    db,
  );
  await sql`comment on column shuzhi_migration.applied_at is 'When the migration was applied.'`.execute(db);
}

async function readApplied(db: Kysely<Tables>): Promise<AppliedMigration[]> {
  const result = await sql<AppliedMigration>`
    select version, name, checksum from shuzhi_migration order by version
  `.execute(db);
  return result.rows;
}
