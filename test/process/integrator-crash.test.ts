import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import {
  integrateBatch,
  ownVerifier,
  resolveLedgerKeys,
  verifyLedger,
} from '../../src/modules/ledger/index.ts';
import { systemClock } from '../../src/platform/clock/index.ts';
import { type Database, openDatabase } from '../../src/platform/db/index.ts';
import { createDatabaseCopy, dropDatabase } from '../support/postgres-admin.ts';
import { spawnNode } from '../support/processes.ts';

const keys = resolveLedgerKeys(loadConfig({}));
const adminUrl = process.env.TEST_DATABASE_URL;

async function crashMidBatchThenRecover(env: Record<string, string>, reopen: () => Promise<Database>) {
  // A first run integrates 30 events, so the crash hits a log that already has a tree.
  const warmUp = spawnNode(['test/fixtures/integrator-crash.ts', '30'], env);
  await warmUp.waitFor(/mid-batch/, 60_000);
  warmUp.child.kill('SIGKILL');
  await warmUp.exited;
  let database = await reopen();
  expect((await integrateBatch(database.db, keys, systemClock)).outcome).toBe('integrated');
  await database.close();

  const crashing = spawnNode(['test/fixtures/integrator-crash.ts', '50'], env);
  await crashing.waitFor(/mid-batch/, 60_000);
  crashing.child.kill('SIGKILL');
  expect((await crashing.exited).signal).toBe('SIGKILL');

  database = await reopen();
  try {
    const counts = await sql<{ pending: number; leaves: number; checkpoint: string }>`
      select (select count(*)::int from ledger_pending) as pending,
             (select count(*)::int from ledger_leaf) as leaves,
             (select max(tree_size)::text from ledger_checkpoint) as checkpoint
    `.execute(database.db);
    // The killed batch left nothing half-written: its 50 events are still pending, the tree is at 30.
    expect(counts.rows[0]).toEqual({ pending: 50, leaves: 30, checkpoint: '30' });
    expect(await integrateBatch(database.db, keys, systemClock)).toEqual({
      outcome: 'integrated',
      treeSize: 80n,
      added: 50,
    });
    const report = await verifyLedger(database.db, { origin: keys.origin, verifiers: [ownVerifier(keys)] });
    expect(report).toMatchObject({ isValid: true, leaves: 80 });
  } finally {
    await database.close();
  }
}

describe('integrator killed in the middle of a batch', { timeout: 120_000 }, () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('loses no committed event and leaves a consistent tree (embedded database)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuzhi-crash-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    await crashMidBatchThenRecover({ SHUZHI_DATA_DIR: dataDir }, () =>
      openDatabase({ kind: 'pglite', dataDir }),
    );
  }, 120_000);

  it.skipIf(!adminUrl)(
    'loses no committed event and leaves a consistent tree (PostgreSQL)',
    async () => {
      const name = `shuzhi_crash_${randomBytes(5).toString('hex')}`;
      const url = await createDatabaseCopy(adminUrl!, name, undefined);
      cleanups.push(() => dropDatabase(adminUrl!, name));
      await crashMidBatchThenRecover({ DATABASE_URL: url }, () =>
        openDatabase({ kind: 'postgresql', url, poolSize: 2 }),
      );
    },
    120_000,
  );
});
