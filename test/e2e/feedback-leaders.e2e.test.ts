import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseBatch, createAnalysisEngine } from '../../src/modules/feedback/index.ts';
import { pathOfCode, seedGrant } from '../../src/modules/identity/index.ts';
import { listRecordEvents } from '../../src/modules/ledger/index.ts';
import { isBrowserAvailable, startWebJourney, type WebJourney } from '../support/browser.ts';
import {
  expectNoSeriousAxeViolations,
  JOURNEY_PASSWORD,
  setUpIdentityAdministrator,
  totpCode,
  XIHU,
  xihuResidentId,
} from '../support/journey-people.ts';

const XIXI = '330106004';
const CUIYUAN = '330106005';
const HOUR = 3600_000;

describe.skipIf(!isBrowserAvailable)(
  "browser journey: a district leader reads the units' ranking and acknowledges a hot topic",
  () => {
    let journey: WebJourney;
    let browser: Browser;
    let baseUrl: string;
    let totpSecret: string;
    let context: BrowserContext;
    let page: Page;
    let serial = 0;
    const phone = '13700000061';

    async function storeRequest(spec: {
      at: number;
      category: string;
      divisionCode: string;
      description: string;
      closedAfter?: number;
      point?: [number, number];
    }): Promise<string> {
      serial += 1;
      const id = randomUUID();
      const at = new Date(spec.at);
      const closedAt = spec.closedAfter === undefined ? null : new Date(spec.at + spec.closedAfter);
      await journey.t.database.db
        .insertInto('feedback_request')
        .values({
          id,
          public_id: `FB2026${String(80_000_000 + serial)}`,
          province_code: '33',
          category_code: spec.category,
          kind: 'complaint',
          urgency: 'normal',
          description: spec.description,
          attributes: JSON.stringify({}) as never,
          address: null,
          division_code: spec.divisionCode,
          division_path: pathOfCode(spec.divisionCode),
          latitude: spec.point?.[1] ?? null,
          longitude: spec.point?.[0] ?? null,
          media_url: null,
          status: closedAt ? 'closed' : 'open',
          status_notes: null,
          channel: 'web',
          contact_account_id: null,
          is_identity_disclosed: false,
          contact_name_encrypted: null,
          contact_name_masked: null,
          contact_phone_encrypted: null,
          contact_phone_masked: null,
          contact_email_encrypted: null,
          contact_email_masked: null,
          entered_by: null,
          open311_client_id: null,
          device_id: null,
          external_account_id: null,
          external_source: null,
          external_id: null,
          idempotency_scope: null,
          idempotency_key: null,
          request_fingerprint: null,
          holder_organisation_id: null,
          holder_division_path: null,
          expected_at: null,
          submitted_at: at,
          updated_at: closedAt ?? at,
          closed_at: closedAt,
        })
        .execute();
      return id;
    }

    beforeAll(async () => {
      journey = await startWebJourney();
      ({ browser, baseUrl } = journey);
      const { t } = journey;
      const db = t.database.db;
      const leader = await setUpIdentityAdministrator(t, {
        name: '周明',
        residentId: xihuResidentId('19760315', '512'),
        phone,
        officeName: '西湖区人民政府办公室',
      });
      totpSecret = leader.totpSecret;
      await seedGrant(db, t.clock, {
        accountId: leader.accountId,
        roleCode: 'feedback-leader',
        divisionCode: XIHU,
      });
      await db
        .insertInto('feedback_evaluation_scheme')
        .values({
          id: randomUUID(),
          division_code: XIHU,
          division_path: pathOfCode(XIHU),
          unit_class: 'township',
          response_within_hours: 24,
          resolution_within_days: 7,
          satisfied_min_score: 4,
          excluded_kinds: ['praise'],
          excluded_reasons: ['duplicate'],
          weight_response: '0.3',
          weight_resolution: '0.4',
          weight_satisfaction: '0.3',
          created_by: null,
          created_at: t.clock.now(),
          updated_by: null,
          updated_at: t.clock.now(),
        })
        .execute();
      // October: 翠苑 closed both of its requests within a day, 西溪 one of two, late.
      const october = new Date('2026-10-12T10:00:00+08:00').getTime();
      await storeRequest({
        at: october,
        category: 'road-damage',
        divisionCode: CUIYUAN,
        description: '路面坑洼',
        closedAfter: 20 * HOUR,
      });
      await storeRequest({
        at: october + HOUR,
        category: 'noise',
        divisionCode: CUIYUAN,
        description: '夜间施工',
        closedAfter: 5 * HOUR,
      });
      await storeRequest({
        at: october,
        category: 'road-damage',
        divisionCode: XIXI,
        description: '井盖缺失',
        closedAfter: 9 * 24 * HOUR,
      });
      await storeRequest({
        at: october + HOUR,
        category: 'noise',
        divisionCode: XIXI,
        description: '广场舞扰民',
      });
      // Four days of steady requests, then a gas smell reported six times an hour for eight hours.
      const start = new Date('2026-11-22T00:00:00+08:00').getTime();
      const background = [
        {
          category: 'noise',
          divisionCode: XIXI,
          texts: ['楼上装修电钻声不断', '夜里广场舞音响太响', '工地夜间施工噪音扰民'],
        },
        {
          category: 'sanitation',
          divisionCode: CUIYUAN,
          texts: ['小区垃圾桶满溢没人清运', '路边垃圾堆放发臭', '公厕卫生太差'],
        },
        {
          category: 'parking',
          divisionCode: CUIYUAN,
          texts: ['丰潭路违章停车占用人行道', '小区门口车辆乱停', '消防通道被占用'],
        },
      ];
      for (let hour = 0; hour < 96; hour++) {
        for (const [index, source] of background.entries())
          await storeRequest({
            at: start + hour * HOUR + index * 900_000,
            category: source.category,
            divisionCode: source.divisionCode,
            description: source.texts[(hour + index) % source.texts.length]!,
          });
        if (hour >= 80 && hour < 88)
          for (let k = 0; k < 6; k++)
            await storeRequest({
              at: start + hour * HOUR + k * 500_000 + 60_000,
              category: 'water-drainage',
              divisionCode: CUIYUAN,
              description: `嘉绿苑${k + 1}幢燃气有异味怀疑泄漏，请尽快处理`,
              point: [120.1 + k * 0.0004, 30.29 + k * 0.0002],
            });
      }
      // The live analysis takes the stored requests from its queue, as the server's worker does.
      const engine = createAnalysisEngine();
      let raised = 0;
      for (;;) {
        const outcome = await analyseBatch(db, t.clock, engine);
        if (outcome.outcome !== 'analysed') break;
        raised += outcome.raised;
        if (outcome.isQueueEmpty) break;
      }
      expect(raised).toBeGreaterThanOrEqual(1);
      // The code used to confirm the app is spent; sign-in in the browser needs the next time step.
      t.clock.advance(30_000);
    });

    afterAll(async () => {
      await context?.close();
      await journey?.close();
    });

    // Signed in once, on a phone-sized screen; the two steps below use the same page.
    beforeAll(async () => {
      context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
      page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${baseUrl}/account/sign-in`);
      await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill(phone);
      await page.getByLabel('密码').fill(JOURNEY_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      const otp = page.getByLabel('验证码');
      await otp.waitFor();
      await otp.fill(totpCode(totpSecret, journey.t.clock.now()));
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL(`${baseUrl}/account`);
    });

    it('reads the ranking as a chart and a table, the trend and the recurring problems', async () => {
      await page.goto(`${baseUrl}/dashboard/feedback-leaders`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('诉求考核与热点');
      await page.getByLabel('考核对象').selectOption('township');
      await page.getByLabel('月份').fill('2026-10');
      await page.getByRole('button', { name: '查看' }).click();
      const table = page.getByRole('table', { name: '2026-10 各单位考核结果（与 2026-09 比较）' });
      await expect.poll(() => table.count()).toBe(1);
      // Nobody acted before closing, so both answer 0 %; 翠苑 resolved 2 of 2 within 7 days, 西溪 none in time.
      const rows = table.locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(2);
      await expect.poll(() => rows.nth(0).locator('th').textContent()).toBe('翠苑街道');
      await expect.poll(() => rows.nth(1).locator('th').textContent()).toBe('西溪街道');
      const chart = page.getByRole('img', { name: /2026-10 综合得分条形图/ });
      await expect.poll(() => chart.count()).toBe(1);
      await expect.poll(() => chart.locator('svg').count()).toBe(1);
      await expect.poll(() => page.getByRole('table', { name: '近六个月辖区整体考核结果' }).count()).toBe(1);
      await expect.poll(() => page.getByRole('table', { name: '反复出现的问题' }).count()).toBe(1);
      await expectNoSeriousAxeViolations(page);
    });

    it('reads a hot-topic alert with its hourly table and acknowledges it', async () => {
      const alert = page.getByRole('heading', { name: '供排水 · 翠苑街道' }).first();
      await expect.poll(() => alert.count()).toBe(1);
      await expect.poll(() => page.locator('main').textContent()).toContain('燃气');
      await page.getByText('每小时件数（表格）').first().click();
      await expect
        .poll(() => page.getByRole('table', { name: '每小时诉求件数' }).first().isVisible())
        .toBe(true);
      await expectNoSeriousAxeViolations(page);
      // Nothing on the page scrolls sideways on a phone except the tables' own regions.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      await page.getByRole('button', { name: '签收' }).first().click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: '已签收' }).count())
        .toBeGreaterThanOrEqual(1);
      const acknowledged = await journey.t.database.db
        .selectFrom('feedback_hot_topic_alert')
        .select(['id', 'acknowledged_at'])
        .where('acknowledged_at', 'is not', null)
        .execute();
      expect(acknowledged).toHaveLength(1);
      const events = await listRecordEvents(
        journey.t.database.db,
        'feedback.hot-topic-alert',
        acknowledged[0]!.id,
        10,
      );
      expect(events.map((entry) => entry.event.action)).toEqual([
        'feedback.hot-topic.raised',
        'feedback.hot-topic.acknowledged',
      ]);
      await expectNoSeriousAxeViolations(page);
    });
  },
);
