import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { ensureSigningKeys, loadPublishedKeys } from '../single-sign-on/signing-keys.ts';
import { rotatePersonalDataKeys } from './key-rotation.ts';
import { registrationBody } from './test-people.ts';

describe('shuzhi keys rotate: personal data moves to the new key while everything keeps working', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    for (let serial = 1; serial <= 3; serial++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/identity/registrations',
        payload: registrationBody(700 + serial),
      });
      expect(response.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('re-encrypts every field under the active key, keeps the values, and does nothing the second time', async () => {
    const old = t.config.vaultKeys;
    const rotated = createVault({
      keys: [...old.keys, { id: 'k2026', version: 1, key: randomBytes(32) }],
      activeKeyId: 'k2026',
      blindIndexKey: old.blindIndexKey,
    });
    const before = await sql<{ account_id: string; name_encrypted: string; phone_encrypted: string }>`
      select account_id, name_encrypted, phone_encrypted from person order by account_id
    `.execute(t.database.db);
    const oldVault = createVault(old);
    const phonesBefore = before.rows.map((row) =>
      oldVault.decrypt(row.phone_encrypted, { table: 'person', column: 'phone', rowId: row.account_id }),
    );

    const report = await rotatePersonalDataKeys({ db: t.database.db, vault: rotated, clock: t.clock });
    expect(report.reencrypted).toBe(3 * 3);

    const after = await sql<{
      account_id: string;
      name_encrypted: string;
      resident_id_encrypted: string;
      phone_encrypted: string;
    }>`
      select account_id, name_encrypted, resident_id_encrypted, phone_encrypted from person order by account_id
    `.execute(t.database.db);
    for (const row of after.rows) {
      for (const value of [row.name_encrypted, row.resident_id_encrypted, row.phone_encrypted]) {
        expect(value.startsWith('v1.k2026.1.')).toBe(true);
        expect(rotated.needsReencryption(value)).toBe(false);
      }
    }
    expect(
      after.rows.map((row) =>
        rotated.decrypt(row.phone_encrypted, { table: 'person', column: 'phone', rowId: row.account_id }),
      ),
    ).toEqual(phonesBefore);

    expect(
      (await rotatePersonalDataKeys({ db: t.database.db, vault: rotated, clock: t.clock })).reencrypted,
    ).toBe(0);
    const audited = await sql<{ n: number }>`
      select count(*)::int as n from ledger_pending where record_type = 'identity.person-batch'
    `.execute(t.database.db);
    expect(audited.rows[0]?.n).toBe(3);
  });
});

describe('shuzhi keys rotate: the single sign-on signing keys move too', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ contents: 'migrated' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('re-encrypts the private keys so that the provider still loads them under the new key alone', async () => {
    const old = t.config.vaultKeys;
    await ensureSigningKeys({ db: t.database.db, clock: t.clock, vault: createVault(old) });
    const fresh = { id: 'k2026', version: 1, key: randomBytes(32) };
    const rotated = createVault({
      keys: [...old.keys, fresh],
      activeKeyId: 'k2026',
      blindIndexKey: old.blindIndexKey,
    });
    const before = await loadPublishedKeys({ db: t.database.db, vault: createVault(old) });

    const report = await rotatePersonalDataKeys({ db: t.database.db, vault: rotated, clock: t.clock });
    expect(report.reencrypted).toBe(before.jwks.keys.length);

    // The old vault key retired: only the new one is left, and every signing key still opens.
    const newOnly = createVault({ keys: [fresh], activeKeyId: 'k2026', blindIndexKey: old.blindIndexKey });
    const after = await loadPublishedKeys({ db: t.database.db, vault: newOnly });
    expect(after.jwks.keys).toEqual(before.jwks.keys);
    expect(before.jwks.keys.length).toBeGreaterThan(0);
  });
});
