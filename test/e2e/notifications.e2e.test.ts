import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../../src/platform/identifiers/index.ts';
import { enqueueNotification } from '../../src/platform/notifications/index.ts';
import {
  isBrowserAvailable,
  seriousAxeViolations,
  startWebJourney,
  type WebJourney,
} from '../support/browser.ts';

const ID_BODY = '33010619920304567';
const RESIDENT_ID = `${ID_BODY}${residentIdCheckCharacter(ID_BODY)}`;
const PHONE = '13912340077';
const PASSWORD = 'willow lantern orchard 31';

describe.skipIf(!isBrowserAvailable)(
  'browser journey: a citizen reads notifications and gives an e-mail address',
  () => {
    let journey: WebJourney;
    let browser: Browser;
    let baseUrl: string;
    let accountId = '';

    beforeAll(async () => {
      journey = await startWebJourney();
      ({ browser, baseUrl } = journey);
      const registered = await journey.t.app.inject({
        method: 'POST',
        url: '/api/identity/registrations',
        payload: {
          name: '赵敏',
          residentId: RESIDENT_ID,
          phone: PHONE,
          password: PASSWORD,
          divisionCode: '330106',
        },
      });
      accountId = registered.json().accountId;
    });

    afterAll(async () => {
      await journey?.close();
    });

    const notify = (subject: string, link?: string) =>
      journey.t.database.db.transaction().execute((tx) =>
        enqueueNotification(tx, {
          recipientAccountId: accountId,
          topic: 'services.application.approved',
          subject: { zh: subject, en: `English: ${subject}` },
          body: { zh: `${subject}。请按时领取。`, en: 'Please collect it in time.' },
          link,
          channels: ['in-app', 'email'],
          at: journey.t.clock.now(),
        }),
      );

    it('shows the unread count on the bell, lists the notices, marks them read, and saves the address', async () => {
      await notify('您的营业执照申请已批准', '/account');
      journey.t.clock.advance(60_000);
      await notify('您的诉求已答复');

      // On a phone.
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 740 } });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/account/sign-in`);
      await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill(PHONE);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL(`${baseUrl}/account`);

      const bell = page.getByTestId('notification-bell');
      await expect.poll(() => bell.getAttribute('aria-label')).toBe('通知，2 条未读');
      // By keyboard: the bell is a link in the tab order.
      await bell.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/account/notifications`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('我的通知');
      const items = page.getByTestId('notification-item');
      await expect.poll(() => items.count()).toBe(2);
      expect(await items.first().locator('h2').textContent()).toBe('未读: 您的诉求已答复');
      expect(await page.getByTestId('notifications-unread').textContent()).toBe('未读 2 条');
      expect(await seriousAxeViolations(page)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      await page.getByRole('button', { name: '将“您的诉求已答复”标为已读' }).click();
      await expect.poll(() => page.getByTestId('notifications-status').textContent()).toBe('已标为已读。');
      await expect.poll(() => bell.getAttribute('aria-label')).toBe('通知，1 条未读');

      // A new notice arrives while the page is open: the bell announces it on its next look.
      await notify('您的证照已寄出');
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await expect
        .poll(() => page.getByTestId('notification-bell-announcement').textContent())
        .toBe('您有 2 条未读通知。');

      await page.getByTestId('notifications-read-all').click();
      await expect.poll(() => page.getByTestId('notifications-unread').textContent()).toBe('全部已读');
      await expect.poll(() => bell.getAttribute('aria-label')).toBe('通知');

      // The e-mail address: a mistake first, reported in the summary that takes focus.
      await page.getByLabel('电子邮箱').fill('zhaomin at example');
      await page.getByRole('button', { name: '保存邮箱' }).click();
      await expect
        .poll(() => page.locator('#notification-email-error').textContent())
        .toContain('请输入正确的电子邮箱地址');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(
        true,
      );
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByLabel('电子邮箱').fill('zhaomin@example.cn');
      await page.getByRole('button', { name: '保存邮箱' }).click();
      await expect
        .poll(() => page.getByTestId('notification-email-current').textContent())
        .toBe('通知同时发送到：z***@example.cn');
      expect(await page.content()).not.toContain('zhaomin@example.cn');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await context.close();
    });
  },
);
