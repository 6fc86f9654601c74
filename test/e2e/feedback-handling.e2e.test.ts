import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFeedbackWorld } from '../../src/modules/feedback/index.ts';
import { seedGrant } from '../../src/modules/identity/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import { isBrowserAvailable, startWebJourney, type WebJourney } from '../support/browser.ts';
import {
  expectNoSeriousAxeViolations,
  JOURNEY_PASSWORD,
  setUpIdentityAdministrator,
  totpCode,
  xihuResidentId,
} from '../support/journey-people.ts';

const CITIZEN_PHONE = '13922224444';
const HANDLER_PHONE = '13700000041';
const XIXI = '330106004';

describe.skipIf(!isBrowserAvailable)(
  'browser journey: a township handler contacts and answers, the citizen reads the redacted answer and rates it',
  () => {
    let journey: WebJourney;
    let browser: Browser;
    let baseUrl: string;
    let totpSecret: string;

    beforeAll(async () => {
      journey = await startWebJourney();
      ({ browser, baseUrl } = journey);
      const { t } = journey;
      const world = await buildFeedbackWorld(t.database.db, t.clock, createVault(t.config.vaultKeys));
      const registered = await t.app.inject({
        method: 'POST',
        url: '/api/identity/registrations',
        payload: {
          name: '林小溪',
          residentId: xihuResidentId('19900909', '457'),
          phone: CITIZEN_PHONE,
          password: JOURNEY_PASSWORD,
          divisionCode: XIXI,
        },
      });
      expect(registered.statusCode).toBe(201);
      // A member of staff of 西溪街道城管中队, the unit street lighting in 西溪 goes to.
      const staff = await setUpIdentityAdministrator(t, {
        name: '赵城管',
        residentId: xihuResidentId('19870707', '412'),
        phone: HANDLER_PHONE,
        officeName: '临时办公室',
      });
      totpSecret = staff.totpSecret;
      await sql`update account set organisation_id = ${world.units.xixiUrban} where id = ${staff.accountId}`.execute(
        t.database.db,
      );
      await seedGrant(t.database.db, t.clock, {
        accountId: staff.accountId,
        roleCode: 'feedback-handler',
        divisionCode: XIXI,
        organisationId: world.units.xixiUrban,
      });
      // The enrolment used this 30-second window's code; a code is accepted once.
      t.clock.advance(30_000);
    });

    afterAll(async () => {
      await journey?.close();
    });

    async function signIn(page: Page, phone: string, secret?: string) {
      await page.goto(`${baseUrl}/account/sign-in`);
      await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill(phone);
      await page.getByLabel('密码').fill(JOURNEY_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      if (secret) {
        const otp = page.getByLabel('验证码');
        await expect.poll(() => otp.count()).toBe(1);
        await otp.fill(totpCode(secret, journey.t.clock.now()));
        await page.getByRole('button', { name: '登录', exact: true }).click();
      }
      await page.waitForURL(`${baseUrl}/account`);
    }

    it('goes from submission through contact and a previewed, redacted answer to the citizen’s rating', async () => {
      const phoneSized = { locale: 'zh-CN', viewport: { width: 390, height: 844 } };
      const citizenContext = await browser.newContext(phoneSized);
      const citizen = await citizenContext.newPage();
      citizen.setDefaultTimeout(15_000);
      await signIn(citizen, CITIZEN_PHONE);
      await citizen.goto(`${baseUrl}/services/feedback`);
      await expect.poll(() => citizen.locator('option[value="street-lighting"]').count()).toBe(1);
      await citizen.getByLabel('类别').selectOption('street-lighting');
      await citizen.getByLabel('类型').selectOption('demand');
      await citizen.getByLabel('诉求内容').fill('西溪路口的路灯已经一周不亮了。');
      await citizen.getByLabel('所在地（街道或乡镇）', { exact: true }).fill('西溪');
      await citizen.locator('input[type="radio"][value="330106004"]').check();
      await citizen.getByRole('button', { name: '提交', exact: true }).click();
      await expect
        .poll(() => citizen.getByTestId('feedback-confirmation').textContent())
        .toMatch(/FB2026\d{8}/);
      const id = /FB2026\d{8}/.exec(
        (await citizen.getByTestId('feedback-confirmation').textContent()) ?? '',
      )![0];

      const staffContext = await browser.newContext(phoneSized);
      const handler = await staffContext.newPage();
      handler.setDefaultTimeout(15_000);
      await signIn(handler, HANDLER_PHONE, totpSecret);
      await handler.goto(`${baseUrl}/workbench/feedback-desk`);
      await expect.poll(() => handler.locator('h1').textContent()).toBe('诉求办理');
      await expect.poll(() => handler.getByRole('link', { name: id }).count()).toBe(1);
      expect(await handler.getByRole('table', { name: '待办诉求' }).textContent()).toContain(
        '首次联系：计时中',
      );
      await expectNoSeriousAxeViolations(handler);
      await handler.getByRole('link', { name: id }).click();
      await expect.poll(() => handler.getByRole('heading', { name: `诉求 ${id}` }).count()).toBe(1);
      await expectNoSeriousAxeViolations(handler);

      // Contact: an empty note is sent back by the error summary, which takes focus.
      const contact = handler.getByTestId('desk-contact');
      await contact.getByRole('button', { name: '记录联系' }).click();
      await expect
        .poll(() => handler.evaluate(() => document.activeElement?.classList.contains('error-summary')))
        .toBe(true);
      await contact.getByLabel('联系情况（内部）').fill('已电话联系市民，今晚安排检修');
      await contact.getByRole('button', { name: '记录联系' }).click();
      await expect.poll(() => handler.getByTestId('desk-clocks').textContent()).toContain('首次联系：已完成');

      const reply = handler.getByTestId('desk-reply');
      await reply.getByLabel('答复类型').selectOption('final');
      await reply
        .getByLabel('答复内容')
        .fill('已修复文三路 12 号门前的路灯。如仍有问题请拨打 13812345678 联系我们。');
      await reply.getByRole('button', { name: '预览公开文本' }).click();
      await expect
        .poll(() => handler.getByTestId('desk-preview').textContent())
        .toContain('已修复文三路 ［门牌号］门前的路灯。如仍有问题请拨打 ［电话］ 联系我们。');
      await expectNoSeriousAxeViolations(handler);
      await reply.getByRole('button', { name: '确认并发布' }).click();
      await expect.poll(() => handler.getByRole('status').filter({ hasText: '已保存' }).count()).toBe(1);
      await expect.poll(() => handler.getByTestId('desk-request').textContent()).toContain('已办结');
      await staffContext.close();

      await citizen.goto(`${baseUrl}/services/feedback-track`);
      await expect.poll(() => citizen.getByRole('link', { name: id }).count()).toBe(1);
      await expectNoSeriousAxeViolations(citizen);
      await citizen.getByRole('link', { name: id }).click();
      await expect
        .poll(() => citizen.getByTestId('feedback-reply').textContent())
        .toContain('已修复文三路 ［门牌号］门前的路灯');
      const shown = (await citizen.getByTestId('feedback-request').textContent()) ?? '';
      expect(shown).not.toContain('13812345678');
      expect(shown).not.toContain('12 号');
      await expectNoSeriousAxeViolations(citizen);
      await citizen.getByRole('button', { name: '提交评价' }).click();
      await expect
        .poll(() => citizen.evaluate(() => document.activeElement?.classList.contains('error-summary')))
        .toBe(true);
      await citizen.getByLabel('满意', { exact: true }).check();
      await citizen.getByLabel('评分（选填，1–5 分）').selectOption('5');
      await citizen.getByRole('button', { name: '提交评价' }).click();
      await expect.poll(() => citizen.getByTestId('feedback-rating').textContent()).toBe('您的评价：满意');
      await expectNoSeriousAxeViolations(citizen);

      // Anyone reads the answer, redacted, on the public page, and the request in the public list and map.
      const visitorContext = await browser.newContext({ locale: 'zh-CN' });
      const visitor = await visitorContext.newPage();
      await visitor.goto(`${baseUrl}/services/feedback-public`);
      await expect.poll(() => visitor.getByRole('link', { name: id }).count()).toBe(1);
      await expectNoSeriousAxeViolations(visitor);
      await visitor.getByRole('link', { name: id }).click();
      await expect.poll(() => visitor.getByTestId('feedback-reply').textContent()).toContain('［电话］');
      const html = await visitor.content();
      for (const secret of ['13812345678', CITIZEN_PHONE, '林小溪', '今晚安排检修'])
        expect(html).not.toContain(secret);
      await visitorContext.close();
      await citizenContext.close();
    }, 300_000);
  },
);
