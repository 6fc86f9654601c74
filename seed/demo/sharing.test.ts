import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountIdByResidentId, loadAccessActor } from '../../src/modules/identity/index.ts';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { createVault, type Vault } from '../../src/platform/vault/index.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { DEMO_CITIZENS } from './identity.ts';
import { demoSteps } from './index.ts';
import {
  DEMO_HIDDEN_ACCESS,
  DEMO_RESOURCE_CODES,
  DEMO_SHARING_DEPARTMENTS,
  DEMO_SHARING_STAFF,
  DEMO_SHARING_SYSTEM,
  demoSharing,
} from './sharing.ts';

describe('demo data sharing', () => {
  let t: TestApp;
  let vault: Vault;
  const DAY_MS = 24 * 3_600_000;

  beforeAll(async () => {
    t = await createTestApp({
      authenticate: async (request) => {
        const bearer = request.headers.authorization?.replace(/^Bearer /, '');
        return bearer ? loadAccessActor(t.database.db, t.clock, bearer) : undefined;
      },
    });
    vault = createVault(t.config.vaultKeys);
    const report = await runSeedSteps(t.database.db, t.clock, demoSteps, { vault });
    expect(report.ran).toContain(demoSharing.name);
  });
  afterAll(async () => {
    await t.close();
  });

  const accountOf = async (residentId: string) =>
    (await findAccountIdByResidentId(t.database.db, vault, residentId))!;
  const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });
  const [ZHANG, CHEN] = DEMO_CITIZENS as readonly [
    (typeof DEMO_CITIZENS)[number],
    (typeof DEMO_CITIZENS)[number],
  ];

  it('gives each department’s officer the sharing permissions for that department only', async () => {
    const police = await accountOf(DEMO_SHARING_STAFF[0].residentId);
    const resources = await t.app.inject({ url: '/api/sharing/resources', headers: as(police) });
    expect(resources.statusCode).toBe(200);
    expect(
      resources
        .json()
        .map((row: { code: string }) => row.code)
        .sort(),
    ).toEqual(Object.values(DEMO_RESOURCE_CODES).sort());
    const owners = new Set(resources.json().map((row: { owner: { nameZh: string } }) => row.owner.nameZh));
    expect([...owners].sort()).toEqual(
      Object.values(DEMO_SHARING_DEPARTMENTS)
        .map((d) => d.nameZh)
        .sort(),
    );
    const oversight = await t.app.inject({ url: '/api/sharing/oversight', headers: as(police) });
    expect(oversight.statusCode).toBe(200);
    const view = oversight.json();
    expect(view.department.nameZh).toBe('杭州市公安局西湖区分局');
    expect(view.resources).toBe(1);
    expect(view.agreements.active).toBe(2);
    const exchanged = view.exchangesPerDay.reduce(
      (sum: { granted: number; denied: number }, day: { granted: number; denied: number }) => ({
        granted: sum.granted + day.granted,
        denied: sum.denied + day.denied,
      }),
      { granted: 0, denied: 0 },
    );
    expect(exchanged.granted).toBeGreaterThanOrEqual(8);
    expect(exchanged.denied).toBeGreaterThanOrEqual(1);
    expect(view.topConsumers[0].nameZh).toBe('西湖区民政局');
  });

  it('has requests decided every way, a suspended agreement and a pending request', async () => {
    const health = await accountOf(DEMO_SHARING_STAFF[3].residentId);
    const requests = (await t.app.inject({ url: '/api/sharing/requests', headers: as(health) })).json();
    expect(requests.map((row: { status: string }) => row.status).sort()).toEqual([
      'approved',
      'approved',
      'pending',
      'rejected',
    ]);
    expect(requests.find((row: { status: string }) => row.status === 'rejected').rejectionReason).toMatch(
      /敏感个人信息/,
    );
    const agreements = (await t.app.inject({ url: '/api/sharing/agreements', headers: as(health) })).json();
    expect(agreements.map((row: { status: string }) => row.status).sort()).toEqual(['active', 'suspended']);
    // The household register was approved with fewer fields than the civil affairs bureau asked for.
    const civil = await accountOf(DEMO_SHARING_STAFF[1].residentId);
    const civilRequests = (await t.app.inject({ url: '/api/sharing/requests', headers: as(civil) })).json();
    const household = civilRequests.find(
      (row: { resource: { code: string } }) => row.resource.code === DEMO_RESOURCE_CODES.household,
    );
    const civilAgreements = (
      await t.app.inject({ url: '/api/sharing/agreements', headers: as(civil) })
    ).json();
    const agreement = civilAgreements.find((row: { id: string }) => row.id === household.agreementId);
    expect(household.fields).toContain('householdNumber');
    expect(agreement.fields).not.toContain('householdNumber');
    expect(agreement.maskedFields).toEqual(['address']);
  });

  it('answers the published system key at the hub, with the agreed fields and masks', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/sharing/hub/query',
      headers: { 'x-sharing-key': DEMO_SHARING_SYSTEM.apiKey },
      payload: {
        resourceCode: DEMO_RESOURCE_CODES.household,
        subject: ZHANG.residentId,
        purpose: '婚姻登记',
        caseNumber: 'XH-HY-2026-09999',
        endUser: '婚姻登记处 窗口 3 号 许静',
      },
    });
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    expect(answer.fields).toEqual(['residentId', 'name', 'gender', 'birthDate', 'address']);
    expect(answer.record).toMatchObject({
      residentId: ZHANG.residentId,
      name: ZHANG.name,
      birthDate: '1992-03-03',
    });
    expect(answer.record.address).not.toContain('文二路 128 号');
    expect(answer.maskedFields).toEqual(['address']);
  });

  it('shows the citizens their data accesses, and the hidden one only after its end date', async () => {
    const zhang = await accountOf(ZHANG.residentId);
    const zhangView = (
      await t.app.inject({ url: '/api/sharing/my-data-accesses', headers: as(zhang) })
    ).json();
    const purposes = zhangView.accesses.map((access: { purpose: string }) => access.purpose);
    expect(purposes).toContain('婚姻登记');
    expect(purposes).toContain('出生登记（户口申报）');
    const times = zhangView.accesses.map((access: { at: string }) => access.at);
    expect([...times].sort().reverse()).toEqual(times);

    const chen = await accountOf(CHEN.residentId);
    const investigation = (accesses: { purpose: string }[]) =>
      accesses.filter((access) => access.purpose === '刑事案件侦查');
    const now = (await t.app.inject({ url: '/api/sharing/my-data-accesses', headers: as(chen) })).json();
    expect(investigation(now.accesses)).toEqual([]);
    expect(now.accesses.length).toBeGreaterThanOrEqual(2);
    t.clock.advance((DEMO_HIDDEN_ACCESS.daysHidden + 1) * DAY_MS);
    const later = (await t.app.inject({ url: '/api/sharing/my-data-accesses', headers: as(chen) })).json();
    expect(investigation(later.accesses)).toEqual([
      expect.objectContaining({
        hiddenBasis: DEMO_HIDDEN_ACCESS.basis,
        consumer: expect.objectContaining({ nameZh: '杭州市公安局西湖区分局' }),
        system: '西湖区公安综合业务系统',
      }),
    ]);
  });

  it('lists the open resources in the DCAT export', async () => {
    const response = await t.app.inject({ url: '/api/sharing/catalogue/dcat' });
    const identifiers = response.json().dataset.map((dataset: { identifier: string }) => dataset.identifier);
    expect(identifiers.sort()).toEqual(
      [DEMO_RESOURCE_CODES.business, DEMO_RESOURCE_CODES.institutions].sort(),
    );
  });

  it('is documented in docs/demo.md: the officers, the system key and the resources', () => {
    const doc = fs.readFileSync(new URL('../../docs/demo.md', import.meta.url), 'utf8');
    for (const staff of DEMO_SHARING_STAFF) {
      expect(doc, staff.key).toContain(staff.phone);
      expect(doc, staff.key).toContain(staff.residentId);
      expect(doc, staff.key).toContain(staff.totpSecret);
    }
    expect(doc).toContain(DEMO_SHARING_SYSTEM.apiKey);
    for (const code of Object.values(DEMO_RESOURCE_CODES)) expect(doc).toContain(code);
  });
});
