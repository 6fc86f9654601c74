import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { Authenticate } from '../../../platform/http/index.ts';
import { actorFromBearer, createAccountWithRole } from '../access/test-actors.ts';
import { registrationBody } from './test-people.ts';

describe('revealing personal data, with a reason, audited', () => {
  let t: TestApp;
  let officer: string;
  let citizen: string;
  let citizenElsewhere: string;
  const body = registrationBody(611, { divisionCode: '110105' });

  beforeAll(async () => {
    const authenticate: Authenticate = (request) => actorFromBearer(request, t.database.db, t.clock);
    t = await createTestApp({ authenticate });
    officer = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'privacy-officer',
      divisionCode: '110105',
    });
    citizen = (
      await t.app.inject({ method: 'POST', url: '/api/identity/registrations', payload: body })
    ).json().accountId;
    citizenElsewhere = (
      await t.app.inject({
        method: 'POST',
        url: '/api/identity/registrations',
        payload: registrationBody(612, { divisionCode: '330106' }),
      })
    ).json().accountId;
  });
  afterAll(async () => {
    await t.close();
  });

  const reveal = (accountId: string, field: string, reason = '办理户籍迁移需核对证件号码') =>
    t.app.inject({
      method: 'POST',
      url: `/api/identity/people/${accountId}/reveal`,
      headers: { authorization: `Bearer ${officer}` },
      payload: { field, reason },
    });

  it('shows the full value to a permitted officer in their area and records who, whose, what and why', async () => {
    const response = await reveal(citizen, 'residentId');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ field: 'residentId', value: body.residentId });
    expect(response.headers['cache-control']).toBe('no-store');
    const events = await sql<{ entry: Uint8Array }>`
      select entry from ledger_pending where record_type = 'identity.person' and record_id = ${citizen}
    `.execute(t.database.db);
    const decoded = events.rows.map((row) => JSON.parse(Buffer.from(row.entry).toString('utf8')));
    expect(decoded).toHaveLength(1);
    expect(decoded[0]).toMatchObject({
      action: 'identity.personal-data.revealed',
      actor: { id: officer },
      reason: 'residentId: 办理户籍迁移需核对证件号码',
    });
    expect(JSON.stringify(decoded)).not.toContain(body.residentId);
    expect((await reveal(citizen, 'phone')).json().value).toBe(body.phone);
  });

  it('refuses outside the area, without a reason, for unknown fields and for anyone without the permission', async () => {
    expect((await reveal(citizenElsewhere, 'phone')).statusCode).toBe(403);
    expect((await reveal(citizen, 'phone', '')).statusCode).toBe(400);
    expect((await reveal(citizen, 'password')).statusCode).toBe(400);
    expect((await reveal(randomUUID(), 'phone')).statusCode).toBe(404);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/identity/people/${citizen}/reveal`,
      payload: { field: 'phone', reason: '想看看' },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
