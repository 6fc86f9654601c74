import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { insertAccount, insertOrganisation } from '../access/store.ts';
import { hashPassword } from '../people/passwords.ts';
import { PHONE_INDEX, RESIDENT_ID_INDEX } from '../people/registration.ts';
import { insertPasswordCredential, insertPerson } from '../people/store.ts';
import { GOOD_PASSWORD, phoneFor, registrationBody, residentIdFor } from '../people/test-people.ts';
import { SESSION_COOKIE } from './authenticate.ts';
import { decodeBase32, hotp, stepAt } from './totp.ts';

describe('staff second factor (TOTP)', () => {
  let t: TestApp;
  const staffId = randomUUID();
  const phone = phoneFor(4242);
  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const vault = createVault(t.config.vaultKeys);
    const now = t.clock.now();
    const organisationId = randomUUID();
    await insertOrganisation(db, {
      id: organisationId,
      kind: 'government-department',
      name_zh: '朝阳区政务服务管理局',
      name_en: null,
      division_code: '110105',
      parent_id: null,
      credit_code: null,
      province_code: '11',
      is_active: true,
      created_at: now,
      updated_at: now,
    });
    await insertAccount(db, {
      id: staffId,
      kind: 'staff',
      organisation_id: organisationId,
      division_code: '110105',
      status: 'active',
      province_code: '11',
      created_at: now,
      updated_at: now,
    });
    const at = (column: string) => ({ table: 'person', column, rowId: staffId });
    await insertPerson(db, {
      account_id: staffId,
      name_encrypted: vault.encrypt('赵六', at('name')),
      name_masked: '赵*',
      resident_id_encrypted: vault.encrypt(residentIdFor(4242), at('resident_id')),
      resident_id_index: vault.blindIndex(residentIdFor(4242), RESIDENT_ID_INDEX),
      resident_id_masked: 'masked',
      phone_encrypted: vault.encrypt(phone, at('phone')),
      phone_index: vault.blindIndex(phone, PHONE_INDEX),
      phone_masked: 'masked',
      created_at: now,
      updated_at: now,
    });
    await insertPasswordCredential(db, {
      account_id: staffId,
      password_hash: await hashPassword(GOOD_PASSWORD),
      created_at: now,
      updated_at: now,
    });
    await sql`
      insert into access_grant (id, account_id, role_id, division_code, granted_at)
      select ${randomUUID()}, ${staffId}, id, '110105', ${now} from role where code = 'auditor'`.execute(db);
  });
  afterAll(async () => {
    await t.close();
  });

  const signIn = (payload: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { identifier: phone, password: GOOD_PASSWORD, ...payload },
      remoteAddress: '203.0.113.7',
    });
  const withSession = (token: string) => ({ cookie: `${SESSION_COOKIE}=${token}` });
  const auditTrail = (token: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/ledger/records/identity.account/${staffId}/events`,
      headers: withSession(token),
    });
  const codeNow = (secret: string) => hotp(decodeBase32(secret), stepAt(t.clock.now()));

  let secret = '';

  it('gives a staff session without the second factor no permissions, only enrolment', async () => {
    const response = await signIn({});
    expect(response.statusCode).toBe(201);
    expect(response.json().authenticationMethods).toEqual(['pwd']);
    const token = response.cookies[0]!.value;
    expect((await auditTrail(token)).statusCode).toBe(403);
    const me = (
      await t.app.inject({ method: 'GET', url: '/api/identity/me', headers: withSession(token) })
    ).json();
    expect(me.roles).toEqual([]);
    expect(me.secondFactor).toEqual({ isEnrolled: false, isRequired: true, isProvenInThisSession: false });

    const enrolment = await t.app.inject({
      method: 'POST',
      url: '/api/identity/totp',
      headers: withSession(token),
    });
    expect(enrolment.statusCode).toBe(201);
    secret = enrolment.json().secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.json().otpauthUri).toContain(`secret=${secret}`);
    const stored = await sql<{ secret_encrypted: string }>`
      select secret_encrypted from totp_credential where account_id = ${staffId}`.execute(t.database.db);
    expect(stored.rows[0]!.secret_encrypted).not.toContain(secret);

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/identity/totp/confirmation',
      headers: withSession(token),
      payload: { code: codeNow(secret) === '000000' ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('identity.totp-code-wrong');

    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/identity/totp/confirmation',
      headers: withSession(token),
      payload: { code: codeNow(secret) },
    });
    expect(confirmed.statusCode).toBe(204);
    // Proven now: the grants are in force in this very session.
    expect((await auditTrail(token)).statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/identity/totp',
      headers: withSession(token),
    });
    expect(again.statusCode).toBe(409);
  });

  it('then asks for a code at sign-in, accepts each code once, and counts wrong codes as failures', async () => {
    const withoutCode = await signIn({});
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json().code).toBe('identity.second-factor-required');
    expect(withoutCode.headers['set-cookie']).toBeUndefined();

    // The code used for confirmation is spent: the same time step is refused.
    const reused = await signIn({ otp: codeNow(secret) });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().code).toBe('identity.sign-in-failed');

    t.clock.advance(30_000);
    const code = codeNow(secret);
    const accepted = await signIn({ otp: code });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().authenticationMethods).toEqual(['pwd', 'otp']);
    expect((await auditTrail(accepted.cookies[0]!.value)).statusCode).toBe(200);
    expect((await signIn({ otp: code })).statusCode).toBe(401);

    const failures = await sql<{ failures: number }>`
      select failures from sign_in_throttle where scope = 'account' and subject = ${staffId}`.execute(
      t.database.db,
    );
    expect(failures.rows[0]!.failures).toBe(1);
  });

  it('leaves citizens without a second factor free to sign in with the password', async () => {
    const body = registrationBody(4300);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/identity/registrations', payload: body })).statusCode,
    ).toBe(201);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { identifier: body.phone, password: GOOD_PASSWORD },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().authenticationMethods).toEqual(['pwd']);
  });
});
