import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { manualClock } from '../../src/platform/clock/index.ts';
import type { Authenticate } from '../../src/platform/http/index.ts';
import { readMigrationFiles } from '../../src/platform/migrations/index.ts';
import { MIGRATIONS_DIR, readVersion } from '../../src/runtime.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const TEST_START = new Date('2026-11-27T09:00:00+08:00');

export type TestApp = {
  app: FastifyInstance;
  database: TestDatabase;
  clock: ReturnType<typeof manualClock>;
  config: Config;
  close(): Promise<void>;
};

/** The real application on a fresh database, driven with `app.inject()`. */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    authenticate?: Authenticate;
    beforeReady?: (app: FastifyInstance) => void;
    /** 'migrated' for tests that need an empty audit log; by default the reference data is loaded. */
    contents?: 'migrated' | 'reference';
  } = {},
): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', ...options.env });
  const database = await createTestDatabase({ contents: options.contents ?? 'reference' });
  const clock = manualClock(TEST_START);
  const app = await buildApp({
    config,
    database,
    migrations: readMigrationFiles(MIGRATIONS_DIR),
    clock,
    version: readVersion(),
    logger: false,
    ...(options.authenticate ? { authenticate: options.authenticate } : {}),
  });
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    clock,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
