import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZENS, DEMO_PASSWORD } from '../../seed/demo/identity.ts';
import { demoSteps } from '../../seed/demo/index.ts';
import { issueCredential } from '../../src/modules/credentials/index.ts';
import { findAccountIdByResidentId, seedGrant, seedPersonAccount } from '../../src/modules/identity/index.ts';
import { integrateBatch, resolveLedgerKeys } from '../../src/modules/ledger/index.ts';
import {
  getGuide,
  seedImplementation,
  seedServiceItem,
  type VersionContent,
} from '../../src/modules/services/index.ts';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import { isBrowserAvailable, startWebJourney, type WebJourney } from '../support/browser.ts';
import {
  expectNoSeriousAxeViolations,
  JOURNEY_PASSWORD,
  SESSION_COOKIE,
  totpCode,
  XIHU,
  xihuResidentId,
} from '../support/journey-people.ts';

const CODE = '00-QR-00990';
const t = (zh: string, en: string) => ({ zh, en });
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * A residence certificate applied for online: the form asks the certificate's claims (name and resident
 * number pre-filled from the applicant's identity, the address from the licence in the wallet), has an
 * exit page, a branch with an upload, the licence shared instead of uploaded, and the market bureau and
 * the enforcement team examine it in parallel after acceptance.
 */
