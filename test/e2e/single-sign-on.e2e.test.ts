import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBrowserAvailable, startWebJourney, type WebJourney } from '../support/browser.ts';
import {
  expectNoSeriousAxeViolations,
  JOURNEY_PASSWORD,
  setUpIdentityAdministrator,
  totpCode,
  XIHU,
  xihuResidentId,
} from '../support/journey-people.ts';

const PASSWORD = JOURNEY_PASSWORD;
const residentId = (serial: string) => xihuResidentId('19870506', serial);

type RelyingParty = {
  origin: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  configure(clientId: string, clientSecret: string): Promise<void>;
  close(): Promise<void>;
};

/**
 * Another government system on loopback, written with openid-client as its developers would: /login
 * starts the code flow with PKCE, /callback exchanges the code and shows the ID token's claims.
 */
async function startRelyingParty(issuer: string): Promise<RelyingParty> {
  let config: oidc.Configuration | undefined;
  const pending = new Map<string, { verifier: string; state: string }>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const answer = async () => {
      if (url.pathname === '/login') {
        const verifier = oidc.randomPKCECodeVerifier();
        const state = oidc.randomState();
        pending.set(state, { verifier, state });
        const target = oidc.buildAuthorizationUrl(config!, {
          redirect_uri: redirectUri,
          scope: 'openid profile division',
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
        });
        response.writeHead(303, { location: target.href }).end();
        return;
      }
      if (url.pathname === '/callback') {
        const started = pending.get(url.searchParams.get('state') ?? '');
        if (!started) {
          response.writeHead(400).end('no sign-in in progress');
          return;
        }
        const tokens = await oidc.authorizationCodeGrant(config!, url, {
          pkceCodeVerifier: started.verifier,
          expectedState: started.state,
        });
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ claims: tokens.claims() }));
        return;
      }
      response.writeHead(404).end();
    };
    answer().catch((error: Error) => response.writeHead(502).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUri = `${origin}/callback`;
  return {
    origin,
    redirectUri,
    postLogoutRedirectUri: `${origin}/signed-out`,
    async configure(clientId, clientSecret) {
      config = await oidc.discovery(new URL(issuer), clientId, clientSecret, undefined, {
        execute: [oidc.allowInsecureRequests],
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!isBrowserAvailable)(
  'browser journey: the web app and a second government system sign in through single sign-on',
  () => {
    let journey: WebJourney;
    let browser: Browser;
    let baseUrl: string;
    let rp: RelyingParty;
    let totpSecret: string;
    const citizen = { phone: '13600000011', accountId: '' };

    beforeAll(async () => {
      journey = await startWebJourney();
      ({ browser, baseUrl } = journey);
      const { t } = journey;
      const inject = t.app.inject.bind(t.app);

      // An identity administrator of 西湖区, a member of staff proven by the authenticator app.
      ({ totpSecret } = await setUpIdentityAdministrator(t, {
        name: '周敏',
        residentId: residentId('301'),
        phone: '13600000001',
        officeName: '西湖区不动产登记中心',
      }));

      const registered = await inject({
        method: 'POST',
        url: '/api/identity/registrations',
        payload: {
          name: '王小红',
          residentId: residentId('302'),
          phone: citizen.phone,
          password: PASSWORD,
          divisionCode: XIHU,
        },
      });
      expect(registered.statusCode).toBe(201);
      citizen.accountId = registered.json().accountId;
      rp = await startRelyingParty(`${baseUrl}/oidc`);
    });

    afterAll(async () => {
      await rp?.close();
      await journey?.close();
    });

    it('registers a system, signs a citizen in to the web app, then to the system without the password', async () => {
      // 1. The administrator registers the second system on the administration page.
      const adminContext = await browser.newContext({ locale: 'zh-CN' });
      const admin = await adminContext.newPage();
      await admin.goto(`${baseUrl}/account/sign-in`);
      await admin.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill('13600000001');
      await admin.getByLabel('密码').fill(PASSWORD);
      await admin.getByRole('button', { name: '登录', exact: true }).click();
      const otp = admin.getByLabel('验证码');
      await expect.poll(() => otp.count()).toBe(1);
      // The code that confirmed the app is spent: the next time step's code signs in.
      journey.t.clock.advance(30_000);
      await otp.fill(totpCode(totpSecret, journey.t.clock.now()));
      await admin.getByRole('button', { name: '登录', exact: true }).click();
      await admin.waitForURL(`${baseUrl}/account`);
      await admin.goto(`${baseUrl}/admin/sso-clients`);
      await expect.poll(() => admin.locator('h1').textContent()).toBe('统一登录接入系统');
      await admin.getByLabel('中文名称').fill('不动产登记系统');
      await admin.getByLabel('英文名称（选填）').fill('Real estate registration');
      const organisation = admin.getByLabel('运营该系统的单位');
      await expect.poll(() => organisation.locator('option').count()).toBe(2);
      await organisation.selectOption({ label: '西湖区不动产登记中心' });
      // A wildcard address is refused and the page says which line.
      await admin.getByLabel('登录回调地址').fill(`${rp.origin}/*`);
      await admin.getByRole('button', { name: '登记', exact: true }).click();
      await expect
        .poll(() => admin.locator('#sso-client-redirect-uris-error').textContent())
        .toContain('第 1 行');
      expect(await admin.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(
        true,
      );
      await expectNoSeriousAxeViolations(admin);

      await admin.getByLabel('登录回调地址').fill(rp.redirectUri);
      await admin.getByLabel('退出后跳转地址').fill(rp.postLogoutRedirectUri);
      await admin.getByRole('button', { name: '登记', exact: true }).click();
      const secretPanel = admin.getByTestId('sso-secret');
      await expect.poll(() => secretPanel.textContent()).toContain('密钥只显示这一次');
      const clientId = (await admin.getByTestId('sso-client-id').textContent())!;
      const clientSecret = (await admin.getByTestId('sso-client-secret').textContent())!;
      expect(clientSecret.length).toBeGreaterThan(20);
      await expect.poll(() => admin.locator('table').textContent()).toContain('不动产登记系统');
      await expectNoSeriousAxeViolations(admin);
      await admin.getByRole('button', { name: '我已保存密钥' }).click();
      await expect.poll(() => secretPanel.count()).toBe(0);
      await rp.configure(clientId, clientSecret);

      // 2. A citizen signs in to the web app: Sign in → the server → the provider → our sign-in page.
      const context = await browser.newContext({ locale: 'zh-CN' });
      const page = await context.newPage();
      const visited: string[] = [];
      // Every address the browser was sent to, redirects included.
      page.on('request', (request) => {
        if (request.isNavigationRequest() && request.frame() === page.mainFrame())
          visited.push(request.url());
      });
      await page.goto(baseUrl);
      await page.getByTestId('account-header-link').click();
      await page.waitForURL(
        (url) => url.pathname === '/account/sign-in' && url.searchParams.has('interaction'),
      );
      expect(visited.some((url) => url.startsWith(`${baseUrl}/auth/sign-in`))).toBe(true);
      expect(visited.some((url) => url.startsWith(`${baseUrl}/oidc/auth`))).toBe(true);
      await expect.poll(() => page.locator('h1').textContent()).toBe('登录');
      await expectNoSeriousAxeViolations(page);
      await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill(citizen.phone);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL(`${baseUrl}/account`);
      expect(visited.some((url) => url.startsWith(`${baseUrl}/auth/callback?`))).toBe(true);
      await expect.poll(() => page.getByTestId('account-header-link').textContent()).toBe('我的账户');
      await expect.poll(() => page.locator('main').textContent()).toContain('当前设备');

      // The tokens stayed on the server, bound to the session; the browser holds only the session cookie.
      const held = await journey.t.database.db
        .selectFrom('web_session_token')
        .select(['id_token'])
        .where('account_id', '=', citizen.accountId)
        .execute();
      expect(held).toHaveLength(1);
      const cookies = await context.cookies();
      for (const cookie of cookies) expect(cookie.value).not.toContain(held[0]!.id_token.slice(0, 40));
      const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
      expect(storage).not.toContain(held[0]!.id_token.slice(0, 40));

      // 3. The second system signs the same browser in: no password, but our consent page for it.
      visited.length = 0;
      await page.goto(`${rp.origin}/login`);
      await page.waitForURL((url) => url.pathname === '/sso/consent');
      expect(visited.some((url) => new URL(url).pathname === '/account/sign-in')).toBe(false);
      await expect.poll(() => page.locator('h1').textContent()).toContain('不动产登记系统');
      const shared = (await page.locator('main').textContent()) ?? '';
      expect(shared).toContain('您的姓名（仅显示姓氏');
      expect(shared).toContain('您所属的行政区划');
      await expectNoSeriousAxeViolations(page);

      // In English on a phone: the system's English name, nothing scrolls sideways.
      await page.setViewportSize({ width: 360, height: 780 });
      await page.getByRole('button', { name: /English/ }).click();
      await expect.poll(() => page.locator('h1').textContent()).toContain('Real estate registration');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoSeriousAxeViolations(page);

      await page.getByRole('button', { name: 'Allow and continue' }).click();
      await page.waitForURL((url) => url.href.startsWith(rp.redirectUri));
      const session = JSON.parse((await page.locator('body').textContent()) ?? '{}');
      expect(session.claims).toMatchObject({ sub: citizen.accountId, aud: clientId, name: '王*' });

      // 4. Signing out of the web app asks the provider to confirm, and ends both sessions.
      await page.goto(`${baseUrl}/account`);
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/oidc/session/end'));
      await expectNoSeriousAxeViolations(page);
      await page.getByRole('button', { name: /^退出登录/ }).click();
      await page.waitForURL(`${baseUrl}/`);
      await expect.poll(() => page.getByTestId('account-header-link').textContent()).toBe('Sign in');
      await page.goto(`${rp.origin}/login`);
      await page.waitForURL((url) => url.pathname === '/account/sign-in');

      // 5. The administrator changes the system's addresses, then disables it with a reason.
      await admin.getByRole('button', { name: /^修改地址/ }).click();
      const addresses = admin.locator('#edit-sso-client-redirect-uris');
      await expect.poll(() => addresses.inputValue()).toBe(rp.redirectUri);
      await addresses.fill(`${rp.redirectUri}\n${rp.origin}/callback-2`);
      await expectNoSeriousAxeViolations(admin);
      await admin.getByRole('button', { name: '保存', exact: true }).click();
      await expect.poll(() => admin.locator('.admin-notice').textContent()).toContain('已更新');
      await expect.poll(() => admin.locator('table').textContent()).toContain(`${rp.origin}/callback-2`);
      await admin.getByRole('button', { name: /^停用/ }).click();
      await admin.getByRole('button', { name: '确认停用' }).click();
      await expect
        .poll(() => admin.locator('#disable-sso-client-reason-error').textContent())
        .toContain('至少');
      await admin.getByLabel('停用原因').fill('系统已下线');
      await admin.getByRole('button', { name: '确认停用' }).click();
      await expect.poll(() => admin.locator('.admin-notice').textContent()).toContain('已停用');
      await expect.poll(() => admin.locator('table').textContent()).toContain('已停用');
      const refused = await page.goto(`${rp.origin}/login`);
      expect(refused?.status()).toBe(400);
      expect(await page.content()).toContain('invalid_client');
      await adminContext.close();
      await context.close();
      // The longest journey (two browsers, two relying parties, axe checks in two languages): a hang guard
      // above the default, so a busy CI machine does not cut it short.
    }, 120_000);
  },
);
