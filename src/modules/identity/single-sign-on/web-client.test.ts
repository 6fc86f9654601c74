import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { IN_PROCESS_HEADER } from '../../../platform/http/index.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { GOOD_PASSWORD, registrationBody } from '../people/test-people.ts';
import { ACR_PASSWORD } from './claims.ts';
import { firstPartyClientSecret } from './provider.ts';
import { Browser, freePort, isInteractionPage } from './test-relying-party.ts';
import { ATTEMPT_COOKIE, isSameOriginPath } from './web-client.ts';

/**
 * The web app signs in through the platform's own provider: the server runs the code flow for
 * shuzhi-web, keeps the tokens, and the browser only ever holds the platform session cookie.
 */
describe('the web app signing in through its own provider', () => {
  let t: TestApp;
  let base: string;
  let serial = 0;
  /** Requests the server made to itself, with the mark that keeps them out of the rate limit. */
  const markedCalls: { url: string; mark: string }[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({
      env: { SHUZHI_PUBLIC_URL: base, SHUZHI_RATE_LIMIT_PER_MINUTE: '100000' },
      beforeReady: (app) =>
        app.addHook('onRequest', async (request) => {
          const mark = request.headers[IN_PROCESS_HEADER];
          if (typeof mark === 'string') markedCalls.push({ url: request.url, mark });
        }),
    });
    await t.app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function registerCitizen() {
    serial += 1;
    const body = registrationBody(700 + serial);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/identity/registrations',
      payload: body,
    });
    expect(response.statusCode).toBe(201);
    return { accountId: response.json().accountId as string, phone: body.phone };
  }

  const isCallback = (url: URL) => url.pathname === '/auth/callback';

  /** What our sign-in page does: password sign-in, then finishing the provider's login step. */
  async function signInOnOurPage(browser: Browser, page: URL, phone: string) {
    expect(isInteractionPage(page)).toBe(true);
    expect(page.pathname).toBe('/account/sign-in');
    const uid = page.searchParams.get('interaction')!;
    const details = await (await browser.fetch(`${base}/api/identity/sso/interactions/${uid}`)).json();
    expect(details).toMatchObject({
      prompt: 'login',
      client: { clientId: 'shuzhi-web', nameZh: '数治', nameEn: 'Shuzhi', isFirstParty: true },
    });
    const session = await browser.json(`${base}/api/identity/sessions`, 'POST', {
      identifier: phone,
      password: GOOD_PASSWORD,
    });
    expect(session.status).toBe(201);
    const done = await browser.json(`${base}/api/identity/sso/interactions/${uid}/login`, 'POST');
    expect(done.status).toBe(200);
    return new URL((await done.json()).redirectTo, base);
  }

  /** Up to the provider sending the browser back to the web app's callback with a code. */
  async function upToCallback(browser: Browser, phone: string, returnTo = '/account') {
    const start = await browser.fetch(`${base}/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    expect(start.status).toBe(303);
    expect(browser.cookies.has(ATTEMPT_COOKIE)).toBe(true);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.href.startsWith(`${base}/oidc/auth?`)).toBe(true);
    expect(authorize.searchParams.get('client_id')).toBe('shuzhi-web');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const page = await browser.follow(authorize, (url) => isInteractionPage(url) || isCallback(url));
    if (isCallback(page.url)) return page.url;
    const next = await signInOnOurPage(browser, page.url, phone);
    return (await browser.follow(next, (url) => isInteractionPage(url) || isCallback(url))).url;
  }

  async function tokenRows(accountId: string) {
    return t.database.db
      .selectFrom('web_session_token')
      .select(['session_id', 'id_token', 'access_token_encrypted', 'refresh_token_encrypted', 'acr', 'amr'])
      .where('account_id', '=', accountId)
      .execute();
  }

  async function auditCount(action: string, recordId: string) {
    const rows = await sql<{ n: number }>`
      select count(*)::int as n from ledger_pending
      where record_type = 'identity.session' and record_id = ${recordId}
        and convert_from(entry, 'UTF8')::jsonb ->> 'action' = ${action}
    `.execute(t.database.db);
    return rows.rows[0]!.n;
  }

  it('signs in with code + PKCE, keeps the tokens on the server bound to the session, and returns', async () => {
    const citizen = await registerCitizen();
    const browser = new Browser();
    const callback = await upToCallback(browser, citizen.phone, '/account?tab=sessions');
    expect(isCallback(callback)).toBe(true);
    expect(callback.searchParams.get('code')).toBeTruthy();

    const markedBefore = markedCalls.length;
    const landed = await browser.fetch(callback);
    expect(landed.status).toBe(303);
    expect(landed.headers.get('location')).toBe('/account?tab=sessions');
    // The code exchange is the server talking to its own provider: marked, so not rate-limited.
    const exchange = markedCalls.slice(markedBefore);
    expect(exchange.map((call) => call.url)).toContain('/oidc/token');
    expect(new Set(exchange.map((call) => call.mark)).size).toBe(1);
    expect(browser.cookies.has(ATTEMPT_COOKIE)).toBe(false);

    const me = await browser.fetch(`${base}/api/identity/me`);
    expect(me.status).toBe(200);
    const sessionId = (await me.json()).sessions.find((s: { isCurrent: boolean }) => s.isCurrent).id;
    const [row] = await tokenRows(citizen.accountId);
    expect(row).toMatchObject({ session_id: sessionId, acr: ACR_PASSWORD, amr: ['pwd'] });
    expect(row!.refresh_token_encrypted).toBeTruthy();

    // Encrypted with the vault, bound to the row: the plaintext tokens are nowhere in the browser.
    const vault = createVault(t.config.vaultKeys);
    const accessToken = vault.decrypt(row!.access_token_encrypted, {
      table: 'web_session_token',
      column: 'access_token_encrypted',
      rowId: sessionId,
    });
    const refreshToken = vault.decrypt(row!.refresh_token_encrypted!, {
      table: 'web_session_token',
      column: 'refresh_token_encrypted',
      rowId: sessionId,
    });
    expect(row!.access_token_encrypted).not.toContain(accessToken);
    for (const secret of [accessToken, refreshToken, row!.id_token]) {
      expect(browser.cookieHeader()).not.toContain(secret);
    }
    expect(await auditCount('identity.sso.web-session-established', sessionId)).toBe(1);

    // The access token works at the provider: the server holds a real sign-in.
    const userinfo = await t.app.inject({
      method: 'GET',
      url: '/oidc/me',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(userinfo.statusCode).toBe(200);
    expect(userinfo.json().sub).toBe(citizen.accountId);

    // Signing in again from the same browser needs no password: the provider's session is there.
    const again = await browser.fetch(`${base}/auth/sign-in`);
    const back = await browser.follow(new URL(again.headers.get('location')!), isCallback);
    expect(isCallback(back.url)).toBe(true);
    const landedAgain = await browser.fetch(back.url);
    expect(landedAgain.headers.get('location')).toBe('/account');
    expect(await tokenRows(citizen.accountId)).toHaveLength(1);
  });

  it('moves a browser that came by another name for the server to the public address before starting', async () => {
    const other = base.replace('127.0.0.1', 'localhost');
    const response = await fetch(`${other}/auth/sign-in?returnTo=${encodeURIComponent('/account?tab=2')}`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `${base}/auth/sign-in?returnTo=${encodeURIComponent('/account?tab=2')}`,
    );
    // Nothing was started on the other name: no attempt cookie to be lost there.
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a callback whose state does not match, and the attempt cannot be tried again', async () => {
    const citizen = await registerCitizen();
    const browser = new Browser();
    const callback = await upToCallback(browser, citizen.phone);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state');
    const refused = await browser.fetch(forged);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('text/html');
    const page = await refused.text();
    expect(page).toContain('state-mismatch');
    expect(page).toContain('登录应答与本浏览器发起的登录不符');
    expect(page).toContain('/auth/sign-in');

    // The attempt was used up by the refused answer; the genuine one is now refused too.
    const late = await browser.fetch(callback);
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('no-attempt');
    expect(await tokenRows(citizen.accountId)).toHaveLength(0);
  });

  it('refuses a callback from a browser that did not start the sign-in', async () => {
    const citizen = await registerCitizen();
    const browser = new Browser();
    const callback = await upToCallback(browser, citizen.phone);
    const other = new Browser();
    const refused = await other.fetch(callback);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('no-attempt');
    expect(await tokenRows(citizen.accountId)).toHaveLength(0);
  });

  it("shows the provider's refusal (a declined or failed sign-in) as a page, not an error", async () => {
    const citizen = await registerCitizen();
    for (const [error, problem] of [
      ['access_denied', 'access-denied'],
      ['login_required', 'provider-error'],
    ] as const) {
      const browser = new Browser();
      const callback = await upToCallback(browser, citizen.phone);
      const answer = new URL(`${base}/auth/callback`);
      answer.searchParams.set('error', error);
      answer.searchParams.set('state', callback.searchParams.get('state')!);
      answer.searchParams.set('iss', `${base}/oidc`);
      const refused = await browser.fetch(answer);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain(problem);
    }
    expect(await tokenRows(citizen.accountId)).toHaveLength(0);
  });

  it('refuses a code that the provider does not accept', async () => {
    const citizen = await registerCitizen();
    const browser = new Browser();
    const callback = await upToCallback(browser, citizen.phone);
    const tampered = new URL(callback);
    tampered.searchParams.set('code', 'not-a-code');
    const refused = await browser.fetch(tampered);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('token-refused');
    expect(await tokenRows(citizen.accountId)).toHaveLength(0);
  });

  it('refuses to bind the tokens to a session of someone else', async () => {
    const citizen = await registerCitizen();
    const other = await registerCitizen();
    const browser = new Browser();
    const callback = await upToCallback(browser, citizen.phone);
    // Between the provider's answer and the callback, the browser's platform session changed hands.
    await browser.json(`${base}/api/identity/sessions`, 'POST', {
      identifier: other.phone,
      password: GOOD_PASSWORD,
    });
    const refused = await browser.fetch(callback);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('session-mismatch');
    expect(await tokenRows(citizen.accountId)).toHaveLength(0);
    expect(await tokenRows(other.accountId)).toHaveLength(0);
  });

  it("talks to the provider's endpoints as its discovery document names them", async () => {
    const discovery = await (await fetch(`${base}/oidc/.well-known/openid-configuration`)).json();
    const browser = new Browser();
    const start = new URL((await browser.fetch(`${base}/auth/sign-in`)).headers.get('location')!);
    expect(`${start.origin}${start.pathname}`).toBe(discovery.authorization_endpoint);
    const out = new URL(
      (
        await browser.fetch(`${base}/auth/sign-out`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: '',
        })
      ).headers.get('location')!,
    );
    expect(`${out.origin}${out.pathname}`).toBe(discovery.end_session_endpoint);
    expect(discovery).toMatchObject({
      token_endpoint: `${base}/oidc/token`,
      jwks_uri: `${base}/oidc/jwks`,
      revocation_endpoint: `${base}/oidc/token/revocation`,
    });
  });

  it('refuses a returnTo that is not a path on this site, storing nothing', async () => {
    const before = await t.database.db
      .selectFrom('web_sign_in_attempt')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    for (const returnTo of [
      '//evil.example/account',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      'account',
      `/${'a'.repeat(600)}`,
    ]) {
      const browser = new Browser();
      const response = await browser.fetch(`${base}/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('invalid-return-to');
      expect(browser.cookies.has(ATTEMPT_COOKIE)).toBe(false);
    }
    const after = await t.database.db
      .selectFrom('web_sign_in_attempt')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('accepts as returnTo only what resolves to this origin', () => {
    const origin = 'https://gov.example';
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webPath(), fc.webUrl()), (candidate) => {
        if (isSameOriginPath(candidate)) expect(new URL(candidate, origin).origin).toBe(origin);
      }),
    );
    fc.assert(
      fc.property(fc.webPath(), (path) => {
        const value = `/${path.replace(/^\/+/, '').replaceAll('\\', '')}`;
        expect(isSameOriginPath(value)).toBe(value.length <= 500);
      }),
    );
  });

  it('signs out: revokes the refresh token, forgets the tokens, and ends both sessions through RP-initiated logout', async () => {
    const citizen = await registerCitizen();
    const browser = new Browser();
    await browser.fetch(await upToCallback(browser, citizen.phone));
    const [row] = await tokenRows(citizen.accountId);
    const refreshToken = createVault(t.config.vaultKeys).decrypt(row!.refresh_token_encrypted!, {
      table: 'web_session_token',
      column: 'refresh_token_encrypted',
      rowId: row!.session_id,
    });

    const out = await browser.fetch(`${base}/auth/sign-out`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(out.status).toBe(303);
    const endSession = new URL(out.headers.get('location')!);
    expect(endSession.href.startsWith(`${base}/oidc/session/end?`)).toBe(true);
    expect(endSession.searchParams.get('id_token_hint')).toBe(row!.id_token);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/`);
    expect(await tokenRows(citizen.accountId)).toHaveLength(0);
    expect(await auditCount('identity.sso.web-session-tokens-revoked', row!.session_id)).toBe(1);
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/oidc/token',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`shuzhi-web:${encodeURIComponent(firstPartyClientSecret(t.config.secretKey))}`).toString('base64')}`,
      },
      payload: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
    });
    expect(refreshed.statusCode).toBe(400);
    expect(refreshed.json().error).toBe('invalid_grant');

    const confirm = await browser.fetch(endSession);
    const form = await confirm.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(form)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)![1]!;
    const confirmed = await browser.fetch(new URL(action.replaceAll('&amp;', '&'), base), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${base}/`);
    expect(browser.cookies.has('__Host-shuzhi-session')).toBe(false);
    expect((await browser.fetch(`${base}/api/identity/me`)).status).toBe(401);
  });

  it('sends a browser without a web sign-in to the provider to sign out as well', async () => {
    const browser = new Browser();
    const out = await browser.fetch(`${base}/auth/sign-out`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(out.status).toBe(303);
    const endSession = new URL(out.headers.get('location')!);
    expect(endSession.searchParams.get('client_id')).toBe('shuzhi-web');
    expect(endSession.searchParams.has('id_token_hint')).toBe(false);
  });
});