const content: VersionContent = {
  nameZh: '居住证明开具',
  nameEn: 'Certificate of residence',
  applicantType: 'person',
  statutoryLimitDays: 20,
  promisedLimitDays: 5,
  maxInPersonVisits: 0,
  departmentSlots: [{ key: 'site-check', name: t('现场核查机构', 'On-site inspection body') }],
  form: {
    schema: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100 },
        residentId: { type: 'string', pattern: '^[0-9]{17}[0-9X]$' },
        livesHere: { type: 'boolean' },
        address: { type: 'string', minLength: 4, maxLength: 300, readOnly: false },
        basis: { type: 'string', enum: ['work', 'housing'] },
        leaseScan: { type: 'string' },
        employer: { type: 'string', minLength: 2, maxLength: 100 },
      },
      required: ['name', 'residentId', 'livesHere', 'address', 'basis'],
      additionalProperties: false,
    },
    ui: {
      pages: [
        {
          kind: 'question',
          key: 'who',
          title: t('申请人', 'Applicant'),
          fields: [
            { pointer: '/name', label: t('姓名', 'Name'), widget: 'text', prefill: 'identity.name' },
            {
              pointer: '/residentId',
              label: t('公民身份号码', 'Resident ID number'),
              widget: 'text',
              prefill: 'identity.residentId',
            },
          ],
        },
        {
          kind: 'question',
          key: 'residence',
          title: t('居住情况', 'Residence'),
          fields: [
            {
              pointer: '/livesHere',
              label: t('您现在是否居住在西湖区？', 'Do you live in Xihu?'),
              widget: 'yes-no',
            },
          ],
        },
        {
          kind: 'exit',
          key: 'elsewhere',
          title: t('请向居住地申请', 'Apply where you live'),
          message: t(
            '居住证明由居住地开具，请向您现在居住地的政务服务中心申请。',
            'The certificate is issued where you live: apply to the service centre there.',
          ),
          showIf: { pointer: '/livesHere', equals: false },
        },
        {
          kind: 'question',
          key: 'address',
          title: t('居住地址与依据', 'Address and basis'),
          fields: [
            {
              pointer: '/address',
              label: t('居住地址', 'Address'),
              widget: 'text',
              prefill: 'credential:individual-business-licence#premises',
            },
            {
              pointer: '/basis',
              label: t('居住依据', 'Basis'),
              widget: 'choice',
              options: [
                { value: 'work', label: t('合法稳定就业', 'Stable lawful work') },
                { value: 'housing', label: t('合法稳定住所（租房）', 'Stable lawful housing (rented)') },
              ],
            },
          ],
        },
        {
          kind: 'question',
          key: 'lease',
          title: t('租赁合同', 'Lease'),
          showIf: { pointer: '/basis', equals: 'housing' },
          fields: [
            {
              pointer: '/leaseScan',
              label: t('租赁合同扫描件', 'Scan of the lease'),
              widget: 'file',
              file: { accept: ['application/pdf'], maxBytes: 1_048_576 },
            },
          ],
        },
        {
          kind: 'question',
          key: 'work',
          title: t('就业单位', 'Employer'),
          showIf: { pointer: '/basis', equals: 'work' },
          fields: [{ pointer: '/employer', label: t('就业单位名称', 'Employer'), widget: 'text' }],
        },
      ],
    },
  },
  guide: {
    settingBasis: [
      { law: t('《居住证暂行条例》', 'Interim Regulations on Residence Certificates'), article: '第二条' },
    ],
    implementingBasis: [],
    conditions: [t('在西湖区居住', 'Living in Xihu')],
    prohibitedCases: [],
    processSteps: [t('申请', 'Apply'), t('受理', 'Acceptance'), t('审查与核查', 'Examination')],
    fees: [],
    offline: { place: t('西湖区政务服务中心', 'Xihu service centre'), hours: t('工作日', 'Working days') },
    remedies: {
      administrativeReview: t('西湖区人民政府', 'Xihu District Government'),
      litigation: t('西湖区人民法院', 'Xihu District People’s Court'),
    },
    contacts: { enquiry: '0571-87654321', complaint: '0571-12345' },
    faq: [],
    materials: [
      {
        key: 'licence',
        name: t('个体工商户营业执照', 'Individual business licence'),
        forms: ['electronic'],
        count: 1,
        source: t('市场监督管理部门', 'Market regulation'),
        requirement: 'conditional',
        condition: t('以经营场所为居住地的', 'Where one lives at the business premises'),
        obtainableBySharing: { credentialType: 'individual-business-licence' },
      },
    ],
    result: {
      name: t('居住证明', 'Certificate of residence'),
      credentialType: 'residence-certificate',
      validity: t('一年', 'One year'),
      deliveryMethods: ['electronic'],
    },
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
      {
        kind: 'parallel',
        key: 'examine',
        name: t('审查与核查', 'Examination'),
        branches: [
          [
            {
              kind: 'task',
              key: 'desk-review',
              name: t('材料审查', 'Desk review'),
              department: 'implementing',
              role: 'service-handler',
            },
          ],
          [
            {
              kind: 'task',
              key: 'site-check',
              name: t('现场核查', 'On-site check'),
              department: 'site-check',
              role: 'service-handler',
            },
          ],
        ],
      },
    ],
  },
};

type Handler = { phone: string; totpSecret: string };

