import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/index.ts';
import { readMigrationFiles } from '../../src/platform/migrations/index.ts';
import { MIGRATIONS_DIR } from '../../src/runtime.ts';
import { createDatabaseCopy, dropDatabase } from '../support/postgres-admin.ts';
import { spawnNode } from '../support/processes.ts';

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)(
  'two servers starting together on one empty PostgreSQL',
  { timeout: 120_000 },
  () => {
    const name = `shuzhi_race_${randomBytes(5).toString('hex')}`;
    let url: string;

    beforeAll(async () => {
      url = await createDatabaseCopy(adminUrl!, name, undefined);
    });
    afterAll(async () => {
      await dropDatabase(adminUrl!, name);
    });

    it('lets one apply the migrations while the other waits, and both start', async () => {
      const servers = [0, 1].map(() =>
        spawnNode(['bin/shuzhi.js', 'serve'], { DATABASE_URL: url, PORT: '0' }),
      );
      try {
        const ports = await Promise.all(
          servers.map(async (server) =>
            Number((await server.waitFor(/serving at http:\/\/[\d.]+:(\d+)/))[1]),
          ),
        );
        for (const port of ports) {
          const response = await fetch(`http://127.0.0.1:${port}/api/health`);
          expect(response.status).toBe(200);
          expect((await response.json()).migrations.isCurrent).toBe(true);
        }
        const appliedBy = servers.filter((server) => server.output().includes('Applied '));
        expect(appliedBy).toHaveLength(1);
      } finally {
        for (const server of servers) server.child.kill('SIGTERM');
        const exits = await Promise.all(servers.map((server) => server.exited));
        expect(exits.map((e) => e.code)).toEqual([0, 0]);
      }
      const database = await openDatabase({ kind: 'postgresql', url, poolSize: 1 });
      const history = await sql<{
        version: number;
      }>`select version from shuzhi_migration order by version`.execute(database.db);
      await database.close();
      expect(history.rows.map((r) => r.version)).toEqual(
        readMigrationFiles(MIGRATIONS_DIR).map((m) => m.version),
      );
    });
  },
);

if (!adminUrl) {
  console.warn(
    '\n⚠ SKIPPED: the concurrent-migrator test needs PostgreSQL; set TEST_DATABASE_URL (CI does).\n',
  );
}
