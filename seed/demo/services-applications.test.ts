import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/modules/identity/index.ts';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { DEMO_CITIZENS, DEMO_PASSWORD } from './identity.ts';
import { demoSteps } from './index.ts';
import {
  DEMO_BUNDLE_CODE,
  DEMO_FEE_ITEM_CODE,
  DEMO_NEW_ENTERPRISE_CREDIT_CODE,
  DEMO_SERVICE_STAFF,
} from './services-applications.ts';
import { DEMO_ITEM_CODES } from './services-catalogue.ts';

describe('demo applications: every state, made through the real service functions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await runSeedSteps(t.database.db, t.clock, demoSteps, { vault: createVault(t.config.vaultKeys) });
    // The whole demo, then a dozen applications driven through their workflows: on two busy cores this
    // takes longer than the default hook limit.
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  const signIn = async (identifier: string, otp?: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { identifier, password: DEMO_PASSWORD, ...(otp ? { otp } : {}) },
    });
    expect(response.statusCode).toBe(201);
    return response.headers['set-cookie'] as string | string[];
  };
  const get = async (cookie: string | string[], url: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: {
        cookie: ([] as string[])
          .concat(cookie)
          .map((c) => c.split(';')[0])
          .join('; '),
      },
    });

  it('holds applications in draft, submitted, accepted, awaiting supplements, rejected and approved', async () => {
    const rows = await sql<{ item_code: string; state: string; n: number }>`
      select item_code, state, count(*)::int as n from service_application
      where item_code in (${DEMO_ITEM_CODES.individualBusiness}, ${DEMO_FEE_ITEM_CODE})
      group by item_code, state order by item_code, state`.execute(t.database.db);
    expect(rows.rows).toEqual(
      [
        { item_code: DEMO_ITEM_CODES.individualBusiness, state: 'accepted', n: 1 },
        { item_code: DEMO_ITEM_CODES.individualBusiness, state: 'awaiting-supplements', n: 1 },
        { item_code: DEMO_ITEM_CODES.individualBusiness, state: 'draft', n: 1 },
        { item_code: DEMO_ITEM_CODES.individualBusiness, state: 'rejected', n: 1 },
        { item_code: DEMO_ITEM_CODES.individualBusiness, state: 'submitted', n: 1 },
        { item_code: DEMO_ITEM_CODES.individualBusiness, state: 'withdrawn', n: 1 },
        { item_code: DEMO_FEE_ITEM_CODE, state: 'accepted', n: 1 },
        { item_code: DEMO_FEE_ITEM_CODE, state: 'approved', n: 1 },
      ].sort((a, b) => a.item_code.localeCompare(b.item_code) || a.state.localeCompare(b.state)),
    );
  });

  it('puts the residence certificate of the paid reissue in 刘钱塘’s wallet, and shows the fee paid', async () => {
    const liu = await signIn(DEMO_CITIZENS[2]!.phone);
    const wallet = (await get(liu, '/api/credentials/wallet')).json();
    expect(JSON.stringify(wallet)).toContain('residence-certificate');
    const approved = await sql<{ id: string }>`
      select id from service_application where item_code = ${DEMO_FEE_ITEM_CODE} and state = 'approved'`.execute(
      t.database.db,
    );
    const fee = (await get(liu, `/api/services/applications/${approved.rows[0]!.id}/fee`)).json();
    expect(fee).toMatchObject({
      state: 'paid',
      amountYuan: '20.00',
      payments: [{ receiptNumber: 'XH-DEMO-0001', method: 'pos' }],
    });
  });

  it('lets the demo cashier sign in and see the unpaid fee of 陈湖滨’s reissue', async () => {
    const cashier = DEMO_SERVICE_STAFF.find((staff) => staff.role === 'fee-cashier')!;
    const cookie = await signIn(cashier.phone, totpCodeAt(cashier.totpSecret, t.clock.now()));
    const unpaid = await sql<{ id: string }>`
      select id from service_application where item_code = ${DEMO_FEE_ITEM_CODE} and state = 'accepted'`.execute(
      t.database.db,
    );
    const fee = await get(cookie, `/api/services/applications/${unpaid.rows[0]!.id}/fee`);
    expect(fee.statusCode).toBe(200);
    expect(fee.json()).toMatchObject({ state: 'unpaid', outstandingYuan: '20.00' });
  });

  it('has the 企业开办 bundle and the new enterprise’s case half done: seal and tax approved', async () => {
    const bundle = await t.app.inject({
      method: 'GET',
      url: `/api/services/bundles/${DEMO_BUNDLE_CODE}?divisionCode=330106004`,
    });
    expect(bundle.json().members.map((member: { itemCode: string }) => member.itemCode)).toEqual([
      DEMO_ITEM_CODES.enterpriseRegistration,
      DEMO_ITEM_CODES.sealEngraving,
      DEMO_ITEM_CODES.newTaxpayer,
      DEMO_ITEM_CODES.socialInsurance,
    ]);
    const cookie = await signIn(DEMO_NEW_ENTERPRISE_CREDIT_CODE);
    const number = (
      await sql<{ case_number: string }>`select case_number from service_bundle_case`.execute(t.database.db)
    ).rows[0]!.case_number;
    const bundleCase = (await get(cookie, `/api/services/bundle-cases/${number}`)).json();
    expect(bundleCase).toMatchObject({ status: 'in-progress', approvedCount: 2 });
    expect(bundleCase.members.map((member: { state: string }) => member.state)).toEqual([
      'accepted',
      'approved',
      'approved',
      'submitted',
    ]);
  });
});
