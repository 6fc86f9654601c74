import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { checkNewPassword } from './passwords.ts';
import { GOOD_PASSWORD, phoneFor, registrationBody, residentIdFor } from './test-people.ts';

describe('citizen registration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const register = (body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/identity/registrations', payload: body as object, headers });
  const count = async (table: 'account' | 'person' | 'password_credential') =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.database.db))
      .rows[0]!.n;

  it('registers a citizen and answers with masked values only', async () => {
    const body = registrationBody(1, { name: '欧阳修' });
    const response = await register(body);
    expect(response.statusCode).toBe(201);
    const answer = response.json();
    expect(answer).toMatchObject({
      kind: 'citizen',
      divisionCode: '110105',
      person: {
        maskedName: '欧阳*',
        maskedResidentId: '110***********0010'.replace(/0010$/, body.residentId.slice(-4)),
      },
    });
    expect(answer.person.maskedPhone).toBe(`139****${body.phone.slice(-4)}`);
    for (const secret of [body.residentId, body.phone, body.password, '欧阳修']) {
      expect(response.body).not.toContain(secret);
    }
    const account = await sql<{ kind: string; status: string; province_code: string }>`
      select kind, status, province_code from account where id = ${answer.accountId}`.execute(t.database.db);
    expect(account.rows[0]).toEqual({ kind: 'citizen', status: 'active', province_code: '11' });
    const credential = await sql<{ password_hash: string }>`
      select password_hash from password_credential where account_id = ${answer.accountId}`.execute(
      t.database.db,
    );
    expect(credential.rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('records the registration in the audit log, without personal data', async () => {
    const body = registrationBody(2);
    const answer = (await register(body)).json();
    const pending = await sql<{ entry: Uint8Array }>`select entry from ledger_pending`.execute(t.database.db);
    const events = pending.rows.map((row) => Buffer.from(row.entry).toString('utf8'));
    const mine = events.filter((event) => event.includes(answer.accountId));
    expect(mine).toHaveLength(1);
    expect(JSON.parse(mine[0]!)).toMatchObject({
      action: 'identity.account.registered',
      actor: { kind: 'citizen', id: answer.accountId },
      record: { type: 'identity.account', id: answer.accountId },
    });
    for (const secret of [body.residentId, body.phone, body.name]) expect(mine[0]).not.toContain(secret);
  });

  it('converts a 15-digit legacy number and finds it again as the 18-digit one', async () => {
    const eighteen = residentIdFor(3, '19700505');
    const fifteen = eighteen.slice(0, 6) + eighteen.slice(8, 17);
    const response = await register(registrationBody(3, { residentId: fifteen }));
    expect(response.statusCode).toBe(201);
    expect(response.json().person.maskedResidentId).toBe(`110***********${eighteen.slice(-4)}`);
    const again = await register(registrationBody(4, { residentId: eighteen }));
    expect(again.statusCode).toBe(409);
  });

  it('answers 409 for an ID number already registered, without saying whose', async () => {
    const before = await count('account');
    const response = await register(registrationBody(1, { phone: phoneFor(501), name: '李四' }));
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      code: 'identity.resident-id-already-registered',
      errors: [{ in: 'body', pointer: '/residentId' }],
    });
    expect(response.body).not.toContain('欧阳');
    expect(response.body).not.toContain(phoneFor(1).slice(-4));
    expect(await count('account')).toBe(before);
  });

  it('answers 409 for a phone number another account uses', async () => {
    const response = await register(registrationBody(502, { phone: phoneFor(2) }));
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('identity.phone-already-registered');
  });

  it('points at every bad field at once, with the reason code of the ID number', async () => {
    const badCheck = `${residentIdFor(7).slice(0, 17)}${residentIdFor(7).endsWith('1') ? '2' : '1'}`;
    const response = await register({
      name: ' \u0007 ',
      residentId: badCheck,
      phone: '12345',
      password: 'short',
      divisionCode: '999999',
    });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.code).toBe('identity.invalid-registration');
    const byPointer = Object.fromEntries(
      (problem.errors as Array<{ pointer: string; detail: string }>).map((e) => [e.pointer, e.detail]),
    );
    expect(Object.keys(byPointer).sort()).toEqual([
      '/divisionCode',
      '/name',
      '/password',
      '/phone',
      '/residentId',
    ]);
    expect(byPointer['/residentId']).toContain('bad-check-digit');
    expect(byPointer['/phone']).toContain('wrong-length');
    expect(byPointer['/password']).toContain('too-short');
    expect(response.body).not.toContain(badCheck);
  });

  it.each([
    ['wrong-length', '1101051990010'],
    ['bad-characters', '11010519900101001A'],
    ['bad-birth-date', `${'110105'}19900231001X`],
    ['bad-birth-date', residentIdFor(8, '20300101')],
  ])('refuses an ID number with %s', async (reason, residentId) => {
    const response = await register(registrationBody(600, { residentId }));
    expect(response.statusCode).toBe(400);
    const [field] = response.json().errors;
    expect(field).toMatchObject({ in: 'body', pointer: '/residentId' });
    expect(field.detail).toContain(reason);
  });

  it.each([
    ['too-short', 'abc def 1'],
    ['common', 'Password123'],
    ['common', 'qwertyuiop'],
    ['repetitive', 'aaaaaaaaaaaa'],
    ['repetitive', '0123456789'],
    ['personal-data', residentIdFor(610)],
    ['personal-data', `my phone ${phoneFor(610)}`],
  ])('refuses a %s password', async (reason, password) => {
    const response = await register(registrationBody(610, { password }));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ pointer: '/password', detail: expect.stringContaining(reason) }),
    ]);
  });

  it('refuses a division that does not exist, the nation, and a placeholder row', async () => {
    for (const divisionCode of ['999999', '0', '1101']) {
      const response = await register(registrationBody(620, { divisionCode }));
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].pointer).toBe('/divisionCode');
    }
  });

  it('refuses bodies of the wrong shape before looking at them', async () => {
    for (const [payload, pointer] of [
      [{ ...registrationBody(630), extra: 1 }, '/extra'],
      [{ ...registrationBody(630), residentId: 110105 }, '/residentId'],
      [{ ...registrationBody(630), divisionCode: 'x' }, '/divisionCode'],
      [{ name: '王五' }, '/residentId'],
    ] as const) {
      const response = await register(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('validation-failed');
      expect(response.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
  });

  it('answers a retry with the same Idempotency-Key with the first answer, creating one account', async () => {
    const body = registrationBody(700);
    const headers = { 'idempotency-key': 'c5d1a2a4-6a0e-4a1e-9d93-4a9b1d3d7001' };
    const before = await count('account');
    const first = await register(body, headers);
    const second = await register(body, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await count('account')).toBe(before + 1);

    const other = await register(registrationBody(701), headers);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency-key-reused');
  });

  it('creates one account when the same keyed submission arrives twice at once', async () => {
    const body = registrationBody(710);
    const headers = { 'idempotency-key': 'concurrent-710' };
    const before = await count('account');
    const answers = await Promise.all([register(body, headers), register(body, headers)]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201]);
    expect(answers[1]!.json().accountId).toBe(answers[0]!.json().accountId);
    expect(await count('account')).toBe(before + 1);
  });

  it('keeps no plaintext ID number, phone or name anywhere in the database', async () => {
    const body = registrationBody(720, { name: '张三丰' });
    expect((await register(body, { 'idempotency-key': 'dump-720' })).statusCode).toBe(201);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.database.db);
    expect(tables.rows.map((row) => row.table_name)).toContain('person');
    let dump = '';
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(table_name)} t`.execute(
        t.database.db,
      );
      dump += rows.rows.map((row) => row.row).join('\n');
    }
    // bytea columns print as \x… hex: look for the values' hex too.
    const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');
    for (const secret of [body.residentId, body.phone, '张三丰', body.password]) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(hex(secret));
    }
    expect(dump).toContain(`139****${body.phone.slice(-4)}`);
  });

  it('never answers a random registration body with a 500', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.stringMatching(/^\d{15,18}[Xx]?$/),
      fc.constant(residentIdFor(800)),
    );
    const value = fc.oneof(text, fc.integer(), fc.constant(null), fc.boolean());
    const body = fc.record(
      {
        name: value,
        residentId: value,
        phone: fc.oneof(value, fc.stringMatching(/^1[3-9]\d{9}$/)),
        password: fc.oneof(value, fc.constant(GOOD_PASSWORD)),
        divisionCode: fc.oneof(value, fc.constantFrom('110105', '11', '0', '1101')),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const response = await register(payload);
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});

describe('password rules', () => {
  it('accepts a long passphrase with no particular composition', () => {
    expect(checkNewPassword('correct horse battery staple', [])).toBeUndefined();
    expect(checkNewPassword('春眠不觉晓处处闻啼鸟', [])).toBeUndefined();
  });
  it('counts characters, not bytes or UTF-16 units', () => {
    expect(checkNewPassword('春眠不觉晓处处闻啼', [])?.reason).toBe('too-short');
  });
});
