import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createVault, type Vault } from '../../platform/vault/index.ts';
import { listRecordEvents } from '../ledger/index.ts';
import {
  agree,
  as,
  bearerActor,
  buildSharingWorld,
  hubQuery,
  publishHouseholdRegister,
  registerSystem,
  type SharingWorld,
} from './test-fixtures.ts';

let t: TestApp;
let vault: Vault;
let world: SharingWorld;
let civilKey: string;

beforeAll(async () => {
  t = await createTestApp({ authenticate: (request) => bearerActor(t.database.db, t.clock)(request) });
  vault = createVault(t.config.vaultKeys);
  world = await buildSharingWorld(t.database.db, t.clock, vault);
  civilKey = await registerSystem(t, world.officers.civil);
});
afterAll(async () => {
  await t.close();
});

const accessesOf = (code: string) =>
  t.database.db
    .selectFrom('sharing_access as x')
    .innerJoin('sharing_resource as r', 'r.id', 'x.resource_id')
    .select(['x.id', 'x.outcome', 'x.denial_code', 'x.fields'])
    .where('r.code', '=', code)
    .orderBy('x.at')
    .execute();

function expectRefusal(
  response: Awaited<ReturnType<typeof hubQuery>>,
  status: number,
  code: string,
  detail: RegExp,
) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = response.json();
  expect(problem.code).toBe(code);
  expect(problem.detail).toMatch(detail);
}

