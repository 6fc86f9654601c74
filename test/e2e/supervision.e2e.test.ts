import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGrant } from '../../src/modules/identity/index.ts';
import { isBrowserAvailable, startWebJourney, type WebJourney } from '../support/browser.ts';
import {
  expectNoSeriousAxeViolations,
  JOURNEY_PASSWORD,
  setUpIdentityAdministrator,
  totpCode,
  XIHU,
  xihuResidentId,
} from '../support/journey-people.ts';

describe.skipIf(!isBrowserAvailable)('browser journey: a supervisor reads the supervision page', () => {
  let journey: WebJourney;
  let browser: Browser;
  let baseUrl: string;
  let totpSecret: string;
  const phone = '13700000462';

  beforeAll(async () => {
    journey = await startWebJourney();
    ({ browser, baseUrl } = journey);
    const { t } = journey;
    const staff = await setUpIdentityAdministrator(t, {
      name: '陶监管',
      residentId: xihuResidentId('19790909', '462'),
      phone,
      officeName: '西湖区审批服务监督科',
    });
    totpSecret = staff.totpSecret;
    await seedGrant(t.database.db, t.clock, {
      accountId: staff.accountId,
      roleCode: 'service-supervisor',
      divisionCode: XIHU,
    });
    // The code used to confirm the app is spent; sign-in in the browser needs the next time step.
    t.clock.advance(30_000);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('shows the overdue list and the period figures, and says plainly when the period is wrong', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/account/sign-in`);
    await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill(phone);
    await page.getByLabel('密码').fill(JOURNEY_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const otp = page.getByLabel('验证码');
    await expect.poll(() => otp.count()).toBe(1);
    await otp.fill(totpCode(totpSecret, journey.t.clock.now()));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${baseUrl}/account`);

    await page.goto(`${baseUrl}/workbench/supervision`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('办件监管');
    await expect.poll(() => page.getByText('没有超期办件。').count()).toBe(1);
    await expect.poll(() => page.getByText('该期间没有办件。').count()).toBe(1);
    await expectNoSeriousAxeViolations(page);

    await page.getByLabel('开始日期').fill('2026-12-31');
    await page.getByLabel('结束日期').fill('2026-12-01');
    await page.getByRole('button', { name: '统计' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('结束日期不早于开始日期');
    await expectNoSeriousAxeViolations(page);
    await context.close();
  });
});