describe.skipIf(!isBrowserAvailable)(
  'browser journey: a citizen applies online, two departments approve, the certificate verifies',
  () => {
    let journey: WebJourney;
    let browser: Browser;
    let baseUrl: string;
    let marketHandler: Handler;
    let inspector: Handler;
    const citizen = DEMO_CITIZENS[0]!;

    /** A member of staff of the department with the handler role, who has enrolled an authenticator. */
    async function seedHandler(phone: string, serial: string, organisationId: string): Promise<Handler> {
      const { t: app } = journey;
      const vault = createVault(app.config.vaultKeys);
      const accountId = await seedPersonAccount(
        app.database.db,
        { clock: app.clock, vault },
        {
          kind: 'staff',
          name: `办理${serial}`,
          residentId: xihuResidentId('19900101', serial),
          phone,
          password: JOURNEY_PASSWORD,
          organisationId,
        },
      );
      await seedGrant(app.database.db, app.clock, {
        accountId,
        roleCode: 'service-handler',
        divisionCode: XIHU,
        organisationId,
      });
      const signedIn = await app.app.inject({
        method: 'POST',
        url: '/api/identity/sessions',
        payload: { identifier: phone, password: JOURNEY_PASSWORD },
      });
      expect(signedIn.statusCode).toBe(201);
      const cookie = `${SESSION_COOKIE}=${signedIn.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
      const enrolment = await app.app.inject({
        method: 'POST',
        url: '/api/identity/totp',
        headers: { cookie },
      });
      const totpSecret = enrolment.json().secret as string;
      const confirmed = await app.app.inject({
        method: 'POST',
        url: '/api/identity/totp/confirmation',
        headers: { cookie },
        payload: { code: totpCode(totpSecret, app.clock.now()) },
      });
      expect(confirmed.statusCode).toBe(204);
      return { phone, totpSecret };
    }

    beforeAll(async () => {
      journey = await startWebJourney();
      ({ browser, baseUrl } = journey);
      const { t: app } = journey;
      const db = app.database.db;
      const vault = createVault(app.config.vaultKeys);
      await runSeedSteps(db, app.clock, demoSteps, { vault });
      // The market bureau and its enforcement team the demo catalogue serves 西湖区 with.
      const food = await getGuide(db, '00-XK-00102-SL', { divisionCode: XIHU });
      const market = food.implementation!.organisationId;
      const enforcement = food.implementation!.slots.find((slot) => slot.key === 'site-inspection')!
        .organisationId!;
      await seedServiceItem(db, app.clock, CODE, content);
      await seedImplementation(db, app.clock, CODE, XIHU, {
        implementingOrganisationId: market,
        slotBindings: { 'site-check': enforcement },
        offline: {
          place: t('西湖区政务服务中心', 'Xihu service centre'),
          hours: t('工作日', 'Working days'),
        },
        contacts: { enquiry: '0571-87654321', complaint: '0571-12345' },
        promisedLimitDays: 5,
        isOnlineEnabled: true,
      });
      // The licence the citizen already holds, to be reused: its premises pre-fill the address.
      const citizenId = (await findAccountIdByResidentId(db, vault, citizen.residentId))!;
      await issueCredential(
        db,
        { clock: app.clock, vault },
        {
          type: 'individual-business-licence',
          issuerOrganisationId: market,
          holder: { kind: 'person', id: citizenId },
          claims: {
            businessName: '西溪小西便利店',
            creditCode: '92330106MA2DEM0010',
            operatorName: citizen.name,
            form: '个人经营',
            premises: '杭州市西湖区西溪路 88 号',
            businessScope: '日用百货零售',
            registeredOn: '2024-05-20',
          },
          validFrom: new Date('2024-05-20T00:00:00+08:00'),
        },
        { kind: 'system', id: 'journey' },
      );
      marketHandler = await seedHandler('13700000051', '517', market);
      inspector = await seedHandler('13700000052', '528', enforcement);
      await integrateBatch(db, resolveLedgerKeys(app.config), app.clock);
      // The codes used to confirm the authenticators are spent; sign-in needs the next time step.
      app.clock.advance(30_000);
    });

    afterAll(async () => {
      await journey?.close();
    });

    async function signInAsHandler(page: Page, handler: Handler) {
      await page.goto(`${baseUrl}/account/sign-in`);
      await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill(handler.phone);
      await page.getByLabel('密码').fill(JOURNEY_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      const otp = page.getByLabel('验证码');
      await expect.poll(() => otp.count()).toBe(1);
      await otp.fill(totpCode(handler.totpSecret, journey.t.clock.now()));
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL(`${baseUrl}/account`);
    }

    /** Opens the step from the queue and takes each action on it in turn, as a handler would. */
    async function actInWorkbench(page: Page, step: string, actions: string[]) {
      await page.goto(`${baseUrl}/workbench/cases`);
      await page.getByRole('link', { name: `办理：${step}` }).click();
      await expect.poll(() => page.getByRole('heading', { name: `环节：${step}` }).count()).toBe(1);
      await expectNoSeriousAxeViolations(page);
      for (const action of actions) {
        await expect
          .poll(() => page.getByLabel('操作').locator('option').allTextContents())
          .toContain(action);
        await page.getByLabel('操作').selectOption({ label: action });
        await page.getByRole('button', { name: '提交' }).click();
        await expect
          .poll(() => page.getByRole('status').filter({ hasText: '已提交' }).textContent())
          .toContain(action);
      }
    }

    const continueButton = (page: Page) => page.getByRole('button', { name: '保存并继续' });
    const heading = (page: Page) => page.locator('h1').textContent();

    it('finds, applies with pre-fill and a shared licence, resumes a draft, submits; two departments approve; the certificate verifies', async () => {
      const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/account/sign-in`);
      await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill(citizen.residentId);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL(`${baseUrl}/account`);

      // Finds the item by search and opens its guide, then applies online.
      await page.goto(`${baseUrl}/services`);
      await page.getByLabel('搜索事项').fill('居住证明');
      await page.getByRole('button', { name: '搜索' }).click();
      await page
        .getByRole('link', { name: /居住证明开具/ })
        .first()
        .click();
      await expect.poll(() => heading(page)).toBe('居住证明开具');
      await page.getByRole('link', { name: '在线办理' }).click();

      // Page 1: name and resident number pre-filled from the verified identity, not editable.
      await page.waitForURL(/\/services\/applications\/[0-9a-f-]+\/form/);
      await expect.poll(() => heading(page)).toBe('申请人');
      const name = page.getByTestId('prefilled/name');
      await expect.poll(() => name.getByRole('textbox').inputValue()).toBe(citizen.name);
      expect(await name.textContent()).toContain('已核验');
      expect(await name.textContent()).toContain('实名认证的身份信息');
      expect(await name.getByRole('textbox').getAttribute('readonly')).not.toBeNull();
      expect(await page.getByTestId('prefilled/residentId').getByRole('textbox').inputValue()).toBe(
        citizen.residentId,
      );
      await expectNoSeriousAxeViolations(page);
      await continueButton(page).click();

      // Page 2: nothing chosen is an error in the summary; "no" leads to the exit page.
      await expect.poll(() => heading(page)).toBe('居住情况');
      await continueButton(page).click();
      const summary = page.getByRole('alert');
      await expect.poll(() => summary.textContent()).toContain('请选择“您现在是否居住在西湖区？”');
      await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
      await expectNoSeriousAxeViolations(page);
      await page.getByLabel('否', { exact: true }).check();
      await continueButton(page).click();
      await expect.poll(() => heading(page)).toBe('您不能在线办理这个事项');
      expect(await page.getByTestId('exit-page').textContent()).toContain(
        '请向您现在居住地的政务服务中心申请',
      );
      await expectNoSeriousAxeViolations(page);
      await page.getByRole('link', { name: '修改上一个回答' }).click();
      await expect.poll(() => heading(page)).toBe('居住情况');
      await page.getByLabel('是', { exact: true }).check();
      await continueButton(page).click();

      // Page 3: the address comes from the licence in the wallet (editable: the schema allows it).
      await expect.poll(() => heading(page)).toBe('居住地址与依据');
      const address = page.getByLabel('居住地址', { exact: true });
      await expect.poll(() => address.inputValue()).toBe('杭州市西湖区西溪路 88 号');
      expect(await page.locator('.prefill').first().textContent()).toContain('电子证照“个体工商户营业执照”');
      await page.getByLabel('合法稳定住所（租房）').check();
      await continueButton(page).click();

      // Page 4, shown for rented housing only: an upload the server refuses by its bytes, then a PDF.
      await expect.poll(() => heading(page)).toBe('租赁合同');
      expect(await page.getByText('可上传 PDF 格式，不超过 1 MB。').count()).toBe(1);
      const fileInput = page.getByLabel('租赁合同扫描件');
      await fileInput.setInputFiles({
        name: 'lease.txt',
        mimeType: 'application/pdf',
        buffer: Buffer.from('not a pdf'),
      });
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('文件无法接收');
      await expectNoSeriousAxeViolations(page);
      await fileInput.setInputFiles({ name: 'lease.pdf', mimeType: 'application/pdf', buffer: PDF });
      await expect.poll(() => page.locator('.application__upload').textContent()).toContain('已上传：PDF');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: '草稿已于' }).count()).toBe(1);

      // Resumes from "my applications".
      await page.goto(`${baseUrl}/services/applications`);
      await expect.poll(() => heading(page)).toBe('我的办件');
      await expect.poll(() => page.getByTestId('draft-row').count()).toBe(1);
      await expectNoSeriousAxeViolations(page);
      await page.getByRole('link', { name: '继续填写居住证明开具' }).click();
      await expect.poll(() => heading(page)).toBe('申请人');
      await continueButton(page).click();
      await expect.poll(() => page.getByLabel('是', { exact: true }).isChecked()).toBe(true);
      await continueButton(page).click();
      await expect.poll(() => page.getByLabel('合法稳定住所（租房）').isChecked()).toBe(true);
      await continueButton(page).click();
      await expect.poll(() => page.locator('.application__upload').textContent()).toContain('已上传：PDF');
      await continueButton(page).click();

      // Check your answers, on a phone: answers, the shared licence, and the declaration first.
      await page.setViewportSize({ width: 360, height: 740 });
      await expect.poll(() => heading(page)).toBe('核对您的申请');
      expect(await page.getByTestId('answer/address').textContent()).toBe('杭州市西湖区西溪路 88 号');
      expect(await page.getByTestId('answer/basis').textContent()).toBe('合法稳定住所（租房）');
      expect(await page.getByTestId('shared-material').textContent()).toContain('已从您的电子证照中获取');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoSeriousAxeViolations(page);
      await page.getByRole('button', { name: '确认并提交' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('提交前请勾选声明');
      await page.getByLabel(/我承诺所填写的信息/).check();
      await page.getByRole('button', { name: '确认并提交' }).click();

      // The tracking page: the number, the state and the check code.
      await page.waitForURL(/\/services\/applications\/[0-9a-f-]+$/);
      await expect.poll(() => page.getByRole('status').filter({ hasText: '申请已提交' }).count()).toBe(1);
      expect(await page.getByTestId('application-state').textContent()).toBe('已提交，等待受理');
      const checkCode = (await page.getByTestId('check-code').textContent())!;
      const number = /办件编号是 (\S+)，/.exec(
        (await page.getByRole('status').filter({ hasText: '申请已提交' }).textContent()) ?? '',
      )?.[1];
      expect(number).toMatch(/^330106-\d{8}-\d{6}[0-9X]$/);
      expect(await page.getByTestId('history').textContent()).toContain(`办件 ${number} 已提交`);
      await expectNoSeriousAxeViolations(page);
      await page.setViewportSize({ width: 1280, height: 800 });
      const trackingUrl = page.url();

      // The market bureau accepts and reviews, the enforcement team checks on site, in parallel.
      const staffContext = await browser.newContext({ locale: 'zh-CN' });
      const staffPage = await staffContext.newPage();
      await signInAsHandler(staffPage, marketHandler);
      await actInWorkbench(staffPage, '受理', ['受理', '同意']);
      await actInWorkbench(staffPage, '材料审查', ['同意']);
      await staffContext.close();
      const inspectorContext = await browser.newContext({ locale: 'zh-CN' });
      const inspectorPage = await inspectorContext.newPage();
      await signInAsHandler(inspectorPage, inspector);
      await actInWorkbench(inspectorPage, '现场核查', ['同意']);
      await inspectorContext.close();

      await integrateBatch(journey.t.database.db, resolveLedgerKeys(journey.t.config), journey.t.clock);

      // Approved: the certificate is in the wallet, its history shows each step; the citizen rates it.
      await page.goto(trackingUrl);
      await expect.poll(() => page.getByTestId('application-state').textContent()).toBe('已办结（准予）');
      const history = (await page.getByTestId('history').textContent()) ?? '';
      expect(history).toContain('已受理');
      expect(history).toContain('已办结（准予）');
      const certificate = page.getByText(/您的证照已发放到电子证照夹，证照编号 /);
      const identifier = /证照编号 (\S+)。/.exec((await certificate.textContent()) ?? '')?.[1] ?? '';
      expect(identifier).toContain('residence-certificate');
      await expectNoSeriousAxeViolations(page);
      await page.getByRole('button', { name: '提交评价' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('请选择评分');
      await page.getByLabel('5 分 非常满意').check();
      await page.getByLabel('意见或建议（选填）').fill('全程网办，很方便');
      await page.getByRole('button', { name: '提交评价' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: '感谢您的评价' }).count()).toBe(1);

      await page.getByRole('link', { name: '打开我的电子证照' }).click();
      await page.waitForURL(`${baseUrl}/account/wallet`);
      const card = page.getByTestId('wallet-credential').filter({ hasText: '居住证' });
      await expect.poll(() => card.count()).toBe(1);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        card.getByRole('link', { name: '下载 PDF' }).click(),
      ]);
      expect(
        readFileSync(await download.path())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');

      // Its identifier verifies on the public page; the same record with a changed claim does not.
      await page.goto(`${baseUrl}/verify/${encodeURIComponent(identifier)}`);
      await expect.poll(() => page.getByTestId('verdict').getAttribute('data-verdict')).toBe('valid');
      await expectNoSeriousAxeViolations(page);
      const wallet = await page.evaluate(async () => (await fetch('/api/credentials/wallet')).json());
      const record: string = wallet.credentials.find(
        (held: { identifier: string }) => held.identifier === identifier,
      ).record;
      const [header, payload, signature] = record.split('.') as [string, string, string];
      const claims = Buffer.from(payload, 'base64url')
        .toString('utf8')
        .replace('西溪路 88 号', '西溪路 99 号');
      expect(claims).toContain('西溪路 99 号');
      await page.goto(`${baseUrl}/verify`);
      await page
        .getByLabel('签名记录、链接或证照编号')
        .fill(`${header}.${Buffer.from(claims, 'utf8').toString('base64url')}.${signature}`);
      await page.getByRole('button', { name: '核验' }).click();
      await expect.poll(() => page.getByTestId('verdict').getAttribute('data-verdict')).toBe('invalid');

      // Anyone with the number and check code sees the state, and nothing personal.
      const visitor = await browser.newContext({ locale: 'zh-CN' });
      const publicPage = await visitor.newPage();
      await publicPage.goto(`${baseUrl}/services/status`);
      await publicPage.getByLabel('办件编号').fill(number!);
      await publicPage.getByLabel('查询码').fill('00000000');
      await publicPage.getByRole('button', { name: '查询' }).click();
      await expect.poll(() => publicPage.getByRole('alert').textContent()).toContain('没有找到这份办件');
      await publicPage.getByLabel('查询码').fill(checkCode);
      await publicPage.getByRole('button', { name: '查询' }).click();
      await expect
        .poll(() => publicPage.getByTestId('public-status').textContent())
        .toContain('已办结（准予）');
      expect(await publicPage.content()).not.toContain(citizen.name);
      expect(await publicPage.content()).not.toContain(citizen.residentId);
      await expectNoSeriousAxeViolations(publicPage);
      await visitor.close();
      await context.close();
      // The whole journey, four sign-ins and a dozen pages each checked by axe, on two shared cores.
    }, 300_000);
  },
);
