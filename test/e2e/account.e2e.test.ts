import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  maskPersonName,
  maskPhone,
  maskResidentId,
  residentIdCheckCharacter,
} from '../../src/platform/identifiers/index.ts';
import {
  isBrowserAvailable,
  seriousAxeViolations,
  startWebJourney,
  type WebJourney,
} from '../support/browser.ts';

async function expectNoSeriousAxeViolations(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

// 西湖区, born 1990-01-01, with the check character that GB 11643 gives.
const ID_BODY = '33010619900101123';
const RESIDENT_ID = `${ID_BODY}${residentIdCheckCharacter(ID_BODY)}`;
// The same number with another last character: the check fails.
const MISTYPED_ID = `${ID_BODY}${RESIDENT_ID.endsWith('1') ? '2' : '1'}`;
const PHONE = '13912345678';
const NAME = '王小明';
const PASSWORD = 'lantern harbour violet 47';

describe.skipIf(!isBrowserAvailable)('browser journey: a citizen registers, signs in and out', () => {
  let journey: WebJourney;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    journey = await startWebJourney();
    ({ browser, baseUrl } = journey);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('registers after fixing a mistyped ID number, sees only masked data, and signs out', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/account/register`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('注册账户');
    await expect.poll(() => page.getByTestId('account-header-link').textContent()).toBe('登录');
    await expectNoSeriousAxeViolations(page);

    // Everything filled in, but the ID number's last character is wrong.
    await page.getByLabel('姓名').fill(NAME);
    await page.getByLabel('公民身份号码').fill(MISTYPED_ID);
    await page.getByLabel('手机号码').fill(PHONE);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('居住地', { exact: true }).fill('西湖');
    await page.locator('input[type="radio"][value="330106"]').check();
    await expect.poll(() => page.getByTestId('division-chosen').textContent()).toContain('西湖区');
    await page.getByLabel('我承诺所填信息真实、准确，是我本人的信息。').check();
    await page.getByRole('button', { name: '注册' }).click();

    const fieldError = page.locator('#register-resident-id-error');
    await expect.poll(() => fieldError.textContent()).toContain('最后一位与前 17 位不符');
    const describedBy = await page.locator('#register-resident-id').getAttribute('aria-describedby');
    expect(describedBy?.split(' ')).toContain('register-resident-id-error');
    expect(await page.locator('#register-resident-id').getAttribute('aria-invalid')).toBe('true');
    // The summary has focus, and its link names the same problem.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.locator('.error-summary a[href="#register-resident-id"]').textContent()).toContain(
      '最后一位',
    );
    await expectNoSeriousAxeViolations(page);

    await page.getByLabel('公民身份号码').fill(RESIDENT_ID);
    await page.getByRole('button', { name: '注册' }).click();
    await page.waitForURL(`${baseUrl}/account/sign-in`);
    await expect.poll(() => page.getByTestId('sign-in-notice').textContent()).toContain('注册成功');
    await expectNoSeriousAxeViolations(page);

    // A wrong password answers with the one message that reveals nothing.
    await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill(PHONE);
    await page.getByLabel('密码').fill('not the password at all');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect
      .poll(() => page.locator('#sign-in-identifier-error').textContent())
      .toContain('账号（公民身份号码、手机号码或统一社会信用代码）或密码不正确');

    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${baseUrl}/account`);
    await expect.poll(() => page.locator('main').textContent()).toContain(maskResidentId(RESIDENT_ID));
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain(maskPhone(PHONE));
    expect(main).toContain(maskPersonName(NAME));
    expect(main).toContain('当前设备');
    await expect.poll(() => page.locator('main').textContent()).toMatch(/浙江省\s*杭州市\s*西湖区/);
    const html = await page.content();
    expect(html).not.toContain(RESIDENT_ID);
    expect(html).not.toContain(PHONE);
    expect(html).not.toContain(NAME);
    await expect.poll(() => page.getByTestId('account-header-link').textContent()).toBe('我的账户');
    await expectNoSeriousAxeViolations(page);

    // The same page on a phone, in English: nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByRole('button', { name: /English/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('My account');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
    await expectNoSeriousAxeViolations(page);

    // Signing out goes through the platform's single sign-on, then home. (Signed in on the platform's
    // own page, no service relies on the session, so the provider ends it without asking to confirm.)
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${baseUrl}/`);
    await expect.poll(() => page.getByTestId('account-header-link').textContent()).toBe('Sign in');

    // The session has ended on the server: My account sends the reader back to sign in.
    await page.goto(`${baseUrl}/account`);
    await page.waitForURL(`${baseUrl}/account/sign-in`);
    await context.close();
  });

  it('signs out everywhere after confirming', async () => {
    const signInIn = async (page: Page) => {
      await page.goto(`${baseUrl}/account/sign-in`);
      await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill(RESIDENT_ID);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL(`${baseUrl}/account`);
    };
    const laptop = await browser.newContext({ locale: 'zh-CN' });
    const phone = await browser.newContext({ locale: 'zh-CN' });
    const laptopPage = await laptop.newPage();
    const phonePage = await phone.newPage();
    await signInIn(phonePage);
    await signInIn(laptopPage);
    // Both of these, and any session an earlier journey left open.
    await expect.poll(() => laptopPage.locator('.account-session').count()).toBeGreaterThanOrEqual(2);
    const sessionCount = await laptopPage.locator('.account-session').count();

    await laptopPage.getByRole('button', { name: '在所有设备上退出' }).click();
    await expect
      .poll(() => laptopPage.locator('.account-confirm__question').textContent())
      .toContain(`${sessionCount} 个登录`);
    await expectNoSeriousAxeViolations(laptopPage);
    await laptopPage.getByRole('button', { name: '确定，全部退出' }).click();
    await laptopPage.waitForURL(`${baseUrl}/account/sign-in`);

    await phonePage.reload();
    await phonePage.waitForURL(`${baseUrl}/account/sign-in`);
    await laptop.close();
    await phone.close();
  });

  it('says how long to wait once sign-in is throttled', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/account/sign-in`);
    // A number with no account is throttled like any other, after five failures.
    await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill('13800000000');
    await page.getByLabel('密码').fill('not the password at all');
    const summary = page.locator('.error-summary');
    for (let attempt = 1; attempt <= 6; attempt++) {
      const answer = page.waitForResponse((response) => response.url().endsWith('/api/identity/sessions'));
      await page.getByRole('button', { name: '登录', exact: true }).click();
      const status = (await answer).status();
      expect([401, 429]).toContain(status);
      if (status === 429) break;
    }
    await expect.poll(() => summary.textContent()).toMatch(/登录失败次数过多，请在\s*30\s*秒钟?后再试/);
    await expectNoSeriousAxeViolations(page);
    await context.close();
  });
});
