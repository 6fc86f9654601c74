import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type DataDirectoryLock, lockDataDirectory } from './data-dir-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Tables } from './tables.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

export type Database = {
  readonly kind: DatabaseKind;
  readonly db: Kysely<Tables>;
  /** Round-trip time of a trivial query, or an error if the database cannot be reached. */
  ping(): Promise<number>;
  /** Embedded database only: the whole data directory as a gzipped tarball (tests, backups). */
  snapshot?: () => Promise<Blob>;
  close(): Promise<void>;
};

const PG_TYPE = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;

/**
 * Both databases hand back the same JavaScript types: int8 as bigint (ledger indices reach 2^64),
 * numeric and date as strings (no float rounding, no time-zone shift of a calendar date).
 */
const parseInt8 = (value: string) => BigInt(value);
const keepText = (value: string) => value;

export type OpenDatabaseOptions =
  | { kind: 'postgresql'; url: string; poolSize: number }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob };

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.kind === 'postgresql') return openPostgres(options.url, options.poolSize);
  if (options.kind === 'pglite') {
    const lock = await lockDataDirectory(options.dataDir);
    try {
      return await openPGlite(new PGlite(path.join(options.dataDir, 'pgdata'), pgliteOptions()), lock);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }
  const pglite = new PGlite({
    ...pgliteOptions(),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  return openPGlite(pglite, undefined);
}

function pgliteOptions() {
  return {
    parsers: { [PG_TYPE.INT8]: parseInt8, [PG_TYPE.NUMERIC]: keepText, [PG_TYPE.DATE]: keepText },
  };
}

async function openPGlite(pglite: PGlite, lock: DataDirectoryLock | undefined): Promise<Database> {
  await pglite.waitReady;
  const db = new Kysely<Tables>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    ping: () => timeTrivialQuery(db),
    snapshot: () => pglite.dumpDataDir('gzip'),
    async close() {
      await db.destroy();
      await pglite.close();
      await lock?.release();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === PG_TYPE.INT8) return parseInt8;
      if (oid === PG_TYPE.NUMERIC || oid === PG_TYPE.DATE) return keepText;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types, application_name: 'shuzhi' });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  try {
    await timeTrivialQuery(db);
  } catch (error) {
    await db.destroy();
    throw new Error(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}`);
  }
  return {
    kind: 'postgresql',
    db,
    ping: () => timeTrivialQuery(db),
    close: () => db.destroy(),
  };
}

async function timeTrivialQuery(db: Kysely<Tables>): Promise<number> {
  const started = performance.now();
  await sql`select 1`.execute(db);
  return performance.now() - started;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
