import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { MigrationError, migrate, readMigrationFiles, verifyMigrations } from './index.ts';

describe('migration runner', () => {
  let database: TestDatabase;
  let dir: string;

  const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);

  beforeEach(async () => {
    database = await createTestDatabase({ contents: 'empty' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuzhi-migrations-'));
    write(
      '0001_first.sql',
      "create table first_thing (id int primary key);\ncomment on table first_thing is 'x';\n",
    );
    write('0002_second.sql', 'create table second_thing (id int primary key references first_thing(id));');
  });

  afterEach(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies files in order, each once, recording a checksum', async () => {
    const first = await migrate(database.db, readMigrationFiles(dir));
    expect(first).toEqual({ applied: ['0001_first.sql', '0002_second.sql'], alreadyApplied: 0 });
    const second = await migrate(database.db, readMigrationFiles(dir));
    expect(second).toEqual({ applied: [], alreadyApplied: 2 });
    const history = await sql<{ version: number; name: string; checksum: string }>`
      select version, name, checksum from shuzhi_migration order by version
    `.execute(database.db);
    expect(history.rows.map((r) => r.name)).toEqual(['0001_first.sql', '0002_second.sql']);
    expect(history.rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyMigrations(database.db, readMigrationFiles(dir))).toEqual({
      applied: 2,
      available: 2,
      isCurrent: true,
    });
  });

  it('applies only what is new', async () => {
    await migrate(database.db, readMigrationFiles(dir));
    write('0003_third.sql', 'alter table second_thing add column note text;');
    expect(await verifyMigrations(database.db, readMigrationFiles(dir))).toMatchObject({ isCurrent: false });
    expect((await migrate(database.db, readMigrationFiles(dir))).applied).toEqual(['0003_third.sql']);
  });

  it('stops with a clear error when an applied migration was edited', async () => {
    await migrate(database.db, readMigrationFiles(dir));
    write('0001_first.sql', 'create table first_thing (id bigint primary key);');
    const edited = readMigrationFiles(dir);
    await expect(migrate(database.db, edited)).rejects.toThrow(MigrationError);
    await expect(verifyMigrations(database.db, edited)).rejects.toThrow(
      /Migration 0001_first\.sql was changed after it was applied .* restore the original file/,
    );
  });

  it('keeps CRLF and LF checkouts of one file equal', async () => {
    await migrate(database.db, readMigrationFiles(dir));
    write(
      '0002_second.sql',
      'create table second_thing (id int primary key references first_thing(id));'.replace(/\n/g, '\r\n'),
    );
    await expect(verifyMigrations(database.db, readMigrationFiles(dir))).resolves.toMatchObject({
      isCurrent: true,
    });
  });

  it('refuses a database migrated by a newer release', async () => {
    write('0003_third.sql', 'select 1;');
    await migrate(database.db, readMigrationFiles(dir));
    fs.rmSync(path.join(dir, '0003_third.sql'));
    await expect(verifyMigrations(database.db, readMigrationFiles(dir))).rejects.toThrow(/newer release/);
  });

  it('rolls back a failing migration whole and keeps the ones before it', async () => {
    write('0003_broken.sql', 'create table third_thing (id int);\ninsert into no_such_table values (1);');
    await expect(migrate(database.db, readMigrationFiles(dir))).rejects.toThrow(
      /Migration 0003_broken\.sql failed/,
    );
    const tables = await sql<{
      name: string | null;
    }>`select to_regclass('third_thing')::text as name`.execute(database.db);
    expect(tables.rows[0]?.name).toBeNull();
    expect(await verifyMigrations(database.db, readMigrationFiles(dir))).toEqual({
      applied: 2,
      available: 3,
      isCurrent: false,
    });
  });

  it('rejects badly named or gapped files', () => {
    write('0004_gap.sql', 'select 1;');
    expect(() => readMigrationFiles(dir)).toThrow(/without gaps or repeats/);
    fs.rmSync(path.join(dir, '0004_gap.sql'));
    write('3_bad name.sql', 'select 1;');
    expect(() => readMigrationFiles(dir)).toThrow(/must look like 0001_short-name\.sql/);
  });
});
