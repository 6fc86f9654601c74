import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CITIZENS, DEMO_CREDIT_CODES, DEMO_PASSWORD, DEMO_STAFF } from '../../seed/demo/identity.ts';
import { formatSignerKey, generateSigner } from '../../src/modules/ledger/index.ts';
import { openDatabase } from '../../src/platform/db/index.ts';
import { spawnNode } from '../support/processes.ts';

describe('the real `serve` without --demo', { timeout: 120_000 }, () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuzhi-data-'));
  });
  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // The first start loads the division codes into a new embedded database, which takes a while.
  it('has no demo account: none of the documented demo credentials signs in', {
    timeout: 300_000,
  }, async () => {
    const server = spawnNode(['bin/shuzhi.js', 'serve'], { SHUZHI_DATA_DIR: dataDir, PORT: '0' });
    const [, port] = await server.waitFor(/Shuzhi is serving at http:\/\/[^\s]+:(\d+)/, 240_000);
    const identifiers = [
      ...DEMO_STAFF.map((staff) => staff.phone),
      ...DEMO_CITIZENS.map((citizen) => citizen.residentId),
      DEMO_CREDIT_CODES.enterprise,
    ];
    for (const identifier of identifiers) {
      const response = await fetch(`http://127.0.0.1:${port}/api/identity/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier, password: DEMO_PASSWORD }),
      });
      expect({ identifier, status: response.status }).toEqual({ identifier, status: 401 });
    }
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);

    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const counts = await sql<{ accounts: number; organisations: number; divisions: number }>`
        select (select count(*)::int from account) as accounts,
               (select count(*)::int from organisation) as organisations,
               (select count(*)::int from division) as divisions`.execute(database.db);
      // Reference data loaded, demo data not.
      expect(counts.rows[0]).toMatchObject({ accounts: 0, organisations: 0 });
      expect(counts.rows[0]!.divisions).toBeGreaterThan(40_000);
    } finally {
      await database.close();
    }
  });
});

describe('--demo in production', { timeout: 120_000 }, () => {
  it('is refused before anything is stored, naming why', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuzhi-data-'));
    const key = () => randomBytes(32).toString('base64');
    const origin = 'ledger.county.example.gov.cn/audit';
    try {
      const server = spawnNode(['bin/shuzhi.js', 'serve', '--demo'], {
        NODE_ENV: 'production',
        SHUZHI_DATA_DIR: dataDir,
        PORT: '0',
        SHUZHI_SECRET_KEY: key(),
        SHUZHI_PUBLIC_URL: 'https://shuzhi.county.example.gov.cn',
        SHUZHI_LEDGER_ORIGIN: origin,
        SHUZHI_LEDGER_SIGNER_KEY: formatSignerKey(generateSigner(origin)),
        SHUZHI_VAULT_KEYS: `k2026:1:${key()}`,
        SHUZHI_VAULT_ACTIVE_KEY: 'k2026',
        SHUZHI_VAULT_BLIND_INDEX_KEY: key(),
      });
      expect((await server.exited).code).toBe(2);
      expect(server.output()).toContain('--demo loads accounts whose passwords are published');
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
