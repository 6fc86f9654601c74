import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { Authenticate } from '../../../platform/http/index.ts';
import { insertOrganisation } from '../access/store.ts';
import { actorFromBearer, createAccountWithRole } from '../access/test-actors.ts';
import { GOOD_PASSWORD, phoneFor, residentIdFor } from './test-people.ts';

describe('staff accounts created by an administrator', () => {
  let t: TestApp;
  let administrator: string;
  let bureau: string;
  let bureauElsewhere: string;

  beforeAll(async () => {
    const authenticate: Authenticate = (request) => actorFromBearer(request, t.database.db, t.clock);
    t = await createTestApp({ authenticate });
    const now = t.clock.now();
    const organisation = async (division: string, name: string) => {
      const id = randomUUID();
      await insertOrganisation(t.database.db, {
        id,
        kind: 'government-department',
        name_zh: name,
        name_en: null,
        division_code: division,
        parent_id: null,
        credit_code: null,
        province_code: division.slice(0, 2),
        is_active: true,
        created_at: now,
        updated_at: now,
      });
      return id;
    };
    bureau = await organisation('330106', '西湖区民政局');
    bureauElsewhere = await organisation('330102', '上城区民政局');
    administrator = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'identity-administrator',
      divisionCode: '330106',
      organisationId: bureau,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (organisationId: string, serial: number, overrides: Record<string, unknown> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/identity/staff',
      headers: { authorization: `Bearer ${administrator}` },
      payload: {
        organisationId,
        name: '李建国',
        residentId: residentIdFor(serial, '19800101', '330106'),
        phone: phoneFor(serial),
        password: GOOD_PASSWORD,
        ...overrides,
      },
    });

  it('creates a staff account in a department of the area, masked in the answer, and it can sign in', async () => {
    const response = await create(bureau, 501);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      kind: 'staff',
      organisationId: bureau,
      divisionCode: '330106',
      person: { maskedName: '李*', maskedPhone: '139****0501' },
    });
    expect(response.body).not.toContain(residentIdFor(501, '19800101', '330106'));
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { identifier: phoneFor(501), password: GOOD_PASSWORD },
    });
    expect(signIn.statusCode).toBe(201);
  });

  it('refuses outside the area, duplicates and bad fields', async () => {
    expect((await create(bureauElsewhere, 502)).statusCode).toBe(403);
    expect((await create(bureau, 501)).statusCode).toBe(409);
    const bad = await create(bureau, 503, { residentId: '330106198001010000', password: 'password123' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/password', '/residentId']);
    expect((await create(randomUUID(), 504)).statusCode).toBe(400);
  });
});
