import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createVault, type Vault } from '../../platform/vault/index.ts';
import { hashPayload } from '../ledger/index.ts';
import {
  agree,
  as,
  bearerActor,
  buildSharingWorld,
  HOUSEHOLD_FIELDS,
  hubQuery,
  publishHouseholdRegister,
  registerSystem,
  type SharingWorld,
  XIXI,
} from './test-fixtures.ts';

let t: TestApp;
let vault: Vault;
let world: SharingWorld;
let civilKey: string;

const DAY_MS = 24 * 3_600_000;

beforeAll(async () => {
  t = await createTestApp({ authenticate: (request) => bearerActor(t.database.db, t.clock)(request) });
  vault = createVault(t.config.vaultKeys);
  world = await buildSharingWorld(t.database.db, t.clock, vault);
  civilKey = await registerSystem(t, world.officers.civil);
});
afterAll(async () => {
  await t.close();
});

describe('oversight', () => {
  it('counts exchanges per day with denials, ranks consumers and flags a sudden surge', async () => {
    const code = await publishHouseholdRegister(t, world, vault);
    await agree(t, world, code, {
      terms: { validUntil: new Date(t.clock.now().getTime() + 60 * DAY_MS).toISOString() },
    });
    const read = () => hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId });
    // A week of one read a day, then a day of 25.
    for (let day = 0; day < 7; day += 1) {
      expect((await read()).statusCode).toBe(200);
      t.clock.advance(DAY_MS);
    }
    t.clock.advance(3_600_000);
    for (let n = 0; n < 25; n += 1) expect((await read()).statusCode).toBe(200);
    const denied = await hubQuery(t, civilKey, {
      resourceCode: code,
      subject: world.citizen.residentId,
      purpose: '其他用途',
    });
    expect(denied.statusCode).toBe(403);

    const response = await t.app.inject({
      url: '/api/sharing/oversight',
      headers: as(world.officers.police),
    });
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.department).toMatchObject({ id: world.departments.police });
    expect(view.agreements).toMatchObject({ active: 1, suspended: 0, revoked: 0, expired: 0, asConsumer: 0 });
    const total = view.exchangesPerDay.reduce(
      (sum: { granted: number; denied: number }, day: { granted: number; denied: number }) => ({
        granted: sum.granted + day.granted,
        denied: sum.denied + day.denied,
      }),
      { granted: 0, denied: 0 },
    );
    expect(total).toEqual({ granted: 32, denied: 1 });
    expect(view.exchangesPerDay).toHaveLength(8);
    expect(view.exchangesPerDay.at(-1)).toMatchObject({ granted: 25, denied: 1 });
    expect(view.topConsumers[0]).toMatchObject({
      id: world.departments.civil,
      lastDay: 25,
      isAnomalous: true,
    });
    expect(view.anomalies.map((consumer: { id: string }) => consumer.id)).toEqual([world.departments.civil]);

    const consumerView = (
      await t.app.inject({ url: '/api/sharing/oversight', headers: as(world.officers.civil) })
    ).json();
    expect(consumerView.agreements.asConsumer).toBe(1);
    expect(consumerView.anomalies).toEqual([]);
    const citizen = await t.app.inject({
      url: '/api/sharing/oversight',
      headers: as(world.citizen.accountId),
    });
    expect(citizen.statusCode).toBe(403);
  });
});

describe('a provider endpoint', () => {
  let server: Server;
  let answer: { status: number; body: string };
  const received: unknown[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push(JSON.parse(body));
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('asks the provider, returns only the agreed fields, and binds the response to the request by hash', async () => {
    const { port } = server.address() as AddressInfo;
    const code = 'XH-GA-HJ-EP1';
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/sharing/resources',
      headers: as(world.officers.police),
      payload: {
        code,
        name: '户籍人口基本信息（前置机）',
        legalBasis: '《中华人民共和国户口登记条例》',
        updateFrequency: 'real-time',
        fields: HOUSEHOLD_FIELDS,
        sharingType: 'conditional',
        sharingConditions: '法定职责范围内',
        openType: 'not-open',
        accessMethod: 'endpoint',
        endpointUrl: `http://127.0.0.1:${port}/household`,
        subjectField: 'residentId',
      },
    });
    expect(registered.statusCode).toBe(201);
    await agree(t, world, code, { fields: ['name', 'birthDate'] });
    answer = {
      status: 200,
      body: JSON.stringify({
        divisionCode: XIXI,
        record: { name: '李晓梅', birthDate: '1990-03-15', phone: '13700990021' },
      }),
    };
    const response = await hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId });
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result.record).toEqual({ name: '李晓梅', birthDate: '1990-03-15' });
    const request = {
      accessId: result.accessId,
      resourceCode: code,
      subject: world.citizen.residentId,
      fields: ['name', 'birthDate'],
    };
    expect(received.at(-1)).toEqual(request);
    const expected = createHash('sha256')
      .update(hashPayload(request))
      .update('\n')
      .update(answer.body)
      .digest('hex');
    expect(result.responseHash).toBe(`sha256:${expected}`);
    const stored = await t.database.db
      .selectFrom('sharing_access')
      .select('response_hash')
      .where('id', '=', result.accessId)
      .executeTakeFirstOrThrow();
    expect(stored.response_hash).toBe(result.responseHash);

    answer = { status: 500, body: 'internal error' };
    const failed = await hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId });
    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toMatchObject({
      code: 'sharing.provider-failed',
      detail: expect.stringMatching(/500/),
    });
  });
});
