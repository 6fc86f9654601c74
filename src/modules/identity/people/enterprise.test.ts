import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createAccountWithRole } from '../access/test-actors.ts';
import {
  auditEventsOf,
  bearerOrSession,
  creditCodeFor,
  insertTestOrganisation,
  signInCookie,
} from './test-lifecycle.ts';
import { GOOD_PASSWORD } from './test-people.ts';

describe('enterprise accounts acting for their organisation', () => {
  let t: TestApp;
  let administrator: string;
  let auditor: string;
  let enterprise: string;
  let otherEnterprise: string;
  let enterpriseElsewhere: string;
  let department: string;
  const code = creditCodeFor(1);
  const otherCode = creditCodeFor(2);

  beforeAll(async () => {
    t = await createTestApp({ authenticate: bearerOrSession(() => t) });
    enterprise = await insertTestOrganisation(t, {
      kind: 'enterprise',
      divisionCode: '330106',
      nameZh: '杭州西溪示范科技有限公司',
      creditCode: code,
    });
    otherEnterprise = await insertTestOrganisation(t, {
      kind: 'ngo',
      divisionCode: '330106',
      nameZh: '西湖区示范志愿者协会',
      creditCode: otherCode,
    });
    enterpriseElsewhere = await insertTestOrganisation(t, {
      kind: 'enterprise',
      divisionCode: '330102',
      nameZh: '上城区示范贸易有限公司',
      creditCode: creditCodeFor(3, '330102'),
    });
    department = await insertTestOrganisation(t, {
      kind: 'government-department',
      divisionCode: '330106',
      nameZh: '西湖区市场监督管理局',
    });
    administrator = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'identity-administrator',
      divisionCode: '330106',
      kind: 'staff',
      organisationId: department,
    });
    auditor = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'auditor',
      divisionCode: '330106',
      kind: 'staff',
      organisationId: department,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (organisationId: string, password = GOOD_PASSWORD, as = administrator) =>
    t.app.inject({
      method: 'POST',
      url: '/api/identity/enterprise-accounts',
      headers: { authorization: `Bearer ${as}` },
      payload: { organisationId, password },
    });
  const view = (organisationId: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: `/api/identity/enterprise-accounts/${organisationId}`, headers });

  it('is created by an administrator of the area, signs in with the credit code, and acts for the organisation', async () => {
    const created = await create(enterprise);
    expect(created.statusCode, created.body).toBe(201);
    const account = created.json();
    expect(account).toMatchObject({ kind: 'enterprise', organisationId: enterprise, creditCode: code });

    // Typed in lower case, it still finds the account.
    const cookie = await signInCookie(t, code.toLowerCase(), GOOD_PASSWORD);
    const me = await t.app.inject({ method: 'GET', url: '/api/identity/me', headers: { cookie } });
    expect(me.json()).toMatchObject({
      accountId: account.accountId,
      kind: 'enterprise',
      organisationId: enterprise,
      person: null,
      organisation: { id: enterprise, nameZh: '杭州西溪示范科技有限公司', creditCode: code },
    });

    const [signedIn] = (await auditEventsOf(t, me.json().sessions[0].id)) as [
      { action: string; actor: { kind: string; id: string }; onBehalfOf: string },
    ];
    expect(signedIn).toMatchObject({
      action: 'identity.session.signed-in',
      actor: { kind: 'enterprise', id: account.accountId },
      onBehalfOf: enterprise,
    });
    const [createdEvent] = await auditEventsOf(t, account.accountId);
    expect(createdEvent).toMatchObject({ action: 'identity.account.created', actor: { id: administrator } });
  });

  it("sees its own organisation's account and no other organisation's", async () => {
    expect((await create(otherEnterprise)).statusCode).toBe(201);
    const cookie = await signInCookie(t, code, GOOD_PASSWORD);
    const own = await view(enterprise, { cookie });
    expect(own.statusCode).toBe(200);
    expect(own.json().organisation).toMatchObject({ id: enterprise, creditCode: code });
    const other = await view(otherEnterprise, { cookie });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('identity.not-your-organisation');
    // An unknown organisation answers the same, so probing tells nothing.
    expect((await view(randomUUID(), { cookie })).statusCode).toBe(403);
    // An officer with identity.accounts.read over the area sees both; nobody signed in sees none.
    expect((await view(otherEnterprise, { authorization: `Bearer ${auditor}` })).statusCode).toBe(200);
    expect((await view(enterprise, {})).statusCode).toBe(401);
  });

  it('refuses a second account, organisations outside the area, departments and weak passwords', async () => {
    const again = await create(enterprise);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('identity.enterprise-account-exists');
    expect((await create(enterpriseElsewhere)).statusCode).toBe(403);
    expect((await create(enterpriseElsewhere, GOOD_PASSWORD, auditor)).statusCode).toBe(403);
    const notAnEnterprise = await create(department);
    expect(notAnEnterprise.statusCode).toBe(400);
    expect(notAnEnterprise.json().errors[0].pointer).toBe('/organisationId');
    expect((await create(randomUUID())).statusCode).toBe(400);
    const weak = await create(
      await insertTestOrganisation(t, {
        kind: 'public-service',
        divisionCode: '330106',
        nameZh: '西湖示范水务有限公司',
        creditCode: creditCodeFor(4),
      }),
      `${creditCodeFor(4)}!`,
    );
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([
      { in: 'body', pointer: '/password', detail: expect.stringContaining('(personal-data)') },
    ]);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/identity/enterprise-accounts',
      payload: { organisationId: enterprise, password: GOOD_PASSWORD },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('does not sign in with a wrong password, nor with a code that has no account', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { identifier: code, password: 'not the password at all' },
    });
    expect(wrong.statusCode).toBe(401);
    const noAccount = await t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { identifier: creditCodeFor(3, '330102'), password: GOOD_PASSWORD },
    });
    expect(noAccount.statusCode).toBe(401);
    expect(noAccount.json().code).toBe('identity.sign-in-failed');
  });
});
