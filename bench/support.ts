import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { openDatabase } from '../src/platform/db/index.ts';
import { migrate, readMigrationFiles } from '../src/platform/migrations/index.ts';
import { MIGRATIONS_DIR } from '../src/runtime.ts';
import { createDatabaseCopy, dropDatabase } from '../test/support/postgres-admin.ts';

/** Benchmarks run on PostgreSQL: BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a server where databases may be created. */
export async function freshBenchDatabase(poolSize: number) {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.error(
      'Set BENCH_DATABASE_URL=postgres://user@host:port/postgres (".ci/postgres.sh start" prints one).',
    );
    process.exit(2);
  }
  const name = `shuzhi_bench_${randomBytes(4).toString('hex')}`;
  const url = await createDatabaseCopy(adminUrl, name, undefined);
  const database = await openDatabase({ kind: 'postgresql', url, poolSize });
  await migrate(database.db, readMigrationFiles(MIGRATIONS_DIR));
  return {
    database,
    /** For a second process (a provider in a child process) to reach the same database. */
    url,
    async drop() {
      await database.close();
      await dropDatabase(adminUrl, name);
    },
  };
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export function ratioLine(
  name: string,
  figure: number,
  unit: string,
  limit: number,
  limitName: string,
): string {
  return `${name}: ${figure.toFixed(figure < 10 ? 3 : 0)} ${unit} — ${(figure / limit).toFixed(3)} × ${limitName} (${limit.toFixed(limit < 10 ? 3 : 0)} ${unit})`;
}
