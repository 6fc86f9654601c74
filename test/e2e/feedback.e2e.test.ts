import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFeedbackWorld } from '../../src/modules/feedback/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import { isBrowserAvailable, startWebJourney, type WebJourney } from '../support/browser.ts';
import { expectNoSeriousAxeViolations, JOURNEY_PASSWORD, xihuResidentId } from '../support/journey-people.ts';

const PHONE = '13922223333';
const RESIDENT_ID = xihuResidentId('19880808', '456');

describe.skipIf(!isBrowserAvailable)(
  'browser journey: a citizen submits a request and sees it listed',
  () => {
    let journey: WebJourney;
    let browser: Browser;
    let baseUrl: string;

    beforeAll(async () => {
      journey = await startWebJourney();
      ({ browser, baseUrl } = journey);
      await buildFeedbackWorld(
        journey.t.database.db,
        journey.t.clock,
        createVault(journey.t.config.vaultKeys),
      );
      const registered = await journey.t.app.inject({
        method: 'POST',
        url: '/api/identity/registrations',
        payload: {
          name: '林小溪',
          residentId: RESIDENT_ID,
          phone: PHONE,
          password: JOURNEY_PASSWORD,
          divisionCode: '330106004',
        },
      });
      expect(registered.statusCode).toBe(201);
    });

    afterAll(async () => {
      await journey?.close();
    });

    it('fixes a missing field from the error summary, submits, and finds the request routed in the list', async () => {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      // A missing label fails the step in seconds, saying which, instead of running out the test's time.
      page.setDefaultTimeout(15_000);
      await page.goto(`${baseUrl}/services/feedback`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('诉求与建议');
      await expect.poll(() => page.locator('main').textContent()).toContain('请先登录再提交诉求');
      await expectNoSeriousAxeViolations(page);

      await page.goto(`${baseUrl}/account/sign-in`);
      await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill(PHONE);
      await page.getByLabel('密码').fill(JOURNEY_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL(`${baseUrl}/account`);

      await page.goto(`${baseUrl}/services/feedback`);
      await expect.poll(() => page.getByRole('heading', { name: '提交诉求' }).count()).toBe(1);
      await expect.poll(() => page.locator('option[value="road-damage"]').count()).toBe(1);
      await page.getByLabel('类别').selectOption('street-lighting');
      await page.getByLabel('类型').selectOption('demand');
      await page.getByLabel('所在地（街道或乡镇）', { exact: true }).fill('西溪');
      await page.locator('input[type="radio"][value="330106004"]').check();
      await expect
        .poll(() => page.getByTestId('feedback-division-chosen').textContent())
        .toContain('西溪街道');
      await page.getByRole('button', { name: '提交', exact: true }).click();
      // The description is missing: the summary takes focus and links to the field.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
        .toBe(true);
      expect(await page.locator('.error-summary a').count()).toBe(1);
      await expectNoSeriousAxeViolations(page);

      await page.getByLabel('诉求内容').fill('西溪路口的路灯已经一周不亮了。');
      await page.getByRole('button', { name: '提交', exact: true }).click();
      await expect
        .poll(() => page.getByTestId('feedback-confirmation').textContent())
        .toMatch(/已提交，编号 FB2026\d{8}，派给：西溪街道城管中队/);
      const id = /FB2026\d{8}/.exec(
        (await page.getByTestId('feedback-confirmation').textContent()) ?? '',
      )![0];
      await expect.poll(() => page.locator('table').textContent()).toContain(id);
      expect(await page.locator('table').textContent()).toContain('路灯故障');
      await expectNoSeriousAxeViolations(page);
      const html = await page.content();
      expect(html).not.toContain(PHONE);
      expect(html).not.toContain('林小溪');
      await context.close();
    }, 240_000);
  },
);
