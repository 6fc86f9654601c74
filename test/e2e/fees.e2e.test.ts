import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGrant } from '../../src/modules/identity/index.ts';
import {
  seedImplementation,
  seedServiceItem,
  type VersionContent,
} from '../../src/modules/services/index.ts';
import { isBrowserAvailable, startWebJourney, type WebJourney } from '../support/browser.ts';
import {
  expectNoSeriousAxeViolations,
  JOURNEY_PASSWORD,
  SESSION_COOKIE,
  setUpIdentityAdministrator,
  signInStaffInBrowser,
  XIHU,
  xihuResidentId,
} from '../support/journey-people.ts';

const CODE = '00-XK-00952';
const t = (zh: string, en: string) => ({ zh, en });

/** A licence charging two fee lines (80 + 20.50 yuan) under its guide, accepted in one step. */
const content: VersionContent = {
  nameZh: '收费示范许可',
  nameEn: 'Fee-charging sample licence',
  applicantType: 'person',
  statutoryLimitDays: 20,
  promisedLimitDays: 5,
  maxInPersonVisits: 1,
  departmentSlots: [],
  form: {
    schema: {
      type: 'object',
      properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
      required: ['name'],
    },
    ui: {
      pages: [
        {
          kind: 'question',
          key: 'who',
          title: t('申请人', 'Applicant'),
          fields: [{ pointer: '/name', label: t('姓名', 'Name'), widget: 'text' }],
        },
      ],
    },
  },
  guide: {
    settingBasis: [{ law: t('《示范条例》', 'Sample Regulations'), article: '第十条' }],
    implementingBasis: [],
    conditions: [t('申请人具有完全民事行为能力', 'The applicant has full civil capacity')],
    prohibitedCases: [],
    materials: [],
    processSteps: [t('申请', 'Apply'), t('受理', 'Acceptance')],
    fees: [
      {
        name: t('登记费', 'Registration fee'),
        amountYuan: '80',
        basis: t('发改价格规〔2016〕2559号', 'NDRC 2016 No. 2559'),
      },
      {
        name: t('工本费', 'Certificate fee'),
        amountYuan: '20.50',
        basis: t('财税〔2016〕79号', 'MOF 2016 No. 79'),
      },
    ],
    result: {
      name: t('示范许可证', 'Sample licence'),
      credentialType: null,
      validity: t('长期', 'Indefinite'),
      deliveryMethods: ['collect'],
    },
    offline: { place: t('西湖区政务服务中心', 'Xihu service centre'), hours: t('工作日', 'Working days') },
    remedies: {
      administrativeReview: t('西湖区人民政府', 'Xihu District Government'),
      litigation: t('西湖区人民法院', 'Xihu District People’s Court'),
    },
    contacts: { enquiry: '12345', complaint: '12345' },
    faq: [],
  },
  workflow: {
    steps: [
      {
        kind: 'task',
        key: 'receive',
        name: t('受理', 'Acceptance'),
        department: 'implementing',
        role: 'service-handler',
      },
    ],
  },
};

type Staff = { phone: string; totpSecret: string };

