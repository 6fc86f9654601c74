import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createVault, type Vault } from '../../platform/vault/index.ts';
import { remindDueRequests } from './agreements.ts';
import {
  as,
  bearerActor,
  buildSharingWorld,
  publishHouseholdRegister,
  type SharingWorld,
} from './test-fixtures.ts';

let t: TestApp;
let vault: Vault;
let world: SharingWorld;

beforeAll(async () => {
  t = await createTestApp({ authenticate: (request) => bearerActor(t.database.db, t.clock)(request) });
  vault = createVault(t.config.vaultKeys);
  world = await buildSharingWorld(t.database.db, t.clock, vault);
});
afterAll(async () => {
  await t.close();
});

const ask = (officer: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/sharing/requests', headers: as(officer), payload });

const marriageRequest = (code: string, overrides: Record<string, unknown> = {}) => ({
  resourceCode: code,
  purpose: '婚姻登记',
  legalBasis: '《婚姻登记条例》第七条',
  fields: ['residentId', 'name', 'gender', 'birthDate', 'address'],
  ...overrides,
});

const inThirtyDays = () => new Date(t.clock.now().getTime() + 30 * 24 * 3_600_000).toISOString();

const count = async (table: 'sharing_request' | 'sharing_agreement') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('requests and agreements', () => {
  it('makes an agreement with only the fewer fields the owner approves, masks and rate included', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    const requested = await ask(world.officers.civil, marriageRequest(code));
    expect(requested.statusCode).toBe(201);
    const request = requested.json();
    expect(request).toMatchObject({
      status: 'pending',
      purpose: '婚姻登记',
      consumer: { id: world.departments.civil, nameZh: '西湖区民政局' },
      owner: { id: world.departments.police },
    });
    // 2026-11-27 is a Friday: ten working days later is 2026-12-11.
    expect(request.dueAt.slice(0, 10)).toBe('2026-12-11');

    const ownerSees = await t.app.inject({
      url: '/api/sharing/requests',
      headers: as(world.officers.police),
    });
    expect(ownerSees.json().map((row: { id: string }) => row.id)).toContain(request.id);

    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/sharing/requests/${request.id}/approval`,
      headers: as(world.officers.police),
      payload: {
        fields: ['name', 'birthDate'],
        maskedFields: ['name'],
        validUntil: inThirtyDays(),
        rateLimitPerMinute: 30,
      },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', fields: request.fields });

    const agreements = await t.app.inject({
      url: '/api/sharing/agreements',
      headers: as(world.officers.civil),
    });
    const agreement = agreements.json().find((row: { requestId: string }) => row.requestId === request.id);
    expect(agreement).toMatchObject({
      resource: { code },
      fields: ['name', 'birthDate'],
      maskedFields: ['name'],
      purposes: ['婚姻登记'],
      divisionCodes: ['330106'],
      rateLimitPerMinute: 30,
      status: 'active',
      isAutomatic: false,
    });

    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/sharing/requests/${request.id}/rejection`,
      headers: as(world.officers.police),
      payload: { reason: '改变主意' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('sharing.request-decided');
  });

  it('refuses to approve fields that were not requested, naming them, and stores nothing', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    const request = (await ask(world.officers.civil, marriageRequest(code, { fields: ['name'] }))).json();
    const agreementsBefore = await count('sharing_agreement');
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/sharing/requests/${request.id}/approval`,
      headers: as(world.officers.police),
      payload: { fields: ['name', 'phone'], maskedFields: ['address'], validUntil: '2020-01-01T00:00:00Z' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((field: { pointer: string }) => field.pointer)).toEqual([
      '/fields/1',
      '/maskedFields/0',
      '/validUntil',
    ]);
    expect(await count('sharing_agreement')).toBe(agreementsBefore);
    const still = await t.app.inject({
      url: `/api/sharing/requests/${request.id}`,
      headers: as(world.officers.civil),
    });
    expect(still.json().status).toBe('pending');
  });

  it('rejects only with reasons', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    const request = (await ask(world.officers.civil, marriageRequest(code))).json();
    const reject = (reason: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/sharing/requests/${request.id}/rejection`,
        headers: as(world.officers.police),
        payload: { reason },
      });
    for (const blank of ['', '   ']) {
      const response = await reject(blank);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].pointer).toBe('/reason');
    }
    const rejected = await reject('申请用途与所需字段不符，住址信息不属于婚姻登记所需');
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      rejectionReason: '申请用途与所需字段不符，住址信息不属于婚姻登记所需',
    });
    const none = await t.database.db
      .selectFrom('sharing_agreement')
      .select('id')
      .where('request_id', '=', request.id)
      .execute();
    expect(none).toEqual([]);
  });

  it('answers bad requests with 400 naming the fields, and stores nothing', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    const before = await count('sharing_request');
    const blank = await ask(
      world.officers.civil,
      marriageRequest(code, { purpose: '   ', fields: ['name', 'favouriteColour', 'name'] }),
    );
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors.map((field: { pointer: string }) => field.pointer)).toEqual([
      '/purpose',
      '/fields',
      '/fields/1',
    ]);
    const malformed = await ask(world.officers.civil, { resourceCode: code, fields: [] });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors.map((field: { pointer: string }) => field.pointer)).toEqual(
      expect.arrayContaining(['/purpose', '/legalBasis', '/fields']),
    );
    expect(await count('sharing_request')).toBe(before);
  });

  it('keeps the owner from asking for its own resource, and the consumer from deciding', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    const own = await ask(world.officers.police, marriageRequest(code));
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('sharing.own-resource');
    const request = (await ask(world.officers.civil, marriageRequest(code))).json();
    const selfApproval = await t.app.inject({
      method: 'POST',
      url: `/api/sharing/requests/${request.id}/approval`,
      headers: as(world.officers.civil),
      payload: { fields: ['name'], validUntil: inThirtyDays() },
    });
    expect(selfApproval.statusCode).toBe(403);
    expect(selfApproval.json().code).toBe('sharing.not-owner');
  });

  it('grants unconditional resources an agreement at once, still registered', async () => {
    const code = await publishHouseholdRegister(t, world, vault, {
      sharingType: 'unconditional',
      sharingConditions: undefined,
    });
    const response = await ask(world.officers.market, marriageRequest(code, { purpose: '企业登记核验' }));
    expect(response.statusCode).toBe(201);
    expect(response.json().status).toBe('approved');
    const agreements = await t.app.inject({
      url: '/api/sharing/agreements',
      headers: as(world.officers.market),
    });
    expect(agreements.json()).toEqual([
      expect.objectContaining({
        requestId: response.json().id,
        isAutomatic: true,
        status: 'active',
        purposes: ['企业登记核验'],
      }),
    ]);
  });

  it('hides requests and agreements from departments that are not party to them', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    const request = (await ask(world.officers.civil, marriageRequest(code))).json();
    for (const outsider of [world.officers.shangchengCivil, world.officers.market]) {
      const list = await t.app.inject({ url: '/api/sharing/requests', headers: as(outsider) });
      expect(list.statusCode).toBe(200);
      expect(list.json().map((row: { id: string }) => row.id)).not.toContain(request.id);
      const one = await t.app.inject({ url: `/api/sharing/requests/${request.id}`, headers: as(outsider) });
      expect(one.statusCode).toBe(404);
      expect(one.json().code).toBe('sharing.request-not-found');
      const approval = await t.app.inject({
        method: 'POST',
        url: `/api/sharing/requests/${request.id}/approval`,
        headers: as(outsider),
        payload: { fields: ['name'], validUntil: inThirtyDays() },
      });
      expect(approval.statusCode).toBe(404);
    }
    await t.app.inject({
      method: 'POST',
      url: `/api/sharing/requests/${request.id}/approval`,
      headers: as(world.officers.police),
      payload: { fields: ['name'], validUntil: inThirtyDays() },
    });
    const agreements = await t.app.inject({
      url: '/api/sharing/agreements',
      headers: as(world.officers.shangchengCivil),
    });
    expect(agreements.json().map((row: { requestId: string }) => row.requestId)).not.toContain(request.id);
    const citizen = await t.app.inject({
      url: '/api/sharing/requests',
      headers: as(world.citizen.accountId),
    });
    expect(citizen.json()).toEqual([]);
  });

  it('reminds the owner of requests falling due, once a day', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    const request = (await ask(world.officers.civil, marriageRequest(code))).json();
    const remindersFor = () =>
      t.database.db
        .selectFrom('notification')
        .select(['recipient_account_id'])
        .where('topic', '=', 'sharing.request.reminder')
        .where('recipient_account_id', '=', world.officers.police)
        .execute();
    const before = (await remindersFor()).length;
    t.clock.set(new Date(new Date(request.dueAt).getTime() - 24 * 3_600_000));
    expect(await remindDueRequests(t.database.db, t.clock)).toBeGreaterThanOrEqual(1);
    const after = (await remindersFor()).length;
    expect(after).toBeGreaterThan(before);
    expect(await remindDueRequests(t.database.db, t.clock)).toBe(0);
    expect((await remindersFor()).length).toBe(after);
  });
});

describe('a deployment’s decision deadline', () => {
  it('gives owners the working days SHUZHI_SHARING_DECISION_WORKING_DAYS says', async () => {
    const short = await createTestApp({
      env: { SHUZHI_SHARING_DECISION_WORKING_DAYS: '5' },
      authenticate: (request) => bearerActor(short.database.db, short.clock)(request),
    });
    try {
      const shortVault = createVault(short.config.vaultKeys);
      const shortWorld = await buildSharingWorld(short.database.db, short.clock, shortVault);
      const code = await publishHouseholdRegister(short, shortWorld, shortVault);
      const response = await short.app.inject({
        method: 'POST',
        url: '/api/sharing/requests',
        headers: as(shortWorld.officers.civil),
        payload: marriageRequest(code),
      });
      // From Friday 2026-11-27, five working days end on Friday 2026-12-04.
      expect(response.json().dueAt.slice(0, 10)).toBe('2026-12-04');
    } finally {
      await short.close();
    }
  });
});
