import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { sql } from 'kysely';
import * as oidcClient from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { loadAccessActor } from '../access/service.ts';
import { insertOrganisation } from '../access/store.ts';
import { createAccountWithRole } from '../access/test-actors.ts';
import { GOOD_PASSWORD, registrationBody } from '../people/test-people.ts';
import { ACR_PASSWORD, ACR_PASSWORD_TOTP } from './claims.ts';
import { disableClient, registerClient } from './clients.ts';
import { rotateSigningKeys } from './signing-keys.ts';
import {
  Browser,
  freePort,
  isInteractionPage,
  type RelyingParty,
  startRelyingParty,
} from './test-relying-party.ts';

/**
 * Single sign-on end to end over real HTTP: the platform listens on loopback as the provider, and a
 * second government system (a relying party built on openid-client) signs people in through it.
 */
describe('single sign-on with a second relying party on loopback', () => {
  let t: TestApp;
  let base: string;
  let issuer: string;
  let rp: RelyingParty;
  let rpConfig: oidcClient.Configuration;
  let clientId: string;
  let clientSecret: string;
  let citizen: { accountId: string; phone: string };
  let serial = 0;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    issuer = `${base}/oidc`;
    t = await createTestApp({ env: { SHUZHI_PUBLIC_URL: base, SHUZHI_RATE_LIMIT_PER_MINUTE: '100000' } });
    await t.app.listen({ port, host: '127.0.0.1' });
    const now = t.clock.now();
    const organisationId = randomUUID();
    await insertOrganisation(t.database.db, {
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
    const adminId = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'identity-administrator',
      divisionCode: '110105',
    });
    const admin = (await loadAccessActor(t.database.db, t.clock, adminId))!;
    rp = await startRelyingParty(issuer);
    const registered = await registerClient(
      t.database.db,
      t.clock,
      admin,
      {
        nameZh: '不动产登记系统',
        organisationId,
        kind: 'confidential',
        redirectUris: [rp.redirectUri],
        postLogoutRedirectUris: [rp.postLogoutRedirectUri],
      },
      'test',
    );
    clientId = registered.clientId;
    clientSecret = registered.clientSecret!;
    rpConfig = await rp.configure(clientId, clientSecret);
    citizen = await registerCitizen();
  });
  afterAll(async () => {
    await rp?.close();
    await t?.close();
  });

  async function registerCitizen() {
    serial += 1;
    const body = registrationBody(900 + serial);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/identity/registrations',
      payload: body,
    });
    expect(response.statusCode).toBe(201);
    return { accountId: response.json().accountId as string, phone: body.phone };
  }

  async function signedInBrowser(phone = citizen.phone) {
    const browser = new Browser();
    const response = await browser.json(`${base}/api/identity/sessions`, 'POST', {
      identifier: phone,
      password: GOOD_PASSWORD,
    });
    expect(response.status).toBe(201);
    return browser;
  }

  const isCallback = (url: URL) => url.href.startsWith(rp.redirectUri);

  /** What our sign-in and consent pages do in the browser: read the interaction, then complete it. */
  async function completeInteractions(browser: Browser, start: URL) {
    let page = start;
    const seen: string[] = [];
    for (let step = 0; step < 3 && isInteractionPage(page); step += 1) {
      const uid = page.searchParams.get('interaction')!;
      const details = await browser.fetch(`${base}/api/identity/sso/interactions/${uid}`);
      expect(details.status).toBe(200);
      const interaction = await details.json();
      seen.push(interaction.prompt);
      const done =
        interaction.prompt === 'login'
          ? await browser.json(`${base}/api/identity/sso/interactions/${uid}/login`, 'POST')
          : await browser.json(`${base}/api/identity/sso/interactions/${uid}/consent`, 'POST', {
              decision: 'allow',
            });
      expect(done.status).toBe(200);
      page = (
        await browser.follow(
          new URL((await done.json()).redirectTo, base),
          (url) => isInteractionPage(url) || isCallback(url),
        )
      ).url;
    }
    return { page, seen };
  }

  async function auditActions(recordType: string, recordId: string): Promise<string[]> {
    const rows = await sql<{ action: string }>`
      select convert_from(entry, 'UTF8')::jsonb ->> 'action' as action from ledger_pending
      where record_type = ${recordType} and record_id = ${recordId} order by id
    `.execute(t.database.db);
    return rows.rows.map((row) => row.action);
  }

  it('signs in once on the platform; the service then gets a session without the password again, and logout ends both', async () => {
    const browser = await signedInBrowser();
    const first = await browser.follow(`${rp.origin}/login`, isInteractionPage);
    expect(first.url.pathname).toBe('/account/sign-in');
    const details = await (
      await browser.fetch(
        `${base}/api/identity/sso/interactions/${first.url.searchParams.get('interaction')}`,
      )
    ).json();
    expect(details).toMatchObject({
      prompt: 'login',
      client: {
        clientId,
        name: '不动产登记系统',
        nameZh: '不动产登记系统',
        nameEn: null,
        isFirstParty: false,
      },
      hasPlatformSession: true,
      isSecondFactorRequired: false,
    });
    expect(details.claims).toEqual(
      expect.arrayContaining(['name', 'division_code', 'organisation', 'roles']),
    );

    const { page, seen } = await completeInteractions(browser, first.url);
    expect(seen).toEqual(['login', 'consent']);
    const callback = await browser.follow(page);
    expect(callback.response?.status).toBe(200);
    const session = (await callback.response!.json()) as { claims: Record<string, unknown>; idToken: string };
    expect(session.claims).toMatchObject({
      iss: issuer,
      aud: clientId,
      sub: citizen.accountId,
      name: '王*',
      division_code: '110105',
      division_path: '0.11.1101.110105',
      organisation: null,
      roles: [],
      acr: ACR_PASSWORD,
      amr: ['pwd'],
    });

    // The ID token verifies against the published keys, signed with RS256 (what the client expects).
    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    const verified = await jwtVerify(session.idToken, jwks, { issuer, audience: clientId });
    expect(verified.protectedHeader.alg).toBe('RS256');
    expect(verified.payload.sub).toBe(citizen.accountId);
    expect((await browser.fetch(`${rp.origin}/me`)).status).toBe(200);

    // Signing in to the service again needs nothing from the person: no password, no consent.
    const again = await browser.follow(`${rp.origin}/login`, isInteractionPage);
    expect(again.response?.status).toBe(200);
    expect(again.url.href.startsWith(rp.redirectUri)).toBe(true);

    // RP-initiated logout: the service ends its session, the provider asks to confirm, and the platform
    // session ends with the provider's.
    const logout = await browser.follow(`${rp.origin}/logout`);
    expect(logout.response?.status).toBe(200);
    const form = await logout.response!.text();
    expect(form).toContain('退出登录');
    const action = /<form[^>]*action="([^"]+)"/.exec(form)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)![1]!;
    const confirmed = await browser.fetch(new URL(action.replaceAll('&amp;', '&'), base), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(rp.postLogoutRedirectUri);
    expect(browser.cookies.has('__Host-shuzhi-session')).toBe(false);
    expect((await browser.fetch(`${rp.origin}/me`)).status).toBe(401);

    const after = await browser.follow(`${rp.origin}/login`, isInteractionPage);
    expect(after.url.pathname).toBe('/account/sign-in');
    const fresh = await (
      await browser.fetch(
        `${base}/api/identity/sso/interactions/${after.url.searchParams.get('interaction')}`,
      )
    ).json();
    expect(fresh.hasPlatformSession).toBe(false);
    const signedOut = await sql<{ n: number }>`
      select count(*)::int as n from session where account_id = ${citizen.accountId} and end_reason = 'signed-out'
    `.execute(t.database.db);
    expect(signedOut.rows[0]?.n).toBe(1);
    expect(await auditActions('identity.sso-client', clientId)).toEqual(
      expect.arrayContaining([
        'identity.sso-client.registered',
        'identity.sso.signed-in',
        'identity.sso-consent.granted',
      ]),
    );
  });

  it('asks a browser without a platform session to sign in, and then completes', async () => {
    const browser = new Browser();
    const start = await browser.follow(`${rp.origin}/login`, isInteractionPage);
    const uid = start.url.searchParams.get('interaction')!;
    const details = await (await browser.fetch(`${base}/api/identity/sso/interactions/${uid}`)).json();
    expect(details.hasPlatformSession).toBe(false);
    expect((await browser.json(`${base}/api/identity/sso/interactions/${uid}/login`, 'POST')).status).toBe(
      401,
    );
    await browser.json(`${base}/api/identity/sessions`, 'POST', {
      identifier: citizen.phone,
      password: GOOD_PASSWORD,
    });
    const { page } = await completeInteractions(browser, start.url);
    expect((await browser.follow(page)).response?.status).toBe(200);
  });

  it('does not let another browser complete an interaction it did not start', async () => {
    const victim = await signedInBrowser();
    const attacker = new Browser();
    const start = await attacker.follow(`${rp.origin}/login`, isInteractionPage);
    const uid = start.url.searchParams.get('interaction')!;
    const response = await victim.json(`${base}/api/identity/sso/interactions/${uid}/login`, 'POST');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('problem+json');
  });

  it('sends a password-only session to sign in again when the service asks for the second factor', async () => {
    const browser = await signedInBrowser();
    const start = await browser.follow(
      `${rp.origin}/login?acr_values=${encodeURIComponent(ACR_PASSWORD_TOTP)}`,
      isInteractionPage,
    );
    expect(start.url.pathname).toBe('/account/sign-in');
    const uid = start.url.searchParams.get('interaction')!;
    const details = await (await browser.fetch(`${base}/api/identity/sso/interactions/${uid}`)).json();
    expect(details).toMatchObject({ hasPlatformSession: true, isSecondFactorRequired: true });
    const refused = await browser.json(`${base}/api/identity/sso/interactions/${uid}/login`, 'POST');
    expect(refused.status).toBe(401);
    expect((await refused.json()).code).toBe('identity.sso-step-up-required');
  });

  /** Runs the flow up to the code arriving at the service, and returns the callback address with the code. */
  async function codeCallback(browser: Browser, extra = ''): Promise<URL> {
    const start = await browser.follow(
      `${rp.origin}/login${extra}`,
      (url) => isInteractionPage(url) || isCallback(url),
    );
    if (isCallback(start.url)) return start.url;
    const { page } = await completeInteractions(browser, start.url);
    return page;
  }

  it('refuses a reused authorization code and revokes what the first use issued', async () => {
    const browser = await signedInBrowser();
    const verifier = oidcClient.randomPKCECodeVerifier();
    const state = oidcClient.randomState();
    const authorize = oidcClient.buildAuthorizationUrl(rpConfig, {
      redirect_uri: rp.redirectUri,
      scope: 'openid profile',
      code_challenge: await oidcClient.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const start = await browser.follow(authorize, (url) => isInteractionPage(url) || isCallback(url));
    const callback = isCallback(start.url)
      ? start.url
      : (await completeInteractions(browser, start.url)).page;
    const tokens = await oidcClient.authorizationCodeGrant(rpConfig, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const info = await oidcClient.fetchUserInfo(rpConfig, tokens.access_token, citizen.accountId);
    expect(info.sub).toBe(citizen.accountId);

    await expect(
      oidcClient.authorizationCodeGrant(rpConfig, callback, {
        pkceCodeVerifier: verifier,
        expectedState: state,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(
      oidcClient.fetchUserInfo(rpConfig, tokens.access_token, citizen.accountId),
    ).rejects.toThrow();
  });

  it('refuses a redirect URI that is not registered exactly', async () => {
    const browser = await signedInBrowser();
    for (const redirectUri of [`${rp.redirectUri}/`, `${rp.redirectUri}?next=1`, `${rp.origin}/elsewhere`]) {
      const url = oidcClient.buildAuthorizationUrl(rpConfig, {
        redirect_uri: redirectUri,
        scope: 'openid',
        code_challenge: await oidcClient.calculatePKCECodeChallenge(oidcClient.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
      });
      const response = await browser.fetch(url);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('redirect_uri');
    }
  });

  it('refuses an authorization request without PKCE', async () => {
    const browser = await signedInBrowser();
    const url = oidcClient.buildAuthorizationUrl(rpConfig, { redirect_uri: rp.redirectUri, scope: 'openid' });
    const response = await browser.fetch(url);
    const location = new URL(response.headers.get('location')!);
    expect(location.href.startsWith(rp.redirectUri)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toContain('PKCE');
    expect(location.searchParams.has('code')).toBe(false);
  });

  const unsigned = (payload: Record<string, unknown>) =>
    `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;

  it('refuses request objects and ID token hints with alg none', async () => {
    const browser = await signedInBrowser();
    const requestObject = unsigned({
      iss: clientId,
      aud: issuer,
      client_id: clientId,
      response_type: 'code',
      redirect_uri: rp.redirectUri,
      scope: 'openid',
      code_challenge: await oidcClient.calculatePKCECodeChallenge(oidcClient.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const withRequest = await browser.fetch(
      `${issuer}/auth?${new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'openid', request: requestObject })}`,
    );
    const refusal = withRequest.headers.get('location')
      ? new URL(withRequest.headers.get('location')!).searchParams.get('error')
      : await withRequest.text();
    expect(refusal).toContain('invalid_request_object');

    const hint = unsigned({
      iss: issuer,
      aud: clientId,
      sub: citizen.accountId,
      iat: Math.floor(Date.now() / 1000),
    });
    const endSession = await browser.fetch(
      `${issuer}/session/end?${new URLSearchParams({ id_token_hint: hint, post_logout_redirect_uri: rp.postLogoutRedirectUri })}`,
    );
    expect(endSession.status).toBe(400);
    expect(await endSession.text()).toContain('id_token_hint');

    const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
    for (const algorithms of [
      discovery.id_token_signing_alg_values_supported,
      discovery.request_object_signing_alg_values_supported,
    ]) {
      expect(algorithms).not.toContain('none');
      expect(algorithms).not.toContain('HS256');
    }
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('does not serve the built-in development login form; interactions go to our own pages', async () => {
    const browser = new Browser();
    const start = await browser.follow(`${rp.origin}/login`, isInteractionPage);
    const uid = start.url.searchParams.get('interaction')!;
    const providerPage = await browser.fetch(`${base}/oidc/interaction/${uid}`);
    expect(providerPage.status).toBe(404);
    expect(await providerPage.text()).not.toMatch(/<form[^>]*login/i);
    // Outside /oidc the address is only a client-side route of the web app (or its not-built notice).
    const outside = await browser.fetch(`${base}/interaction/${uid}`);
    expect(await outside.text()).not.toMatch(/<form[^>]*login/i);
    const submit = await browser.fetch(`${base}/oidc/interaction/${uid}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: citizen.accountId, password: 'anything' }).toString(),
    });
    expect(submit.status).toBe(404);
  });

  it('keeps tokens signed before a key rotation verifiable; new tokens use the new key; audited', async () => {
    const browser = await signedInBrowser();
    const before = await (await browser.follow(await codeCallback(browser))).response!.json();
    const oldKid = decodeProtectedHeader(before.idToken).kid;

    const rotation = await rotateSigningKeys(
      { db: t.database.db, clock: t.clock, vault: createVault(t.config.vaultKeys) },
      { kind: 'system', id: 'test' },
      'scheduled rotation',
    );
    expect(rotation.superseded).toContain(oldKid);

    const after = await (await browser.follow(await codeCallback(browser))).response!.json();
    const newKid = decodeProtectedHeader(after.idToken).kid;
    expect(newKid).not.toBe(oldKid);
    expect(rotation.created).toContain(newKid);
    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    await expect(jwtVerify(before.idToken, jwks, { issuer, audience: clientId })).resolves.toBeDefined();
    await expect(
      jwtVerify(after.idToken, createRemoteJWKSet(new URL(`${issuer}/jwks`)), { issuer, audience: clientId }),
    ).resolves.toBeDefined();
    expect(await auditActions('identity.sso-signing-key', rotation.created[0]!)).toEqual([
      'identity.sso-signing-keys.rotated',
    ]);

    // The next rotation retires the keys the first one superseded: their tokens stop verifying.
    const second = await rotateSigningKeys(
      { db: t.database.db, clock: t.clock, vault: createVault(t.config.vaultKeys) },
      { kind: 'system', id: 'test' },
      'scheduled rotation',
    );
    expect(second.retired).toContain(oldKid);
    await expect(
      jwtVerify(before.idToken, createRemoteJWKSet(new URL(`${issuer}/jwks`)), {
        issuer,
        audience: clientId,
      }),
    ).rejects.toThrow();
  });

  it('refuses a disabled client at the authorization and token endpoints', async () => {
    const browser = await signedInBrowser();
    const callback = await codeCallback(browser);
    const adminId = await createAccountWithRole(t.database.db, t.clock, {
      roleCode: 'identity-administrator',
      divisionCode: '110105',
    });
    const admin = (await loadAccessActor(t.database.db, t.clock, adminId))!;
    await disableClient(t.database.db, t.clock, admin, clientId, 'system retired', 'test');

    await expect(
      oidcClient.authorizationCodeGrant(rpConfig, callback, {
        pkceCodeVerifier: 'x'.repeat(43),
        expectedState: callback.searchParams.get('state')!,
      }),
    ).rejects.toMatchObject({
      error: 'invalid_client',
    });
    const refused = await browser.fetch(`${rp.origin}/login`);
    const authorize = await browser.fetch(refused.headers.get('location')!);
    expect(authorize.status).toBe(400);
    expect(await authorize.text()).toContain('invalid_client');
    expect(await auditActions('identity.sso-client', clientId)).toContain('identity.sso-client.disabled');
  });
});