describe.skipIf(!isBrowserAvailable)(
  'browser journey: a supervisor waives a fee; a cashier takes a card payment and reconciles the day',
  () => {
    let journey: WebJourney;
    let browser: Browser;
    let baseUrl: string;
    let supervisor: Staff;
    let cashier: Staff;
    let waivedNumber: string;
    let paidNumber: string;
    /** The day the payment is recorded under: today in Beijing by the journey's clock. */
    let today: string;

    beforeAll(async () => {
      journey = await startWebJourney();
      ({ browser, baseUrl } = journey);
      const { t: app } = journey;
      const db = app.database.db;
      const supervisorAccount = await setUpIdentityAdministrator(app, {
        name: '费主管',
        residentId: xihuResidentId('19800303', '952'),
        phone: '13700000952',
        officeName: '西湖区行政服务中心',
      });
      await seedGrant(db, app.clock, {
        accountId: supervisorAccount.accountId,
        roleCode: 'fee-supervisor',
        divisionCode: XIHU,
      });
      supervisor = { phone: '13700000952', totpSecret: supervisorAccount.totpSecret };
      const cashierAccount = await setUpIdentityAdministrator(app, {
        name: '费收银',
        residentId: xihuResidentId('19920404', '953'),
        phone: '13700000953',
        officeName: '西湖区政务服务中心收费窗口',
      });
      await seedGrant(db, app.clock, {
        accountId: cashierAccount.accountId,
        roleCode: 'fee-cashier',
        divisionCode: XIHU,
      });
      cashier = { phone: '13700000953', totpSecret: cashierAccount.totpSecret };

      await seedServiceItem(db, app.clock, CODE, content);
      await seedImplementation(db, app.clock, CODE, XIHU, {
        implementingOrganisationId: cashierAccount.officeId,
        slotBindings: {},
        offline: {
          place: t('西湖区政务服务中心', 'Xihu service centre'),
          hours: t('工作日', 'Working days'),
        },
        contacts: { enquiry: '12345', complaint: '12345' },
        promisedLimitDays: 5,
        isOnlineEnabled: true,
      });

      // A resident applies twice through the API, as the portal would: both applications owe 100.50 yuan.
      const inject = app.app.inject.bind(app.app);
      const registered = await inject({
        method: 'POST',
        url: '/api/identity/registrations',
        payload: {
          name: '缴费人',
          residentId: xihuResidentId('19850505', '954'),
          phone: '13700000954',
          password: JOURNEY_PASSWORD,
          divisionCode: XIHU,
        },
      });
      expect(registered.statusCode).toBe(201);
      const signedIn = await inject({
        method: 'POST',
        url: '/api/identity/sessions',
        payload: { identifier: '13700000954', password: JOURNEY_PASSWORD },
      });
      expect(signedIn.statusCode).toBe(201);
      const cookie = `${SESSION_COOKIE}=${signedIn.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
      async function submittedApplication(): Promise<string> {
        const created = await inject({
          method: 'POST',
          url: '/api/services/applications',
          headers: { cookie },
          payload: { itemCode: CODE },
        });
        expect(created.statusCode).toBe(201);
        const id = created.json().id as string;
        const answered = await inject({
          method: 'PUT',
          url: `/api/services/applications/${id}/answers`,
          headers: { cookie },
          payload: { answers: { name: '缴费人' } },
        });
        expect(answered.statusCode).toBe(200);
        const submitted = await inject({
          method: 'POST',
          url: `/api/services/applications/${id}/submission`,
          headers: { cookie },
          payload: { declarationAccepted: true },
        });
        expect(submitted.statusCode).toBe(201);
        return submitted.json().number as string;
      }
      waivedNumber = await submittedApplication();
      paidNumber = await submittedApplication();
      today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(app.clock.now());
      // The codes used to confirm the apps are spent; sign-in in the browser needs the next time step.
      app.clock.advance(30_000);
    });

    afterAll(async () => {
      await journey?.close();
    });

    async function signedInPage(staff: Staff): Promise<Page> {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await signInStaffInBrowser(page, {
        baseUrl,
        identifier: staff.phone,
        totpSecret: staff.totpSecret,
        at: journey.t.clock.now(),
      });
      return page;
    }

    it('a supervisor waives a fee, and must give the reason', async () => {
      const page = await signedInPage(supervisor);
      await page.goto(`${baseUrl}/workbench/fee-waivers`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('收费减免');
      await expectNoSeriousAxeViolations(page);

      await page.getByLabel('办件编号').fill(waivedNumber);
      await page.getByRole('button', { name: '减免收费' }).click();
      const summary = page.getByRole('alert');
      await expect.poll(() => summary.textContent()).toContain('请写明减免理由。');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')))
        .toBe('alert');
      await summary.getByRole('link', { name: '请写明减免理由。' }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
        .toBe('reason');
      await expectNoSeriousAxeViolations(page);

      await page.getByLabel('减免理由').fill('申请人为最低生活保障对象，按规定免收');
      await page.getByRole('button', { name: '减免收费' }).click();
      const result = page.getByRole('status').filter({ hasText: '缴费情况' });
      await expect.poll(() => result.textContent()).toContain(`已减免办件 ${waivedNumber} 的收费。`);
      await expect.poll(() => result.getByText('已减免', { exact: true }).count()).toBe(1);
      await expect.poll(() => result.textContent()).toContain('申请人为最低生活保障对象，按规定免收');
      await expect.poll(() => page.getByRole('alert').count()).toBe(0);
      await expectNoSeriousAxeViolations(page);
      await page.context().close();
    });

    it('a cashier records a card payment and reconciles the day against the bank statement', async () => {
      const page = await signedInPage(cashier);
      await page.goto(`${baseUrl}/workbench/fees`);
      await page.getByLabel('办件编号').fill(paidNumber);
      await page.getByLabel('金额（元）').fill('100.50');
      await page.getByLabel('缴费方式').selectOption({ label: '刷卡（POS）' });
      await page.getByLabel('收据号').fill('POS-0952');
      await page.getByRole('button', { name: '登记缴费' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: '缴费情况' }).textContent())
        .toContain('已缴清');

      await page.goto(`${baseUrl}/workbench/fee-reconciliation`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('每日对账');
      await expectNoSeriousAxeViolations(page);
      await page.getByLabel('行政区划代码').fill(XIHU);
      await page.getByLabel('对账日期').fill(today);

      // A statement with a line of another day: the summary names the line and leads to the file field.
      const statementField = page.getByLabel('银行对账单（CSV 文件）');
      await statementField.setInputFiles({
        name: 'statement.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`date,reference,amount\n${today},POS-0952,100.50\n2000-01-01,TRF-7731,50.00\n`),
      });
      await page.getByRole('button', { name: '开始对账' }).click();
      const summary = page.getByRole('alert');
      await expect.poll(() => summary.textContent()).toContain('对账单第 3 行');
      await summary.getByRole('link', { name: /对账单第 3 行/ }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
        .toBe('statementCsv');
      await expectNoSeriousAxeViolations(page);

      await statementField.setInputFiles({
        name: 'statement.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`date,reference,amount\n${today},POS-0952,100.50\n${today},TRF-7731,50.00\n`),
      });
      await page.getByRole('button', { name: '开始对账' }).click();
      const entries = page.getByRole('table', { name: '对账明细' });
      await expect.poll(() => entries.count()).toBe(1);
      await expect.poll(() => page.getByRole('alert').count()).toBe(0);
      const rows = await entries
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (cell) => cell.textContent)));
      expect(rows).toEqual([
        ['POS-0952', '相符', '100.50', '100.50'],
        ['TRF-7731', '无对应登记', '—', '50.00'],
      ]);
      await expect.poll(() => page.getByText('账目不符').count()).toBe(1);
      // At 390 px the report's table scrolls in its own box; the page itself does not scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectNoSeriousAxeViolations(page);
      await page.context().close();
    });
  },
);
