import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createAccountWithRole } from '../access/test-actors.ts';
import {
  auditEventsOf,
  bearerOrSession,
  insertTestOrganisation,
  signInCookie,
} from '../people/test-lifecycle.ts';
import { GOOD_PASSWORD, phoneFor, registrationBody, residentIdFor } from '../people/test-people.ts';
import { PASSWORD_RESET_VALIDITY_MS } from './passwords.ts';
import { decodeBase32, hotp, stepAt } from './totp.ts';

const NEW_PASSWORD = 'orchid lantern harbour 42';

describe('password change, administrator reset codes and authenticator reset', () => {
  let t: TestApp;
  let administrator: string;
  let administratorElsewhere: string;
  let department: string;

  beforeAll(async () => {
    t = await createTestApp({ authenticate: bearerOrSession(() => t) });
    department = await insertTestOrganisation(t, {
      kind: 'government-department',
      divisionCode: '110105',
      nameZh: '朝阳区政务服务管理局',
    });
    administrator = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'identity-administrator',
      divisionCode: '110105',
      kind: 'staff',
      organisationId: department,
    });
    administratorElsewhere = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'identity-administrator',
      divisionCode: '110101',
      kind: 'staff',
      organisationId: await insertTestOrganisation(t, {
        kind: 'government-department',
        divisionCode: '110101',
        nameZh: '东城区政务服务管理局',
      }),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const register = async (serial: number) => {
    const body = registrationBody(serial);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/identity/registrations',
      payload: body,
    });
    expect(response.statusCode).toBe(201);
    return { ...body, accountId: response.json().accountId as string };
  };
  const me = (cookie: string) =>
    t.app.inject({ method: 'GET', url: '/api/identity/me', headers: { cookie } });
  const changePassword = (cookie: string, currentPassword: string, newPassword: string) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/identity/me/password',
      headers: { cookie },
      payload: { currentPassword, newPassword },
    });
  const signIn = (identifier: string, password: string, otp?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { identifier, password, ...(otp ? { otp } : {}) },
    });
  const issueReset = (accountId: string, as = administrator, reason = '本人持身份证到窗口申请重置密码') =>
    t.app.inject({
      method: 'POST',
      url: `/api/identity/accounts/${accountId}/password-reset`,
      headers: { authorization: `Bearer ${as}` },
      payload: { reason },
    });
  const completeReset = (code: string, newPassword = NEW_PASSWORD) =>
    t.app.inject({
      method: 'POST',
      url: '/api/identity/password-reset/completion',
      payload: { code, newPassword },
    });

  it('changes the password with the current one, ends the other sessions and keeps this one', async () => {
    const citizen = await register(901);
    const elsewhere = await signInCookie(t, citizen.phone, GOOD_PASSWORD);
    const here = await signInCookie(t, citizen.phone, GOOD_PASSWORD);

    const bad = await changePassword(here, 'not my password', 'password123');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((error: { pointer: string }) => error.pointer)
        .sort(),
    ).toEqual(['/currentPassword', '/newPassword']);
    const ownNumber = await changePassword(here, GOOD_PASSWORD, `my number ${citizen.residentId}`);
    expect(ownNumber.json().errors[0].detail).toContain('(personal-data)');
    const same = await changePassword(here, GOOD_PASSWORD, GOOD_PASSWORD);
    expect(same.json().errors[0]).toMatchObject({ pointer: '/newPassword' });

    const changed = await changePassword(here, GOOD_PASSWORD, NEW_PASSWORD);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({ endedSessions: 1 });
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await me(here)).statusCode).toBe(200);
    expect((await signIn(citizen.phone, GOOD_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(citizen.phone, NEW_PASSWORD)).statusCode).toBe(201);
    const actions = (await auditEventsOf(t, citizen.accountId)).map((event) => event.action);
    expect(actions).toContain('identity.password.changed');
    const anonymous = await t.app.inject({
      method: 'PUT',
      url: '/api/identity/me/password',
      payload: { currentPassword: NEW_PASSWORD, newPassword: GOOD_PASSWORD },
    });
    expect(anonymous.statusCode).toBe(401);
    const shape = await t.app.inject({
      method: 'PUT',
      url: '/api/identity/me/password',
      headers: { cookie: here },
      payload: { newPassword: GOOD_PASSWORD },
    });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().code).toBe('validation-failed');
  });

  it('counts wrong current passwords against the account, like failed sign-ins', async () => {
    const citizen = await register(902);
    const cookie = await signInCookie(t, citizen.phone, GOOD_PASSWORD);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await changePassword(cookie, `wrong guess ${attempt}`, NEW_PASSWORD)).statusCode).toBe(400);
    }
    const blocked = await changePassword(cookie, GOOD_PASSWORD, NEW_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn(citizen.phone, GOOD_PASSWORD)).statusCode).toBe(429);
  });

  it('issues a reset code shown once and stored hashed; the holder sets a new password and every session ends', async () => {
    const citizen = await register(903);
    const cookie = await signInCookie(t, citizen.phone, GOOD_PASSWORD);
    const issued = await issueReset(citizen.accountId);
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.headers['cache-control']).toBe('no-store');
    const { code, resetId } = issued.json();
    expect(code).toMatch(/^([A-Z2-7]{4}-){5}[A-Z2-7]{4}$/);
    const stored = await sql<{ row: string }>`select password_reset::text as row from password_reset`.execute(
      t.database.db,
    );
    for (const row of stored.rows) {
      expect(row.row).not.toContain(code);
      expect(row.row).not.toContain(code.replaceAll('-', ''));
    }
    // Issuing changes nothing yet: the old password and session still work.
    expect((await me(cookie)).statusCode).toBe(200);

    const weak = await completeReset(code, 'password123');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].pointer).toBe('/newPassword');
    // Typed in lower case without dashes, it is the same code, still unused.
    const done = await completeReset(code.replaceAll('-', '').toLowerCase());
    expect(done.statusCode, done.body).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await signIn(citizen.phone, GOOD_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(citizen.phone, NEW_PASSWORD)).statusCode).toBe(201);

    const reused = await completeReset(code, 'another fine passphrase');
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('identity.reset-code-invalid');
    const events = await auditEventsOf(t, citizen.accountId);
    expect(events.find((event) => event.action === 'identity.password.reset-issued')).toMatchObject({
      actor: { kind: 'staff', id: administrator },
      reason: '本人持身份证到窗口申请重置密码',
    });
    expect(events.find((event) => event.action === 'identity.password.reset-completed')).toMatchObject({
      actor: { kind: 'citizen', id: citizen.accountId },
    });
    expect(JSON.stringify(events)).not.toContain(code);
    expect(resetId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses expired and replaced codes', async () => {
    const citizen = await register(904);
    const first = (await issueReset(citizen.accountId)).json().code;
    const second = (await issueReset(citizen.accountId)).json().code;
    expect((await completeReset(first)).statusCode).toBe(400);
    t.clock.advance(PASSWORD_RESET_VALIDITY_MS);
    expect((await completeReset(second)).statusCode).toBe(400);
    expect((await signIn(citizen.phone, GOOD_PASSWORD)).statusCode).toBe(201);
  });

  it('lets only an administrator of the area issue codes, never for their own account, with a reason', async () => {
    const citizen = await register(905);
    const citizenCookie = await signInCookie(t, citizen.phone, GOOD_PASSWORD);
    expect((await issueReset(citizen.accountId, administratorElsewhere)).statusCode).toBe(403);
    expect((await issueReset(randomUUID())).statusCode).toBe(404);
    expect((await issueReset(administrator)).statusCode).toBe(409);
    const noReason = await issueReset(citizen.accountId, administrator, '');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].pointer).toBe('/reason');
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/identity/accounts/${citizen.accountId}/password-reset`,
      payload: { reason: '忘记密码' },
    });
    expect(anonymous.statusCode).toBe(401);
    const asCitizen = await t.app.inject({
      method: 'POST',
      url: `/api/identity/accounts/${citizen.accountId}/password-reset`,
      headers: { cookie: citizenCookie },
      payload: { reason: '忘记密码' },
    });
    expect(asCitizen.statusCode).toBe(403);
    expect((await completeReset('')).statusCode).toBe(400);
  });

  it('resets a lost authenticator: sessions end and the member of staff must enrol again', async () => {
    const staffPhone = phoneFor(906);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/identity/staff',
      headers: { authorization: `Bearer ${administrator}` },
      payload: {
        organisationId: department,
        name: '孙立',
        residentId: residentIdFor(906, '19850101'),
        phone: staffPhone,
        password: GOOD_PASSWORD,
      },
    });
    expect(created.statusCode).toBe(201);
    const staffId = created.json().accountId;
    const firstCookie = await signInCookie(t, staffPhone, GOOD_PASSWORD);
    // Before enrolling, this session may do nothing but enrol.
    const tooEarly = await changePassword(firstCookie, GOOD_PASSWORD, NEW_PASSWORD);
    expect(tooEarly.statusCode).toBe(403);
    expect(tooEarly.json().code).toBe('identity.second-factor-enrolment-required');
    const { secret } = (
      await t.app.inject({ method: 'POST', url: '/api/identity/totp', headers: { cookie: firstCookie } })
    ).json();
    const codeNow = () => hotp(decodeBase32(secret), stepAt(t.clock.now()));
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/identity/totp/confirmation',
      headers: { cookie: firstCookie },
      payload: { code: codeNow() },
    });
    expect(confirmed.statusCode).toBe(204);
    expect((await signIn(staffPhone, GOOD_PASSWORD)).json().code).toBe('identity.second-factor-required');

    const reset = (as: string, reason = '手机遗失，本人到场核验身份') =>
      t.app.inject({
        method: 'POST',
        url: `/api/identity/accounts/${staffId}/second-factor-reset`,
        headers: { authorization: `Bearer ${as}` },
        payload: { reason },
      });
    expect((await reset(administratorElsewhere)).statusCode).toBe(403);
    expect((await reset(administrator, 'no')).statusCode).toBe(400);
    const done = await reset(administrator);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ endedSessions: 1 });
    expect((await me(firstCookie)).statusCode).toBe(401);
    expect((await reset(administrator)).statusCode).toBe(409);

    // The password alone signs in again, to a session that can only enrol.
    const after = await signInCookie(t, staffPhone, GOOD_PASSWORD);
    const description = (await me(after)).json();
    expect(description.secondFactor).toEqual({
      isEnrolled: false,
      isRequired: true,
      isProvenInThisSession: false,
    });
    expect(description.roles).toEqual([]);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/identity/totp', headers: { cookie: after } }))
        .statusCode,
    ).toBe(201);
    const event = (await auditEventsOf(t, staffId)).find((entry) => entry.action === 'identity.totp.reset');
    expect(event).toMatchObject({ actor: { id: administrator }, reason: '手机遗失，本人到场核验身份' });
  });
});
