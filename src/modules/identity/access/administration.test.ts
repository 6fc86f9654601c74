import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { Authenticate } from '../../../platform/http/index.ts';
import { GOOD_PASSWORD, phoneFor, residentIdFor } from '../people/test-people.ts';
import { actorFromBearer, createAccountWithRole } from './test-actors.ts';

const XIHU = '330106';
const SHANGCHENG = '330102';
/** Alibaba's registered unified social credit code (public record), a valid GB 32100 code. */
const REAL_CREDIT_CODE = '91330100716105852F';

/**
 * What administrators read and change: lists of grants, accounts and organisations in their own area
 * only, a page at a time; roles composed only of what the administrator holds; organisations edited
 * and deactivated. Two county administrators side by side show that neither sees the other's county.
 */
describe('administration through the API', () => {
  let t: TestApp;
  let xihuAdmin: string;
  let shangchengAdmin: string;
  let xihuDepartment: string;
  let shangchengDepartment: string;
  let xihuStaff: string;
  let shangchengStaff: string;
  let township: string;

  const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });
  const get = (accountId: string, url: string) =>
    t.app.inject({ method: 'GET', url, headers: as(accountId) });
  const send = (accountId: string, method: 'POST' | 'PATCH', url: string, payload: object) =>
    t.app.inject({ method, url, headers: as(accountId), payload });
  const auditCount = async (recordType: string) => {
    const result = await sql<{ n: number }>`
      select count(*)::int as n from ledger_pending where record_type = ${recordType}`.execute(t.database.db);
    return result.rows[0]!.n;
  };

  beforeAll(async () => {
    const authenticate: Authenticate = (request) => actorFromBearer(request, t.database.db, t.clock);
    t = await createTestApp({ authenticate });
    const db = t.database.db;
    const firstTownship = await sql<{ code: string }>`
      select code from division where parent_code = ${XIHU} order by code limit 1`.execute(db);
    township = firstTownship.rows[0]!.code;
    xihuAdmin = await createAccountWithRole(db, t.clock, {
      roleCode: 'identity-administrator',
      divisionCode: XIHU,
    });
    shangchengAdmin = await createAccountWithRole(db, t.clock, {
      roleCode: 'identity-administrator',
      divisionCode: SHANGCHENG,
    });
    const department = async (admin: string, nameZh: string, divisionCode: string) => {
      const response = await send(admin, 'POST', '/api/identity/organisations', {
        kind: 'government-department',
        nameZh,
        divisionCode,
      });
      expect(response.statusCode).toBe(201);
      return response.json().id as string;
    };
    xihuDepartment = await department(xihuAdmin, '西湖区民政局', XIHU);
    shangchengDepartment = await department(shangchengAdmin, '上城区民政局', SHANGCHENG);
    const staff = async (admin: string, organisationId: string, serial: number) => {
      const response = await send(admin, 'POST', '/api/identity/staff', {
        organisationId,
        name: '李四',
        residentId: residentIdFor(serial),
        phone: phoneFor(serial),
        password: GOOD_PASSWORD,
      });
      expect(response.statusCode).toBe(201);
      return response.json().accountId as string;
    };
    xihuStaff = await staff(xihuAdmin, xihuDepartment, 801);
    shangchengStaff = await staff(shangchengAdmin, shangchengDepartment, 802);
    const grant = async (admin: string, payload: object) =>
      expect((await send(admin, 'POST', '/api/identity/grants', payload)).statusCode).toBe(201);
    await grant(xihuAdmin, {
      accountId: xihuStaff,
      roleCode: 'registrar',
      divisionCode: township,
      organisationId: xihuDepartment,
      reason: '街道登记',
    });
    await grant(shangchengAdmin, {
      accountId: shangchengStaff,
      roleCode: 'registrar',
      divisionCode: SHANGCHENG,
      reason: '区级登记',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows a county administrator nothing from another county', async () => {
    const grants = (await get(xihuAdmin, '/api/identity/grants')).json().grants;
    expect(grants.map((g: { accountId: string }) => g.accountId)).toContain(xihuStaff);
    expect(grants.every((g: { divisionCode: string }) => g.divisionCode.startsWith(XIHU))).toBe(true);

    const accounts = (await get(xihuAdmin, '/api/identity/accounts')).json().accounts;
    const accountIds = accounts.map((a: { id: string }) => a.id);
    expect(accountIds).toContain(xihuStaff);
    expect(accountIds).not.toContain(shangchengStaff);
    expect(accountIds).not.toContain(shangchengAdmin);

    const organisations = (await get(xihuAdmin, '/api/identity/organisations')).json().organisations;
    expect(organisations.map((o: { id: string }) => o.id)).toEqual([xihuDepartment]);

    // Asking for the other county by name, or for its records by id, still shows nothing.
    for (const url of [
      `/api/identity/grants?divisionCode=${SHANGCHENG}`,
      `/api/identity/accounts?divisionCode=${SHANGCHENG}`,
      `/api/identity/accounts?accountId=${shangchengStaff}`,
      `/api/identity/grants?accountId=${shangchengStaff}`,
    ]) {
      const response = await get(xihuAdmin, url);
      expect(response.statusCode).toBe(200);
      expect(response.json().grants ?? response.json().accounts).toEqual([]);
    }
    const detail = await get(xihuAdmin, `/api/identity/organisations/${shangchengDepartment}`);
    expect(detail.statusCode).toBe(403);
    expect(detail.json().code).toBe('identity.outside-scope');
    const change = await send(xihuAdmin, 'PATCH', `/api/identity/organisations/${shangchengDepartment}`, {
      nameZh: '改名',
    });
    expect(change.statusCode).toBe(403);

    // And the other way round.
    const theirs = (await get(shangchengAdmin, '/api/identity/grants')).json().grants;
    expect(theirs.map((g: { accountId: string }) => g.accountId)).toContain(shangchengStaff);
    expect(theirs.every((g: { divisionCode: string }) => g.divisionCode.startsWith(SHANGCHENG))).toBe(true);
  });

  it('lists grants with the masked name, role, division and department, and filters them', async () => {
    const [grant] = (await get(xihuAdmin, `/api/identity/grants?accountId=${xihuStaff}`)).json().grants;
    expect(grant).toMatchObject({
      accountId: xihuStaff,
      accountKind: 'staff',
      maskedName: '李*',
      roleCode: 'registrar',
      roleNameZh: '组织机构登记员',
      divisionCode: township,
      organisationId: xihuDepartment,
      organisationName: '西湖区民政局',
      status: 'active',
      revokedAt: null,
    });
    expect(grant.divisionName).toMatch(/^浙江省杭州市西湖区.+/);
    expect(JSON.stringify(grant)).not.toContain('李四');

    expect((await get(xihuAdmin, '/api/identity/grants?roleCode=auditor')).json().grants).toEqual([]);
    const inTownship = (await get(xihuAdmin, `/api/identity/grants?divisionCode=${township}`)).json().grants;
    expect(inTownship.map((g: { id: string }) => g.id)).toEqual([grant.id]);

    const revoked = await send(xihuAdmin, 'POST', `/api/identity/grants/${grant.id}/revocation`, {
      reason: '岗位调整',
    });
    expect(revoked.statusCode).toBe(204);
    const expiring = await send(xihuAdmin, 'POST', '/api/identity/grants', {
      accountId: xihuStaff,
      roleCode: 'registrar',
      divisionCode: township,
      expiresAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
      reason: '临时登记',
    });
    expect(expiring.statusCode).toBe(201);
    t.clock.advance(2 * 3_600_000);

    const inForce = (await get(xihuAdmin, `/api/identity/grants?accountId=${xihuStaff}`)).json().grants;
    expect(inForce).toEqual([]);
    const all = (
      await get(xihuAdmin, `/api/identity/grants?accountId=${xihuStaff}&includeInactive=true`)
    ).json().grants;
    const statusOf = new Map(all.map((g: { id: string; status: string }) => [g.id, g.status]));
    expect(statusOf.get(grant.id)).toBe('revoked');
    expect(statusOf.get(expiring.json().id)).toBe('expired');
  });

  it('lists accounts masked, with whether a second factor is enrolled, by department and kind', async () => {
    const before = (await get(xihuAdmin, `/api/identity/accounts?organisationId=${xihuDepartment}`)).json();
    expect(before.accounts).toEqual([
      expect.objectContaining({
        id: xihuStaff,
        kind: 'staff',
        status: 'active',
        maskedName: '李*',
        organisationName: '西湖区民政局',
        divisionCode: XIHU,
        divisionName: '浙江省杭州市西湖区',
        hasSecondFactor: false,
      }),
    ]);
    const now = t.clock.now();
    await sql`
      insert into totp_credential (account_id, secret_encrypted, confirmed_at, created_at, updated_at)
      values (${xihuStaff}, 'not read by this test', ${now}, ${now}, ${now})`.execute(t.database.db);
    const after = (await get(xihuAdmin, `/api/identity/accounts?accountId=${xihuStaff}`)).json();
    expect(after.accounts[0].hasSecondFactor).toBe(true);
    expect((await get(xihuAdmin, '/api/identity/accounts?kind=enterprise')).json().accounts).toEqual([]);
  });

  it('pages through grants with a cursor: every row once, in order, whatever the page size (property)', async () => {
    for (let n = 0; n < 7; n++) {
      t.clock.advance(n % 2 === 0 ? 0 : 1_000);
      const response = await send(xihuAdmin, 'POST', '/api/identity/grants', {
        accountId: xihuStaff,
        roleCode: 'registrar',
        divisionCode: XIHU,
        reason: `批量授权 ${n}`,
      });
      expect(response.statusCode).toBe(201);
    }
    const everything = (await get(xihuAdmin, '/api/identity/grants?includeInactive=true&limit=200')).json();
    expect(everything.nextCursor).toBeNull();
    const expected = everything.grants.map((g: { id: string }) => g.id);
    expect(expected.length).toBeGreaterThanOrEqual(8);

    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 9 }), async (limit) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const query: string = `includeInactive=true&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
          const page = (await get(xihuAdmin, `/api/identity/grants?${query}`)).json();
          expect(page.grants.length).toBeLessThanOrEqual(limit);
          seen.push(...page.grants.map((g: { id: string }) => g.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual(expected);
      }),
      { numRuns: 9 },
    );
  });

  it('answers any cursor it did not give out with a 400 naming the cursor, never a 500 (property)', async () => {
    const forged = fc.oneof(
      fc.string({ minLength: 1, maxLength: 80 }),
      fc
        .array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 })
        .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url')),
      fc.tuple(fc.string(), fc.string()).map((key) => Buffer.from(JSON.stringify(key)).toString('base64url')),
    );
    await fc.assert(
      fc.asyncProperty(
        forged,
        fc.constantFrom('grants', 'accounts', 'organisations'),
        async (cursor, list) => {
          const response = await get(xihuAdmin, `/api/identity/${list}?cursor=${encodeURIComponent(cursor)}`);
          expect(response.statusCode).toBe(400);
          expect(response.headers['content-type']).toContain('problem+json');
          expect(response.json().errors[0].pointer).toBe('/cursor');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('lists roles to whoever holds identity.roles.read, and only to them', async () => {
    for (const [code, permissions] of [
      ['grants-only', ['identity.grants.manage']],
      ['grants-and-role-list', ['identity.grants.manage', 'identity.roles.read']],
    ] as const) {
      const created = await send(xihuAdmin, 'POST', '/api/identity/roles', {
        code,
        nameZh: code,
        nameEn: code,
        permissions,
      });
      expect(created.statusCode).toBe(201);
    }
    const grantsOnly = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'grants-only',
      divisionCode: XIHU,
    });
    const withRoleList = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'grants-and-role-list',
      divisionCode: XIHU,
    });
    expect((await get(grantsOnly, '/api/identity/roles')).statusCode).toBe(403);
    const listed = await get(withRoleList, '/api/identity/roles');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().roles.map((role: { code: string }) => role.code)).toContain('grants-and-role-list');
  });

  it('defines roles only from permissions the administrator holds, audited; built-in roles stay as shipped', async () => {
    const catalogue = (await get(xihuAdmin, '/api/identity/permissions')).json().permissions;
    expect(catalogue.map((p: { code: string }) => p.code)).toContain('identity.grants.manage');
    const auditedBefore = await auditCount('identity.role');

    const created = await send(xihuAdmin, 'POST', '/api/identity/roles', {
      code: 'account-reader',
      nameZh: '账户查阅员',
      nameEn: 'Account reader',
      permissions: ['identity.accounts.read'],
    });
    expect(created.statusCode).toBe(201);
    expect(await auditCount('identity.role')).toBe(auditedBefore + 1);
    const roles = (await get(xihuAdmin, '/api/identity/roles')).json().roles;
    expect(roles).toContainEqual(
      expect.objectContaining({
        code: 'account-reader',
        isBuiltIn: false,
        permissions: ['identity.accounts.read'],
      }),
    );

    const again = await send(xihuAdmin, 'POST', '/api/identity/roles', {
      code: 'account-reader',
      nameZh: '重复',
      nameEn: 'Again',
      permissions: ['identity.accounts.read'],
    });
    expect(again.statusCode).toBe(409);
    const escalation = await send(xihuAdmin, 'POST', '/api/identity/roles', {
      code: 'ledger-reader',
      nameZh: '账本查阅',
      nameEn: 'Ledger reader',
      permissions: ['ledger.events.read'],
    });
    expect(escalation.statusCode).toBe(403);
    expect(escalation.json().code).toBe('identity.role-exceeds-own-rights');
    const unknown = await send(xihuAdmin, 'POST', '/api/identity/roles', {
      code: 'dreamer',
      nameZh: '空想',
      nameEn: 'Dreamer',
      permissions: ['identity.dreams.manage'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].pointer).toBe('/permissions');
    const builtIn = await send(xihuAdmin, 'PATCH', '/api/identity/roles/registrar', {
      permissions: ['identity.organisations.manage', 'identity.accounts.read'],
    });
    expect(builtIn.statusCode).toBe(409);
    expect(builtIn.json().code).toBe('identity.role-built-in');
    expect(await auditCount('identity.role')).toBe(auditedBefore + 1);
  });

  it('changes a role only if every grant of it stays within what the editor holds there', async () => {
    const created = await send(shangchengAdmin, 'POST', '/api/identity/roles', {
      code: 'org-keeper',
      nameZh: '机构维护员',
      nameEn: 'Organisation keeper',
      permissions: ['identity.organisations.manage'],
    });
    expect(created.statusCode).toBe(201);
    // Granted in Xihu by Xihu's administrator: Shangcheng's may not widen it there.
    expect(
      (
        await send(xihuAdmin, 'POST', '/api/identity/grants', {
          accountId: xihuStaff,
          roleCode: 'org-keeper',
          divisionCode: XIHU,
          reason: '机构维护',
        })
      ).statusCode,
    ).toBe(201);
    const widen = await send(shangchengAdmin, 'PATCH', '/api/identity/roles/org-keeper', {
      permissions: ['identity.organisations.manage', 'identity.accounts.read'],
    });
    expect(widen.statusCode).toBe(403);
    expect(widen.json().code).toBe('identity.role-change-exceeds-own-rights');

    const accountsBefore = await get(xihuStaff, '/api/identity/accounts');
    expect(accountsBefore.statusCode).toBe(403);
    const widened = await send(xihuAdmin, 'PATCH', '/api/identity/roles/org-keeper', {
      nameEn: 'Organisation and account keeper',
      permissions: ['identity.organisations.manage', 'identity.accounts.read'],
    });
    expect(widened.statusCode).toBe(204);
    // Effective at once: the holder's very next request may read accounts.
    expect((await get(xihuStaff, '/api/identity/accounts')).statusCode).toBe(200);
    const role = (await get(xihuAdmin, '/api/identity/roles'))
      .json()
      .roles.find((r: { code: string }) => r.code === 'org-keeper');
    expect(role).toMatchObject({ nameEn: 'Organisation and account keeper', nameZh: '机构维护员' });
  });

  it('shows, changes and deactivates an organisation, audited, with clear 4xx for bad changes', async () => {
    const detail = await get(xihuAdmin, `/api/identity/organisations/${xihuDepartment}`);
    expect(detail.json()).toMatchObject({
      id: xihuDepartment,
      kind: 'government-department',
      divisionName: '浙江省杭州市西湖区',
      parentId: null,
      isActive: true,
    });
    const child = await send(xihuAdmin, 'POST', '/api/identity/organisations', {
      kind: 'government-department',
      nameZh: '西湖区民政局社会救助科',
      divisionCode: XIHU,
      parentId: xihuDepartment,
    });
    const childId = child.json().id as string;
    const auditedBefore = await auditCount('identity.organisation');

    const cases: [object, string][] = [
      [{ creditCode: '91330100716105852G' }, '/creditCode'],
      // The department's own section as its parent would make a loop.
      [{ parentId: childId }, '/parentId'],
    ];
    for (const [payload, pointer] of cases) {
      const response = await send(
        xihuAdmin,
        'PATCH',
        `/api/identity/organisations/${xihuDepartment}`,
        payload,
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].pointer).toBe(pointer);
    }
    const empty = await send(xihuAdmin, 'PATCH', `/api/identity/organisations/${xihuDepartment}`, {});
    expect(empty.statusCode).toBe(400);

    const changed = await send(xihuAdmin, 'PATCH', `/api/identity/organisations/${xihuDepartment}`, {
      nameEn: 'Xihu Civil Affairs Bureau',
      creditCode: REAL_CREDIT_CODE,
    });
    expect(changed.statusCode).toBe(204);
    const shown = (await get(xihuAdmin, `/api/identity/organisations/${xihuDepartment}`)).json();
    expect(shown).toMatchObject({ nameEn: 'Xihu Civil Affairs Bureau', creditCode: REAL_CREDIT_CODE });
    const childShown = (await get(xihuAdmin, `/api/identity/organisations/${childId}`)).json();
    expect(childShown.parentName).toBe('西湖区民政局');

    // A department with an active section under it stays active until the section is dealt with.
    const inUse = await send(
      xihuAdmin,
      'POST',
      `/api/identity/organisations/${xihuDepartment}/deactivation`,
      {
        reason: '机构撤并',
      },
    );
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().code).toBe('identity.organisation-in-use');
    expect(inUse.json().detail).toContain('1 active department(s) under it');
    expect((await get(xihuAdmin, `/api/identity/organisations/${xihuDepartment}`)).json().isActive).toBe(
      true,
    );

    const deactivate = () =>
      send(xihuAdmin, 'POST', `/api/identity/organisations/${childId}/deactivation`, { reason: '机构撤并' });
    expect((await deactivate()).statusCode).toBe(204);
    expect((await deactivate()).statusCode).toBe(409);
    const afterwards = await send(xihuAdmin, 'PATCH', `/api/identity/organisations/${childId}`, {
      nameZh: '新名',
    });
    expect(afterwards.statusCode).toBe(409);
    expect(afterwards.json().code).toBe('identity.organisation-inactive');
    expect(await auditCount('identity.organisation')).toBe(auditedBefore + 2);
    const active = (await get(xihuAdmin, '/api/identity/organisations?isActive=true')).json().organisations;
    expect(active.map((o: { id: string }) => o.id)).not.toContain(childId);
  });

  it('tells the web app which administration pages the caller may use, and where', async () => {
    const admin = (await get(xihuAdmin, '/api/identity/administration')).json();
    expect(admin).toEqual({
      sections: ['divisions', 'organisations', 'staff', 'roles', 'grants'],
      areas: [{ divisionCode: XIHU, divisionName: '浙江省杭州市西湖区' }],
    });
    const registrar = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'registrar',
      divisionCode: township,
    });
    expect((await get(registrar, '/api/identity/administration')).json().sections).toEqual([
      'divisions',
      'organisations',
    ]);
    const auditor = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'auditor',
      divisionCode: township,
    });
    expect((await get(auditor, '/api/identity/administration')).json().sections).toEqual([
      'divisions',
      'staff',
    ]);
    const calendarAdministrator = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'calendar-administrator',
      divisionCode: '0',
    });
    // The calendar page only: the division tree and the areas belong to identity administration.
    expect((await get(calendarAdministrator, '/api/identity/administration')).json()).toEqual({
      sections: ['calendar'],
      areas: [],
    });
  });
});