const changeAgreement = (agreementId: string, change: string, reason: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/sharing/agreements/${agreementId}/status`,
    headers: as(world.officers.police),
    payload: { change, reason },
  });

describe('the hub', () => {
  it('asks the calling system for its key', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    const missing = await hubQuery(t, undefined, { resourceCode: code, subject: world.citizen.residentId });
    expectRefusal(missing, 401, 'sharing.system-key-required', /X-Sharing-Key/);
    const wrong = await hubQuery(t, 'shx_not-a-key', {
      resourceCode: code,
      subject: world.citizen.residentId,
    });
    expect(wrong.statusCode).toBe(401);
    expect(await accessesOf(code)).toEqual([]);
  });

  it('denies by default: no agreement, no data, and the denial is logged', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    const response = await hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId });
    expectRefusal(response, 403, 'sharing.no-agreement', /denies by default/);
    expect(response.body).not.toContain('李晓梅');
    const accesses = await accessesOf(code);
    expect(accesses).toMatchObject([{ outcome: 'denied', denial_code: 'sharing.no-agreement' }]);
    const events = await listRecordEvents(t.database.db, 'sharing.access', accesses[0]!.id, 5);
    expect(events.map((entry) => entry.event.action)).toEqual(['sharing.access.denied']);
  });

  it('returns only the agreed fields, masks the graded ones, and logs the exchange in the ledger', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    await agree(t, world, code, {
      fields: ['residentId', 'name', 'gender', 'birthDate', 'address'],
      terms: { fields: ['residentId', 'name', 'birthDate'], maskedFields: ['residentId', 'name'] },
    });
    const response = await hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId });
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    expect(answer.fields).toEqual(['residentId', 'name', 'birthDate']);
    expect(Object.keys(answer.record).sort()).toEqual(['birthDate', 'name', 'residentId']);
    expect(answer.maskedFields).toEqual(['residentId', 'name']);
    expect(answer.record.birthDate).toBe('1990-03-15');
    expect(answer.record.name).not.toBe('李晓梅');
    expect(answer.record.name).toMatch(/^[李*]\*/);
    expect(answer.record.residentId).not.toBe(world.citizen.residentId);
    expect(answer.record.residentId).toMatch(/\*{4,}/);
    expect(response.body).not.toContain('13700990021');
    expect(response.body).not.toContain('文三路');

    const accesses = await accessesOf(code);
    expect(accesses).toEqual([
      {
        id: answer.accessId,
        outcome: 'granted',
        denial_code: null,
        fields: ['residentId', 'name', 'birthDate'],
      },
    ]);
    const events = await listRecordEvents(t.database.db, 'sharing.access', answer.accessId, 5);
    expect(events.map((entry) => entry.event.action)).toEqual(['sharing.access.granted']);
  });

  it('refuses fields outside the agreement and never returns them', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    await agree(t, world, code, { fields: ['name', 'gender'] });
    const response = await hubQuery(t, civilKey, {
      resourceCode: code,
      subject: world.citizen.residentId,
      fields: ['name', 'phone'],
    });
    expectRefusal(response, 403, 'sharing.fields-not-agreed', /phone/);
    expect(response.body).not.toContain('13700990021');
    const narrower = await hubQuery(t, civilKey, {
      resourceCode: code,
      subject: world.citizen.residentId,
      fields: ['gender'],
    });
    expect(narrower.statusCode).toBe(200);
    expect(narrower.json().record).toEqual({ gender: '女' });
  });

  it('refuses a purpose the agreement does not name', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    await agree(t, world, code, { purpose: '婚姻登记' });
    const response = await hubQuery(t, civilKey, {
      resourceCode: code,
      subject: world.citizen.residentId,
      purpose: '低保资格审核',
    });
    expectRefusal(response, 403, 'sharing.purpose-not-agreed', /低保资格审核/);
  });

  it('refuses after the agreement has expired', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    const validUntil = new Date(t.clock.now().getTime() + 3_600_000);
    await agree(t, world, code, { terms: { validUntil: validUntil.toISOString() } });
    expect(
      (await hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId })).statusCode,
    ).toBe(200);
    t.clock.advance(2 * 3_600_000);
    const response = await hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId });
    expectRefusal(response, 403, 'sharing.agreement-expired', new RegExp(validUntil.toISOString()));
  });

  it('refuses while the agreement is suspended, and serves again once reinstated', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    const agreementId = await agree(t, world, code);
    expect((await changeAgreement(agreementId, 'suspend', '核查数据使用情况')).json()).toMatchObject({
      status: 'suspended',
      statusReason: '核查数据使用情况',
    });
    const response = await hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId });
    expectRefusal(response, 403, 'sharing.agreement-suspended', /核查数据使用情况/);
    expect((await changeAgreement(agreementId, 'reinstate', '核查完毕')).statusCode).toBe(200);
    expect(
      (await hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId })).statusCode,
    ).toBe(200);
  });

  it('refuses under a revoked agreement, which then stays revoked', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    const agreementId = await agree(t, world, code);
    expect((await changeAgreement(agreementId, 'revoke', '超范围使用')).statusCode).toBe(200);
    const response = await hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId });
    expectRefusal(response, 403, 'sharing.agreement-revoked', /超范围使用/);
    const again = await changeAgreement(agreementId, 'reinstate', '恢复');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('sharing.agreement-revoked');
  });

  it('lets only the owner suspend an agreement', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    const agreementId = await agree(t, world, code);
    const byConsumer = await t.app.inject({
      method: 'POST',
      url: `/api/sharing/agreements/${agreementId}/status`,
      headers: as(world.officers.civil),
      payload: { change: 'revoke', reason: '不需要了' },
    });
    expect(byConsumer.statusCode).toBe(403);
    const byStranger = await t.app.inject({
      method: 'POST',
      url: `/api/sharing/agreements/${agreementId}/status`,
      headers: as(world.officers.shangchengCivil),
      payload: { change: 'suspend', reason: '试试' },
    });
    expect(byStranger.statusCode).toBe(404);
  });

  it('holds the rate limit with a clear 429, and serves again a minute later', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    await agree(t, world, code, { terms: { rateLimitPerMinute: 2 } });
    const ask = () => hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId });
    expect((await ask()).statusCode).toBe(200);
    expect((await ask()).statusCode).toBe(200);
    const limited = await ask();
    expectRefusal(limited, 429, 'sharing.rate-limited', /2 exchanges a minute/);
    expect(limited.body).not.toContain('1990-03-15');
    t.clock.advance(61_000);
    expect((await ask()).statusCode).toBe(200);
  });

  it('refuses records outside the divisions the agreement covers', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    await agree(t, world, code);
    const response = await hubQuery(t, civilKey, {
      resourceCode: code,
      subject: world.shangchengResident.residentId,
    });
    expectRefusal(response, 403, 'sharing.division-not-agreed', /divisions/);
  });

  it('refuses the exchange and records nothing when the ledger cannot record it', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    await agree(t, world, code);
    const db = t.database.db;
    const pendingBefore = await sql<{ n: string }>`select count(*)::text as n from ledger_pending`.execute(
      db,
    );
    await sql`create function sharing_test_ledger_down() returns trigger language plpgsql as $$
      begin raise exception 'ledger storage unavailable'; end $$`.execute(db);
    await sql`create trigger sharing_test_ledger_down before insert on ledger_pending
      for each row execute function sharing_test_ledger_down()`.execute(db);
    try {
      const response = await hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId });
      expectRefusal(response, 503, 'sharing.not-recorded', /no log, no exchange/);
      expect(response.body).not.toContain('1990-03-15');
      expect(response.body).not.toContain('李');
    } finally {
      await sql`drop trigger sharing_test_ledger_down on ledger_pending`.execute(db);
      await sql`drop function sharing_test_ledger_down()`.execute(db);
    }
    expect(await accessesOf(code)).toEqual([]);
    const pendingAfter = await sql<{ n: string }>`select count(*)::text as n from ledger_pending`.execute(db);
    expect(pendingAfter.rows[0]!.n).toBe(pendingBefore.rows[0]!.n);
    expect(
      (await hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId })).statusCode,
    ).toBe(200);
  });

  it('names the blank fields of a bad query and logs nothing', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    await agree(t, world, code);
    const response = await hubQuery(t, civilKey, {
      resourceCode: code,
      subject: world.citizen.residentId,
      caseNumber: '  ',
      hidden: { basis: '侦查需要', until: '2020-01-01T00:00:00Z' },
    });
    expect(response.statusCode).toBe(400);
    const pointers = response.json().errors.map((field: { pointer: string }) => field.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/caseNumber', '/hidden/until']));
    expect(await accessesOf(code)).toEqual([]);
  });
});

describe('consent', () => {
  it('needs the citizen’s consent for conditional personal data; revoking it stops the next exchange', async () => {
    const code = await publishHouseholdRegister(t, world, vault, { requiresConsent: true });
    const agreementId = await agree(t, world, code, { purpose: '婚姻登记' });
    const ask = () => hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId });
    expectRefusal(await ask(), 403, 'sharing.consent-missing', /consent/);

    const options = await t.app.inject({
      url: '/api/sharing/consents',
      headers: as(world.citizen.accountId),
    });
    expect(options.statusCode).toBe(200);
    expect(options.json().options).toEqual(
      expect.arrayContaining([expect.objectContaining({ agreementId, purposes: ['婚姻登记'] })]),
    );
    const wrongPurpose = await t.app.inject({
      method: 'POST',
      url: '/api/sharing/consents',
      headers: as(world.citizen.accountId),
      payload: { agreementId, purpose: '其他用途' },
    });
    expect(wrongPurpose.statusCode).toBe(400);
    const granted = await t.app.inject({
      method: 'POST',
      url: '/api/sharing/consents',
      headers: as(world.citizen.accountId),
      payload: { agreementId, purpose: '婚姻登记' },
    });
    expect(granted.statusCode).toBe(201);
    const consent = granted.json();
    expect((await ask()).statusCode).toBe(200);

    // Someone else cannot withdraw it; the citizen can.
    const byOfficer = await t.app.inject({
      method: 'POST',
      url: `/api/sharing/consents/${consent.id}/revocation`,
      headers: as(world.officers.civil),
    });
    expect(byOfficer.statusCode).toBe(403);
    t.clock.advance(1_000);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/sharing/consents/${consent.id}/revocation`,
      headers: as(world.citizen.accountId),
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toBe(t.clock.now().toISOString());
    expectRefusal(await ask(), 403, 'sharing.consent-revoked', /withdrew/);
  });

  it('refuses consent-bound data about someone without an account: nobody could have consented', async () => {
    const code = await publishHouseholdRegister(t, world, vault, { requiresConsent: true });
    await agree(t, world, code);
    const response = await hubQuery(t, civilKey, { resourceCode: code, subject: world.stranger.residentId });
    expectRefusal(response, 403, 'sharing.consent-missing', /consent/);
  });
});
