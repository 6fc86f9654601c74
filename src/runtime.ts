import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './platform/db/index.ts';
import {
  MigrationError,
  type MigrationFile,
  migrate,
  readMigrationFiles,
  verifyMigrations,
} from './platform/migrations/index.ts';

/** What every command (serve, migrate, seed, …) needs: an open database and the schema files. */
export type Runtime = { database: Database; migrations: MigrationFile[]; version: string };

export const MIGRATIONS_DIR = fileURLToPath(new URL('../db/migrations', import.meta.url));

export function readVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

export async function openRuntime(
  config: Config,
  schema: 'migrate' | 'require-current',
  log: (message: string) => void,
): Promise<Runtime> {
  const migrations = readMigrationFiles(MIGRATIONS_DIR);
  const database = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgresql', url: config.databaseUrl, poolSize: config.databasePoolSize }
      : { kind: 'pglite', dataDir: config.dataDir },
  );
  try {
    if (schema === 'migrate') {
      const result = await migrate(database.db, migrations);
      if (result.applied.length > 0)
        log(`Applied ${result.applied.length} migration(s): ${result.applied.join(', ')}`);
    } else {
      const status = await verifyMigrations(database.db, migrations);
      if (!status.isCurrent) {
        throw new MigrationError(
          `The database has ${status.applied} of ${status.available} migrations applied. Run "shuzhi migrate" first, or start with SHUZHI_MIGRATE_ON_START=true.`,
        );
      }
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  return { database, migrations, version: readVersion() };
}
