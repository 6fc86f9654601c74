import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { Authenticate } from '../../../platform/http/index.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { actorFromBearer } from '../access/test-actors.ts';
import { findEmailAddress } from './email-address.ts';
import { rotatePersonalDataKeys } from './key-rotation.ts';
import { registrationBody } from './test-people.ts';

describe('the e-mail address notifications go to', () => {
  let t: TestApp;
  let citizen: string;

  beforeAll(async () => {
    const authenticate: Authenticate = (request) => actorFromBearer(request, t.database.db, t.clock);
    t = await createTestApp({ authenticate });
    citizen = (
      await t.app.inject({
        method: 'POST',
        url: '/api/identity/registrations',
        payload: registrationBody(811),
      })
    ).json().accountId;
  });
  afterAll(async () => {
    await t.close();
  });

  const put = (email: unknown) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/identity/me/email',
      headers: { authorization: `Bearer ${citizen}` },
      payload: { email },
    });
  const events = async () =>
    (
      await sql<{ entry: Uint8Array }>`
        select entry from ledger_pending where record_type = 'identity.person' and record_id = ${citizen}
      `.execute(t.database.db)
    ).rows.map((row) => JSON.parse(Buffer.from(row.entry).toString('utf8')));

  it('is set by its holder, shown masked, stored encrypted, read in full only by the notification worker', async () => {
    const deps = { db: t.database.db, vault: createVault(t.config.vaultKeys) };
    expect(await findEmailAddress(deps, citizen)).toBeUndefined();

    const response = await put(' wang.xiaoming@example.cn ');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ maskedEmail: 'w***@example.cn' });
    const shown = await t.app.inject({
      method: 'GET',
      url: '/api/identity/me/email',
      headers: { authorization: `Bearer ${citizen}` },
    });
    expect(shown.json()).toEqual({ maskedEmail: 'w***@example.cn' });
    expect(await findEmailAddress(deps, citizen)).toBe('wang.xiaoming@example.cn');

    const stored = await t.database.db
      .selectFrom('person')
      .select(['email_encrypted'])
      .where('account_id', '=', citizen)
      .executeTakeFirstOrThrow();
    expect(stored.email_encrypted).not.toContain('example.cn');
    expect((await events()).map((event) => event.action)).toEqual(['identity.email.changed']);

    // Key rotation passes over people without an address and keeps this one readable.
    await rotatePersonalDataKeys({ ...deps, clock: t.clock });
    expect(await findEmailAddress(deps, citizen)).toBe('wang.xiaoming@example.cn');

    expect((await put(null)).json()).toEqual({ maskedEmail: null });
    expect(await findEmailAddress(deps, citizen)).toBeUndefined();
  });

  it('refuses what is not an address, changing nothing', async () => {
    const before = (await events()).length;
    for (const email of [
      'no-at-sign',
      'a@b',
      'two@at@example.cn',
      'x@example.cn\r\nBcc: y@example.cn',
      'a <b@c.cn>',
    ]) {
      const response = await put(email);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ errors: [{ pointer: '/email' }] });
    }
    expect((await put(42)).statusCode).toBe(400);
    expect(await events()).toHaveLength(before);
  });
});
