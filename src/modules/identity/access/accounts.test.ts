import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { Authenticate } from '../../../platform/http/index.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { GOOD_PASSWORD, registrationBody } from '../people/test-people.ts';
import { createSessionAuthenticate, SESSION_COOKIE } from '../sign-in/index.ts';
import { actorFromBearer, createAccountWithRole } from './test-actors.ts';

describe('disabling an account', () => {
  let t: TestApp;
  let administrator: string;

  beforeAll(async () => {
    let sessionAuthenticate: Authenticate | undefined;
    // The administrator is a test actor; everyone else signs in for real with a session cookie.
    const authenticate: Authenticate = async (request) => {
      return (await actorFromBearer(request, t.database.db, t.clock)) ?? sessionAuthenticate?.(request);
    };
    t = await createTestApp({ authenticate });
    sessionAuthenticate = createSessionAuthenticate({
      db: t.database.db,
      clock: t.clock,
      vault: createVault(t.config.vaultKeys),
      idleTimeoutMs: t.config.sessionIdleTimeoutMinutes * 60_000,
      absoluteTimeoutMs: t.config.sessionAbsoluteTimeoutHours * 3_600_000,
    });
    administrator = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'identity-administrator',
      divisionCode: '110105',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('ends every session of the account at once, audited, and refuses a second time or outside the area', async () => {
    const body = registrationBody(901);
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/identity/registrations',
      payload: body,
    });
    const accountId = registered.json().accountId as string;
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { identifier: body.phone, password: GOOD_PASSWORD },
    });
    const token = signedIn.cookies.find((cookie) => cookie.name === SESSION_COOKIE)!.value;
    const me = () =>
      t.app.inject({
        method: 'GET',
        url: '/api/identity/me',
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
      });
    expect((await me()).statusCode).toBe(200);

    const disable = (id: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/identity/accounts/${id}/disabling`,
        headers: { authorization: `Bearer ${administrator}` },
        payload: { reason: '账户被冒用，依申请停用' },
      });
    expect((await disable(accountId)).statusCode).toBe(204);
    expect((await me()).statusCode).toBe(401);
    const ended = await sql<{ open: number }>`
      select count(*)::int as open from session where account_id = ${accountId} and ended_at is null
    `.execute(t.database.db);
    expect(ended.rows[0]?.open).toBe(0);
    const audited = await sql<{ n: number }>`
      select count(*)::int as n from ledger_pending
      where record_type = 'identity.account' and record_id = ${accountId}
        and convert_from(entry, 'UTF8') like '%identity.account.disabled%'
    `.execute(t.database.db);
    expect(audited.rows[0]?.n).toBe(1);

    expect((await disable(accountId)).statusCode).toBe(409);
    expect((await disable(administrator)).statusCode).toBe(409);

    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/identity/registrations',
      payload: registrationBody(902, { divisionCode: '330106' }),
    });
    const outside = await disable(elsewhere.json().accountId);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('identity.outside-scope');
  });
});
