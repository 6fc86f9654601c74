import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_STAFF } from '../../seed/demo/identity.ts';
import { demoSteps } from '../../seed/demo/index.ts';
import { SESSION_COOKIE, totpCodeAt } from '../../src/modules/identity/index.ts';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import {
  isBrowserAvailable,
  seriousAxeViolations,
  startWebJourney,
  type WebJourney,
} from '../support/browser.ts';

async function expectNoSeriousAxeViolations(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

const NEW_STAFF = DEMO_STAFF.find((staff) => staff.totpSecret === undefined)!;
const COUNTY_ADMINISTRATOR = DEMO_STAFF.find((staff) => staff.key === 'county-administrator')!;
const CHANGED_PASSWORD = 'camellia ferry window 58';
const RESET_PASSWORD = 'bamboo kettle meadow 63';

describe.skipIf(!isBrowserAvailable)(
  'browser journey: new staff enrol an authenticator, change and reset their password',
  () => {
    let journey: WebJourney;
    let browser: Browser;
    let baseUrl: string;
    let secret = '';
    let accountId = '';

    beforeAll(async () => {
      journey = await startWebJourney();
      ({ browser, baseUrl } = journey);
      await runSeedSteps(journey.t.database.db, journey.t.clock, demoSteps, {
        vault: createVault(journey.t.config.vaultKeys),
      });
    });

    afterAll(async () => {
      await journey?.close();
    });

    const codeNow = (key: string) => totpCodeAt(key, journey.t.clock.now());
    /** Each code works once: later sign-ins need the next 30-second step. */
    const nextStep = () => journey.t.clock.advance(30_000);

    async function signIn(page: Page, password: string, otp?: string) {
      await page.goto(`${baseUrl}/account/sign-in`);
      await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill(NEW_STAFF.phone);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      if (otp) {
        await page.getByLabel('验证码').fill(otp);
        await page.getByRole('button', { name: '登录', exact: true }).click();
      }
    }

    it('leads a member of staff without an authenticator to enrol one, and nothing else works until then', async () => {
      const context = await browser.newContext({ locale: 'zh-CN' });
      const page = await context.newPage();
      await signIn(page, DEMO_PASSWORD);
      await page.waitForURL(`${baseUrl}/account/second-factor`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('设置身份验证器');
      await expectNoSeriousAxeViolations(page);

      // The session holds the auditor grant on paper, but may use none of it before enrolling.
      const me = await (await page.request.get(`${baseUrl}/api/identity/me`)).json();
      accountId = me.accountId;
      expect(me.roles).toEqual([]);
      const forbidden = await page.request.get(
        `${baseUrl}/api/ledger/records/identity.account/${accountId}/events`,
      );
      expect(forbidden.status()).toBe(403);

      await page.getByRole('button', { name: '开始设置' }).click();
      await expect.poll(() => page.getByRole('img', { name: '身份验证器设置二维码' }).count()).toBe(1);
      secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      // In groups of four, for typing by hand.
      expect(await page.getByTestId('totp-secret').locator('span').count()).toBe(8);
      await expectNoSeriousAxeViolations(page);

      await page.getByLabel('验证码').fill('12345');
      await page.getByRole('button', { name: '完成设置' }).click();
      await expect.poll(() => page.locator('.error-summary').textContent()).toContain('验证码是 6 位数字');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(
        true,
      );
      await expectNoSeriousAxeViolations(page);

      await page.getByLabel('验证码').fill(codeNow(secret));
      await page.getByRole('button', { name: '完成设置' }).click();
      await page.waitForURL(`${baseUrl}/account`);
      await expect.poll(() => page.getByTestId('account-notice').textContent()).toContain('身份验证器已设置');
      const proven = await (await page.request.get(`${baseUrl}/api/identity/me`)).json();
      expect(proven.roles).toEqual([NEW_STAFF.role]);
      // The notice shows before My account has loaded the account itself.
      await expect.poll(() => page.locator('main').textContent()).toContain('西湖区政务服务中心');
      await expectNoSeriousAxeViolations(page);
      await context.close();
    });

    it('changes the password on My account after fixing the mistakes the page points out', async () => {
      const context = await browser.newContext({ locale: 'zh-CN' });
      const page = await context.newPage();
      nextStep();
      await signIn(page, DEMO_PASSWORD, codeNow(secret));
      await page.waitForURL(`${baseUrl}/account`);
      await page.getByRole('link', { name: '修改密码' }).click();
      await page.waitForURL(`${baseUrl}/account/password`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('修改密码');

      await page.getByLabel('当前密码').fill('not my password at all');
      await page.getByLabel('新密码').fill('password123');
      await page.getByRole('button', { name: '修改密码' }).click();
      const summary = page.locator('.error-summary');
      await expect.poll(() => summary.textContent()).toContain('当前密码不正确');
      expect(await summary.textContent()).toContain('这是常用密码');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(
        true,
      );
      expect(await page.locator('#change-password-new').getAttribute('aria-invalid')).toBe('true');
      await expectNoSeriousAxeViolations(page);

      await page.getByLabel('当前密码').fill(DEMO_PASSWORD);
      await page.getByLabel('新密码').fill(CHANGED_PASSWORD);
      await page.getByRole('button', { name: '修改密码' }).click();
      await page.waitForURL(`${baseUrl}/account`);
      await expect.poll(() => page.getByTestId('account-notice').textContent()).toContain('密码已修改');

      // Sign-out goes through the platform's single sign-on, then home.
      await page.getByRole('button', { name: '退出登录', exact: true }).click();
      await page.waitForURL(`${baseUrl}/`);
      nextStep();
      await signIn(page, CHANGED_PASSWORD, codeNow(secret));
      await page.waitForURL(`${baseUrl}/account`);
      await context.close();
    });

    it('sets a new password with a reset code on a phone, in English', async () => {
      // The county's identity administrator issues the code (after checking the holder at the counter).
      nextStep();
      const administrator = await journey.t.app.inject({
        method: 'POST',
        url: '/api/identity/sessions',
        payload: {
          identifier: COUNTY_ADMINISTRATOR.phone,
          password: DEMO_PASSWORD,
          otp: codeNow(COUNTY_ADMINISTRATOR.totpSecret!),
        },
      });
      expect(administrator.statusCode).toBe(201);
      const cookie = administrator.cookies.find((candidate) => candidate.name === SESSION_COOKIE)!;
      const issued = await journey.t.app.inject({
        method: 'POST',
        url: `/api/identity/accounts/${accountId}/password-reset`,
        headers: { cookie: `${SESSION_COOKIE}=${cookie.value}` },
        payload: { reason: '本人持身份证到窗口，忘记密码' },
      });
      expect(issued.statusCode).toBe(201);
      const { code } = issued.json();

      const context = await browser.newContext({ locale: 'en', viewport: { width: 360, height: 780 } });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/account/password-reset`);
      await page.getByRole('button', { name: /English/ }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Set a new password with a reset code');
      await page.getByLabel('Reset code').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
      await page.getByLabel('New password').fill(RESET_PASSWORD);
      await page.getByRole('button', { name: 'Set new password' }).click();
      await expect
        .poll(() => page.locator('#password-reset-code-error').textContent())
        .toContain('The reset code is wrong');
      await expectNoSeriousAxeViolations(page);

      await page.getByLabel('Reset code').fill(code.toLowerCase());
      await page.getByRole('button', { name: 'Set new password' }).click();
      await page.waitForURL(`${baseUrl}/account/sign-in`);
      await expect
        .poll(() => page.getByTestId('sign-in-notice').textContent())
        .toContain('Your new password is set');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoSeriousAxeViolations(page);

      nextStep();
      const signedIn = await journey.t.app.inject({
        method: 'POST',
        url: '/api/identity/sessions',
        payload: { identifier: NEW_STAFF.phone, password: RESET_PASSWORD, otp: codeNow(secret) },
      });
      expect(signedIn.statusCode).toBe(201);
      await context.close();
    });
  },
);
