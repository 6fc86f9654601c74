import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/index.ts';
import { spawnNode } from '../support/processes.ts';

describe('shuzhi ledger verify (the command)', { timeout: 120_000 }, () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuzhi-ledger-cli-'));
    // The crash fixture records and integrates through the real code; its first batch is kept.
    const seed = spawnNode(['test/fixtures/integrator-crash.ts', '12'], { SHUZHI_DATA_DIR: dataDir });
    await seed.waitFor(/mid-batch/, 60_000);
    seed.child.kill('SIGKILL');
    await seed.exited;
  }, 90_000);
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('integrates on start, verifies a sound log with exit 0, and names the changed leaf with exit 3', async () => {
    // A short serve integrates what the killed process left pending.
    const server = spawnNode(['bin/shuzhi.js', 'serve'], { SHUZHI_DATA_DIR: dataDir, PORT: '0' });
    await server.waitFor(/serving at/);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);

    const sound = spawnNode(['bin/shuzhi.js', 'ledger', 'verify'], { SHUZHI_DATA_DIR: dataDir });
    expect((await sound.exited).code).toBe(0);
    // The 12 events of the killed run come first; the reference data's audit events follow them.
    expect(sound.output()).toMatch(/Ledger verified: \d+ leaves/);

    const database = await openDatabase({ kind: 'pglite', dataDir });
    await sql`update ledger_leaf set entry = convert_to(replace(convert_from(entry, 'UTF8'), 'approved', 'rejected'), 'UTF8') where leaf_index = 5`.execute(
      database.db,
    );
    await database.close();

    const tampered = spawnNode(['bin/shuzhi.js', 'ledger', 'verify'], { SHUZHI_DATA_DIR: dataDir });
    expect((await tampered.exited).code).toBe(3);
    expect(tampered.output()).toContain('LEDGER TAMPERED: first difference at leaf index 5');
  }, 90_000);
});
