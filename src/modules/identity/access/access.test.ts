import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { Authenticate } from '../../../platform/http/index.ts';
import { loadAccessActor } from './service.ts';
import { findRoleByCode, insertAccount, insertGrant, insertOrganisation } from './store.ts';

/** Alibaba's registered unified social credit code (public record), a valid GB 32100 code. */
const REAL_CREDIT_CODE = '91330100716105852F';
const XIHU = '330106';
const SHANGCHENG = '330102';

describe('organisations and grants through the API', () => {
  let t: TestApp;
  let countyAdmin: string;
  let clerk: string;
  let township: string;
  let countyGovernment: string;

  const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });

  beforeAll(async () => {
    let db: TestApp['database']['db'] | undefined;
    const authenticate: Authenticate = async (request) => {
      const token = request.headers.authorization?.replace(/^Bearer /, '');
      return token && db ? loadAccessActor(db, t.clock, token) : undefined;
    };
    t = await createTestApp({ authenticate });
    db = t.database.db;
    const now = t.clock.now();
    const firstTownship = await sql<{ code: string }>`
      select code from division where parent_code = ${XIHU} order by code limit 1
    `.execute(db);
    township = firstTownship.rows[0]!.code;
    countyGovernment = randomUUID();
    await insertOrganisation(db, {
      id: countyGovernment,
      kind: 'government-department',
      name_zh: '西湖区人民政府办公室',
      name_en: null,
      division_code: XIHU,
      parent_id: null,
      credit_code: null,
      province_code: '33',
      is_active: true,
      created_at: now,
      updated_at: now,
    });
    const account = async (division: string) => {
      const id = randomUUID();
      await insertAccount(db!, {
        id,
        kind: 'staff',
        organisation_id: countyGovernment,
        division_code: division,
        status: 'active',
        province_code: '33',
        created_at: now,
        updated_at: now,
      });
      return id;
    };
    countyAdmin = await account(XIHU);
    clerk = await account(township);
    const administrator = await findRoleByCode(db, 'identity-administrator');
    await insertGrant(db, {
      id: randomUUID(),
      account_id: countyAdmin,
      role_id: administrator!.id,
      division_code: XIHU,
      organisation_id: null,
      granted_by: null,
      granted_at: now,
      expires_at: null,
      revoked_at: null,
      revoked_by: null,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers a department and an enterprise in the county, audited', async () => {
    const department = await t.app.inject({
      method: 'POST',
      url: '/api/identity/organisations',
      headers: as(countyAdmin),
      payload: {
        kind: 'government-department',
        nameZh: '西湖区市场监督管理局',
        divisionCode: XIHU,
        parentId: countyGovernment,
      },
    });
    expect(department.statusCode).toBe(201);
    const enterprise = await t.app.inject({
      method: 'POST',
      url: '/api/identity/organisations',
      headers: as(countyAdmin),
      payload: {
        kind: 'enterprise',
        nameZh: '示例科技有限公司',
        divisionCode: XIHU,
        creditCode: REAL_CREDIT_CODE.toLowerCase(),
      },
    });
    expect(enterprise.statusCode).toBe(201);
    const audited = await sql<{ n: number }>`
      select count(*)::int as n from ledger_pending where record_type = 'identity.organisation'
    `.execute(t.database.db);
    expect(audited.rows[0]?.n).toBe(2);

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/identity/organisations',
      headers: as(countyAdmin),
      payload: { kind: 'enterprise', nameZh: '重复登记', divisionCode: XIHU, creditCode: REAL_CREDIT_CODE },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('identity.credit-code-taken');
  });

  it('rejects a bad or missing credit code and an unknown parent with field pointers', async () => {
    const cases = [
      [
        { kind: 'enterprise', nameZh: '甲', divisionCode: XIHU, creditCode: '91330100716105852G' },
        '/creditCode',
      ],
      [{ kind: 'ngo', nameZh: '乙', divisionCode: XIHU }, '/creditCode'],
      [
        { kind: 'government-department', nameZh: '丁', divisionCode: XIHU, parentId: randomUUID() },
        '/parentId',
      ],
    ] as const;
    for (const [payload, pointer] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/identity/organisations',
        headers: as(countyAdmin),
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].pointer).toBe(pointer);
    }
  });

  it('keeps a county administrator inside the county', async () => {
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/identity/organisations',
      headers: as(countyAdmin),
      payload: { kind: 'government-department', nameZh: '上城区某局', divisionCode: SHANGCHENG },
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().code).toBe('identity.outside-scope');

    const now = t.clock.now();
    await insertOrganisation(t.database.db, {
      id: randomUUID(),
      kind: 'government-department',
      name_zh: '上城区人民政府办公室',
      name_en: null,
      division_code: SHANGCHENG,
      parent_id: null,
      credit_code: null,
      province_code: '33',
      is_active: true,
      created_at: now,
      updated_at: now,
    });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/identity/organisations',
      headers: as(countyAdmin),
    });
    const names = list.json().organisations.map((o: { nameZh: string }) => o.nameZh);
    expect(names).toContain('西湖区人民政府办公室');
    expect(names).not.toContain('上城区人民政府办公室');
  });

  it('grants a role scoped to a township, effective at once, and revokes it, effective at once', async () => {
    const before = await t.app.inject({
      method: 'GET',
      url: '/api/identity/organisations',
      headers: as(clerk),
    });
    expect(before.statusCode).toBe(403);

    const grant = await t.app.inject({
      method: 'POST',
      url: '/api/identity/grants',
      headers: as(countyAdmin),
      payload: { accountId: clerk, roleCode: 'registrar', divisionCode: township, reason: '街道登记工作' },
    });
    expect(grant.statusCode).toBe(201);

    const atTownship = await t.app.inject({
      method: 'POST',
      url: '/api/identity/organisations',
      headers: as(clerk),
      payload: { kind: 'government-department', nameZh: '街道社区服务中心', divisionCode: township },
    });
    expect(atTownship.statusCode).toBe(201);
    const atCounty = await t.app.inject({
      method: 'POST',
      url: '/api/identity/organisations',
      headers: as(clerk),
      payload: { kind: 'government-department', nameZh: '区级某局', divisionCode: XIHU },
    });
    expect(atCounty.statusCode).toBe(403);

    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/identity/grants/${grant.json().id}/revocation`,
      headers: as(countyAdmin),
      payload: { reason: '岗位调整' },
    });
    expect(revoke.statusCode).toBe(204);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/identity/organisations',
      headers: as(clerk),
    });
    expect(after.statusCode).toBe(403);
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/identity/grants/${grant.json().id}/revocation`,
      headers: as(countyAdmin),
      payload: { reason: '岗位调整' },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses to grant more than the granter holds, or outside their area', async () => {
    const escalation = await t.app.inject({
      method: 'POST',
      url: '/api/identity/grants',
      headers: as(countyAdmin),
      payload: { accountId: clerk, roleCode: 'auditor', divisionCode: township, reason: '想看审计' },
    });
    expect(escalation.statusCode).toBe(403);
    expect(escalation.json()).toMatchObject({ code: 'identity.grant-exceeds-own-rights' });
    expect(escalation.json().detail).toContain('ledger.events.read');

    const outside = await t.app.inject({
      method: 'POST',
      url: '/api/identity/grants',
      headers: as(countyAdmin),
      payload: { accountId: clerk, roleCode: 'registrar', divisionCode: SHANGCHENG, reason: '跨区' },
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('identity.outside-scope');

    const unknownRole = await t.app.inject({
      method: 'POST',
      url: '/api/identity/grants',
      headers: as(countyAdmin),
      payload: { accountId: clerk, roleCode: 'no-such-role', divisionCode: township, reason: '测试' },
    });
    expect(unknownRole.statusCode).toBe(404);
  });
});
