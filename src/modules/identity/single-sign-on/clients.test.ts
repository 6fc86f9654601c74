import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { insertOrganisation } from '../access/store.ts';
import { actorFromBearer, createAccountWithRole } from '../access/test-actors.ts';
import { checkRedirectUris } from './clients.ts';

describe('single sign-on clients: administrators register, change and disable them', () => {
  let t: TestApp;
  let admin: string;
  let otherCountyAdmin: string;
  let organisationId: string;
  beforeAll(async () => {
    t = await createTestApp({ authenticate: (request) => actorFromBearer(request, t.database.db, t.clock) });
    admin = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'identity-administrator',
      divisionCode: '110105',
    });
    otherCountyAdmin = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'identity-administrator',
      divisionCode: '110101',
    });
    organisationId = randomUUID();
    const now = t.clock.now();
    await insertOrganisation(t.database.db, {
      id: organisationId,
      kind: 'government-department',
      name_zh: '朝阳区不动产登记中心',
      name_en: null,
      division_code: '110105',
      parent_id: null,
      credit_code: null,
      province_code: '11',
      is_active: true,
      created_at: now,
      updated_at: now,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });
  const register = (accountId: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/identity/sso-clients', headers: as(accountId), payload });
  const valid = () => ({
    nameZh: '不动产登记系统',
    organisationId,
    kind: 'confidential',
    redirectUris: ['https://bdc.example.gov.cn/oidc/callback'],
    postLogoutRedirectUris: ['https://bdc.example.gov.cn/'],
  });
  const auditActions = async (clientId: string) =>
    (
      await sql<{ action: string }>`
        select convert_from(entry, 'UTF8')::jsonb ->> 'action' as action from ledger_pending
        where record_type = 'identity.sso-client' and record_id = ${clientId} order by id
      `.execute(t.database.db)
    ).rows.map((row) => row.action);

  it('registers a confidential client: the secret is shown once and only its hash is kept, audited', async () => {
    const response = await register(admin, valid());
    expect(response.statusCode).toBe(201);
    const { clientId, clientSecret } = response.json();
    expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await sql<{
      secret_hash: string;
    }>`select secret_hash from sso_client where id = ${clientId}`.execute(t.database.db);
    expect(stored.rows[0]!.secret_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(stored.rows[0]!.secret_hash).not.toContain(clientSecret);
    expect(await auditActions(clientId)).toEqual(['identity.sso-client.registered']);

    const list = await t.app.inject({ url: '/api/identity/sso-clients', headers: as(admin) });
    const listed = list.json().clients.find((client: { clientId: string }) => client.clientId === clientId);
    expect(listed).toMatchObject({
      kind: 'confidential',
      status: 'active',
      organisationNameZh: '朝阳区不动产登记中心',
    });
    expect(JSON.stringify(list.json())).not.toContain(clientSecret);
  });

  it('registers a public client without a secret, with plain http only on loopback', async () => {
    const response = await register(admin, {
      ...valid(),
      kind: 'public',
      redirectUris: [
        'http://127.0.0.1:8400/callback',
        'http://localhost:8400/callback',
        'http://[::1]:8400/cb',
      ],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().clientSecret).toBeNull();
  });

  it('refuses redirect URIs that are not exact https addresses, naming each, and stores nothing', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from sso_client`.execute(t.database.db);
    const response = await register(admin, {
      ...valid(),
      redirectUris: [
        'https://*.example.gov.cn/callback',
        'http://bdc.example.gov.cn/callback',
        'https://bdc.example.gov.cn/callback#done',
        '/callback',
        'https://user:pw@bdc.example.gov.cn/callback',
      ],
      postLogoutRedirectUris: ['https://bdc.example.gov.cn/', 'https://bdc.example.gov.cn/'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('problem+json');
    const problem = response.json();
    expect(problem.code).toBe('identity.invalid-sso-client');
    expect(problem.errors.map((error: { pointer: string }) => error.pointer)).toEqual([
      '/redirectUris/0',
      '/redirectUris/1',
      '/redirectUris/2',
      '/redirectUris/3',
      '/redirectUris/4',
      '/postLogoutRedirectUris/1',
    ]);
    const after = await sql<{ n: number }>`select count(*)::int as n from sso_client`.execute(t.database.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('refuses shapes that are wrong before looking further', async () => {
    const noUris = await register(admin, { ...valid(), redirectUris: [] });
    expect(noUris.statusCode).toBe(400);
    const unknownKind = await register(admin, { ...valid(), kind: 'trusted' });
    expect(unknownKind.statusCode).toBe(400);
    const unknownOrganisation = await register(admin, { ...valid(), organisationId: randomUUID() });
    expect(unknownOrganisation.statusCode).toBe(400);
    expect(unknownOrganisation.json().errors[0].pointer).toBe('/organisationId');
  });

  it('keeps administrators to clients of organisations in their own area', async () => {
    const outside = await register(otherCountyAdmin, valid());
    expect(outside.statusCode).toBe(403);
    const { clientId } = (await register(admin, valid())).json();
    const list = await t.app.inject({ url: '/api/identity/sso-clients', headers: as(otherCountyAdmin) });
    expect(list.json().clients).toEqual([]);
    const change = await t.app.inject({
      method: 'PATCH',
      url: `/api/identity/sso-clients/${clientId}`,
      headers: as(otherCountyAdmin),
      payload: { nameZh: '别人的系统' },
    });
    expect(change.statusCode).toBe(404);
  });

  it('changes redirect URIs and disables a client, each audited; a disabled client stays disabled', async () => {
    const { clientId } = (await register(admin, valid())).json();
    const change = await t.app.inject({
      method: 'PATCH',
      url: `/api/identity/sso-clients/${clientId}`,
      headers: as(admin),
      payload: { redirectUris: ['https://bdc.example.gov.cn/new-callback'], nameEn: 'Property registry' },
    });
    expect(change.statusCode).toBe(200);
    expect(change.json()).toMatchObject({
      redirectUris: ['https://bdc.example.gov.cn/new-callback'],
      nameEn: 'Property registry',
    });
    const badChange = await t.app.inject({
      method: 'PATCH',
      url: `/api/identity/sso-clients/${clientId}`,
      headers: as(admin),
      payload: { redirectUris: ['https://bdc.example.gov.cn/*'] },
    });
    expect(badChange.statusCode).toBe(400);

    const disable = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/identity/sso-clients/${clientId}/disabling`,
        headers: as(admin),
        payload: { reason: '系统下线' },
      });
    expect((await disable()).statusCode).toBe(204);
    expect((await disable()).statusCode).toBe(409);
    expect(await auditActions(clientId)).toEqual([
      'identity.sso-client.registered',
      'identity.sso-client.changed',
      'identity.sso-client.disabled',
    ]);
  });
});

describe('redirect URI rules', () => {
  const host = fc.domain().filter((domain) => !domain.includes('*'));
  const path = fc.webPath().filter((p) => !p.includes('*') && !p.includes('#'));

  it('accepts every https address without wildcard or fragment', () => {
    fc.assert(
      fc.property(host, path, (domain, webPath) => {
        expect(checkRedirectUris([`https://${domain}${webPath}`], '/redirectUris')).toEqual([]);
      }),
    );
  });

  it('refuses plain http anywhere but the loopback interface', () => {
    fc.assert(
      fc.property(
        host.filter((domain) => domain !== 'localhost'),
        path,
        (domain, webPath) => {
          const problems = checkRedirectUris([`http://${domain}${webPath}`], '/redirectUris');
          expect(problems.map((problem) => problem.pointer)).toEqual(['/redirectUris/0']);
        },
      ),
    );
  });
});
