import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { GOOD_PASSWORD, registrationBody } from '../people/test-people.ts';
import { SESSION_COOKIE } from './authenticate.ts';

const MINUTE = 60_000;

/** Counts the password checks sign-in makes, without changing them (the hashes still run for real). */
const passwordChecks = vi.hoisted(() => ({ real: 0, againstNothing: 0 }));
vi.mock('../people/passwords.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../people/passwords.ts')>();
  return {
    ...original,
    verifyPassword: (hash: string, password: string) => {
      passwordChecks.real += 1;
      return original.verifyPassword(hash, password);
    },
    verifyAgainstNothing: (password: string) => {
      passwordChecks.againstNothing += 1;
      return original.verifyAgainstNothing(password);
    },
  };
});

describe('sign-in and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  let nextAddress = 1;
  /** Each test signs in from its own address, so per-address throttling of one test spares the others. */
  const newAddress = () => `192.0.2.${nextAddress++}`;

  async function registered(serial: number, overrides: Record<string, unknown> = {}) {
    const body = registrationBody(serial, overrides);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/identity/registrations',
      payload: body,
    });
    expect(response.statusCode).toBe(201);
    return { ...body, accountId: response.json().accountId as string };
  }

  const signIn = (
    identifier: string,
    password: string,
    options: { address?: string; cookie?: string } = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { identifier, password },
      remoteAddress: options.address ?? '198.51.100.1',
      headers: {
        'user-agent': 'Mozilla/5.0 test',
        ...(options.cookie ? { cookie: `${SESSION_COOKIE}=${options.cookie}` } : {}),
      },
    });

  async function session(identifier: string, password = GOOD_PASSWORD) {
    const response = await signIn(identifier, password, { address: newAddress() });
    expect(response.statusCode).toBe(201);
    return response.cookies.find((cookie) => cookie.name === SESSION_COOKIE)!.value;
  }

  const me = (token: string) =>
    t.app.inject({
      method: 'GET',
      url: '/api/identity/me',
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });

  const auditActions = async (recordId: string) => {
    const rows = await sql<{ entry: Uint8Array }>`select entry from ledger_pending order by id`.execute(
      t.database.db,
    );
    return rows.rows
      .map((row) => JSON.parse(Buffer.from(row.entry).toString('utf8')))
      .filter((event) => event.record.id === recordId || event.actor.id === recordId)
      .map((event) => event.action as string);
  };

  it('signs in by ID number or phone and sets a __Host- session cookie with the right attributes', async () => {
    const person = await registered(1);
    for (const identifier of [person.residentId, person.phone, `+86 ${person.phone}`]) {
      const response = await signIn(identifier, GOOD_PASSWORD, { address: newAddress() });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ accountId: person.accountId, idleTimeoutSeconds: 1800 });
      const setCookie = String(response.headers['set-cookie']);
      expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
      for (const attribute of ['Path=/', 'Secure', 'HttpOnly', 'SameSite=Lax', 'Max-Age=43200']) {
        expect(setCookie).toContain(attribute);
      }
      expect(setCookie).not.toContain('Domain');
      const token = response.cookies[0]!.value;
      const stored = await sql<{ n: number }>`
        select count(*)::int as n from session where token_hash = sha256(${Buffer.from(token)})`.execute(
        t.database.db,
      );
      expect(stored.rows[0]!.n).toBe(1);
      const plain = await sql<{ n: number }>`
        select count(*)::int as n from session where encode(token_hash, 'escape') like ${`%${token}%`}`.execute(
        t.database.db,
      );
      expect(plain.rows[0]!.n).toBe(0);
    }
    expect(await auditActions(person.accountId)).toContain('identity.session.signed-in');
  });

  it('answers a wrong password, an unknown account and a malformed identifier identically', async () => {
    const person = await registered(2);
    const answers = [
      await signIn(person.residentId, 'wrong password here', { address: newAddress() }),
      await signIn(registrationBody(9999).residentId, 'wrong password here', { address: newAddress() }),
      await signIn('not an identifier', 'wrong password here', { address: newAddress() }),
      await signIn(person.phone, 'wrong password here', { address: newAddress() }),
    ];
    const shapes = answers.map((answer) => {
      const { requestId: _requestId, ...rest } = answer.json();
      return { status: answer.statusCode, headers: answer.headers['set-cookie'], ...rest };
    });
    expect(shapes[0]).toMatchObject({ status: 401, code: 'identity.sign-in-failed' });
    for (const shape of shapes.slice(1)) expect(shape).toEqual(shapes[0]);
  });

  it('does the same work for an unknown account as for a wrong password: one full password check', async () => {
    const person = await registered(3);
    const before = { ...passwordChecks };
    const known = await signIn(person.phone, 'wrong password here', { address: newAddress() });
    const unknown = await signIn(registrationBody(9998).phone, 'wrong password here', {
      address: newAddress(),
    });
    expect(known.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(known.json().detail);
    // Without the check against nothing, the unknown account would answer without hashing, and the
    // quicker answer would tell that nobody has that phone number.
    expect(passwordChecks.real - before.real).toBe(1);
    expect(passwordChecks.againstNothing - before.againstNothing).toBe(1);
  });

  it('throttles an account after 5 failures, with Retry-After and exponential back-off', async () => {
    const person = await registered(4);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await signIn(person.phone, `wrong password ${attempt}`, { address: newAddress() });
      expect(response.statusCode).toBe(401);
    }
    const refused = await signIn(person.phone, GOOD_PASSWORD, { address: newAddress() });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.json().code).toBe('identity.sign-in-throttled');
    // The same account by its other identifier is the same account.
    expect((await signIn(person.residentId, GOOD_PASSWORD, { address: newAddress() })).statusCode).toBe(429);

    t.clock.advance(31_000);
    expect((await signIn(person.phone, 'wrong again 6', { address: newAddress() })).statusCode).toBe(401);
    const doubled = await signIn(person.phone, GOOD_PASSWORD, { address: newAddress() });
    expect(doubled.statusCode).toBe(429);
    expect(doubled.headers['retry-after']).toBe('60');

    t.clock.advance(61_000);
    expect((await signIn(person.phone, GOOD_PASSWORD, { address: newAddress() })).statusCode).toBe(201);
    // Success clears the count: one more failure is not blocked at once.
    expect((await signIn(person.phone, 'wrong once more', { address: newAddress() })).statusCode).toBe(401);
    expect((await signIn(person.phone, GOOD_PASSWORD, { address: newAddress() })).statusCode).toBe(201);

    const counted = await sql<{ refused: string }>`
      select sum(refused_while_blocked)::text as refused from sign_in_throttle where scope = 'account'`.execute(
      t.database.db,
    );
    expect(Number(counted.rows[0]!.refused)).toBeGreaterThanOrEqual(3);
  });

  it('throttles unknown accounts the same way, so throttling reveals nothing', async () => {
    const unknown = registrationBody(9997).phone;
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await signIn(unknown, `guess ${attempt}`, { address: newAddress() })).statusCode).toBe(401);
    }
    const refused = await signIn(unknown, 'guess 6', { address: newAddress() });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('30');
  });

  it('throttles a client address that guesses across many accounts', async () => {
    const address = newAddress();
    for (let attempt = 0; attempt < 20; attempt++) {
      const response = await signIn(registrationBody(5000 + attempt).phone, 'some guess 123', { address });
      expect(response.statusCode).toBe(401);
    }
    const person = await registered(5);
    const refused = await signIn(person.phone, GOOD_PASSWORD, { address });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn(person.phone, GOOD_PASSWORD, { address: newAddress() })).statusCode).toBe(201);
    const stored = await sql<{
      subject: string;
    }>`select subject from sign_in_throttle where scope = 'client'`.execute(t.database.db);
    expect(stored.rows.map((row) => row.subject).join()).not.toContain(address);
  });

  it('shows the signed-in account with masked data only, and its live sessions', async () => {
    const person = await registered(6, { name: '张三丰' });
    const other = await session(person.phone);
    const token = await session(person.residentId);
    const response = await me(token);
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    expect(answer).toMatchObject({
      accountId: person.accountId,
      kind: 'citizen',
      status: 'active',
      divisionCode: '110105',
      person: {
        maskedName: '张*',
        maskedResidentId: `110***********${person.residentId.slice(-4)}`,
        maskedPhone: `139****${person.phone.slice(-4)}`,
      },
    });
    expect(answer.sessions).toHaveLength(2);
    expect(answer.sessions.filter((s: { isCurrent: boolean }) => s.isCurrent)).toHaveLength(1);
    expect(answer.sessions[0]).toMatchObject({
      authenticationMethods: ['pwd'],
      userAgent: 'Mozilla/5.0 test',
    });
    for (const secret of [person.residentId, person.phone, '张三丰', person.password, token, other]) {
      expect(response.body).not.toContain(secret);
    }
  });

  it('refuses /me without a session, with a made-up token and with a malformed cookie', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/identity/me' })).statusCode).toBe(401);
    expect((await me('A'.repeat(43))).statusCode).toBe(401);
    expect((await me('not a token')).statusCode).toBe(401);
  });

  it('ends a session after 30 idle minutes, and keeps an active one alive', async () => {
    const person = await registered(7);
    const token = await session(person.phone);
    t.clock.advance(29 * MINUTE);
    expect((await me(token)).statusCode).toBe(200);
    t.clock.advance(29 * MINUTE);
    expect((await me(token)).statusCode).toBe(200);
    t.clock.advance(30 * MINUTE);
    expect((await me(token)).statusCode).toBe(401);
  });

  it('ends a session 12 hours after sign-in, however active', async () => {
    const person = await registered(8);
    const token = await session(person.phone);
    for (let elapsed = 20; elapsed < 12 * 60; elapsed += 20) {
      t.clock.advance(20 * MINUTE);
      expect((await me(token)).statusCode).toBe(200);
    }
    t.clock.advance(20 * MINUTE);
    expect((await me(token)).statusCode).toBe(401);
  });

  it('rotates at sign-in: the session the browser presented ends', async () => {
    const person = await registered(9);
    const before = await session(person.phone);
    const response = await signIn(person.phone, GOOD_PASSWORD, { address: newAddress(), cookie: before });
    expect(response.statusCode).toBe(201);
    const after = response.cookies[0]!.value;
    expect(after).not.toBe(before);
    expect((await me(before)).statusCode).toBe(401);
    expect((await me(after)).statusCode).toBe(200);
    expect(await auditActions(person.accountId)).toContain('identity.session.replaced');
  });

  it('signs out of one session, clearing the cookie', async () => {
    const person = await registered(10);
    const token = await session(person.phone);
    const kept = await session(person.phone);
    const response = await t.app.inject({
      method: 'DELETE',
      url: '/api/identity/sessions/current',
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    expect(response.statusCode).toBe(200);
    const cleared = String(response.headers['set-cookie']);
    expect(cleared).toContain(`${SESSION_COOKIE}=;`);
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect((await me(token)).statusCode).toBe(401);
    expect((await me(kept)).statusCode).toBe(200);
    expect(await auditActions(person.accountId)).toContain('identity.session.signed-out');
  });

  it('signs out everywhere', async () => {
    const person = await registered(11);
    const tokens = [
      await session(person.phone),
      await session(person.residentId),
      await session(person.phone),
    ];
    const response = await t.app.inject({
      method: 'DELETE',
      url: '/api/identity/sessions',
      headers: { cookie: `${SESSION_COOKIE}=${tokens[1]}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ endedSessions: 3 });
    for (const token of tokens) expect((await me(token)).statusCode).toBe(401);
    expect(await auditActions(person.accountId)).toContain('identity.session.signed-out-everywhere');
  });

  it('refuses the session of a disabled account at once, and its password too', async () => {
    const person = await registered(12);
    const token = await session(person.phone);
    expect((await me(token)).statusCode).toBe(200);
    await sql`update account set status = 'disabled' where id = ${person.accountId}`.execute(t.database.db);
    expect((await me(token)).statusCode).toBe(401);
    const again = await signIn(person.phone, GOOD_PASSWORD, { address: newAddress() });
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('identity.sign-in-failed');
  });

  it('refuses sign-in bodies of the wrong shape with 400', async () => {
    for (const payload of [
      {},
      { identifier: 1, password: 'x' },
      { identifier: 'x', password: 'y', more: 1 },
    ]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/identity/sessions', payload });
      expect(response.statusCode).toBe(400);
    }
  });
});
