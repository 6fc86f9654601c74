import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGrant } from '../../src/modules/identity/index.ts';
import { integrateBatch, resolveLedgerKeys } from '../../src/modules/ledger/index.ts';
import { DATA_SHARING_OFFICER, loadLocalRecords } from '../../src/modules/sharing/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import { isBrowserAvailable, startWebJourney, type WebJourney } from '../support/browser.ts';
import {
  expectNoSeriousAxeViolations,
  JOURNEY_PASSWORD,
  setUpIdentityAdministrator,
  totpCode,
  XIHU,
  xihuResidentId,
} from '../support/journey-people.ts';

const CITIZEN_PHONE = '13922225555';
const CITIZEN_RESIDENT_ID = xihuResidentId('19880808', '463');
const CITIZEN_PHONE_ON_RECORD = '13922225555';
const OWNER_PHONE = '13700000051';
const CONSUMER_PHONE = '13700000052';
const RESOURCE_CODE = 'XH-HJ-001';
const PURPOSE = '核实低保申请人的户籍';
const phoneSized = { locale: 'zh-CN', viewport: { width: 390, height: 844 } };

describe.skipIf(!isBrowserAvailable)(
  'browser journey: departments agree to share, a system queries the hub, the citizen sees and stops it',
  () => {
    let journey: WebJourney;
    let browser: Browser;
    let baseUrl: string;
    const officers: Record<'owner' | 'consumer', { totpSecret: string; phone: string }> = {
      owner: { totpSecret: '', phone: OWNER_PHONE },
      consumer: { totpSecret: '', phone: CONSUMER_PHONE },
    };

    beforeAll(async () => {
      journey = await startWebJourney();
      ({ browser, baseUrl } = journey);
      const { t } = journey;
      const registered = await t.app.inject({
        method: 'POST',
        url: '/api/identity/registrations',
        payload: {
          name: '周晓岚',
          residentId: CITIZEN_RESIDENT_ID,
          phone: CITIZEN_PHONE,
          password: JOURNEY_PASSWORD,
          divisionCode: '330106004',
        },
      });
      expect(registered.statusCode).toBe(201);

      // Each officer gets their own department, which the helper creates in Xihu district.
      const owner = await setUpIdentityAdministrator(t, {
        name: '钱户籍',
        residentId: xihuResidentId('19800101', '511'),
        phone: OWNER_PHONE,
        officeName: '西湖区公安分局',
      });
      const consumer = await setUpIdentityAdministrator(t, {
        name: '孙民政',
        residentId: xihuResidentId('19820202', '522'),
        phone: CONSUMER_PHONE,
        officeName: '西湖区民政局',
      });
      officers.owner.totpSecret = owner.totpSecret;
      officers.consumer.totpSecret = consumer.totpSecret;
      for (const officer of [owner, consumer])
        await seedGrant(t.database.db, t.clock, {
          accountId: officer.accountId,
          roleCode: DATA_SHARING_OFFICER,
          divisionCode: XIHU,
          organisationId: officer.officeId,
        });

      const resource = await t.app.inject({
        method: 'POST',
        url: '/api/sharing/resources',
        headers: { cookie: owner.cookie },
        payload: {
          code: RESOURCE_CODE,
          name: '户籍人口信息',
          description: '西湖区常住户籍人口的基本信息',
          legalBasis: '《户口登记条例》',
          updateFrequency: 'daily',
          fields: [
            {
              name: 'name',
              type: 'person-name',
              description: '姓名',
              grade: 'important',
              isPersonal: true,
              isSensitive: false,
            },
            {
              name: 'residentId',
              type: 'resident-id',
              description: '公民身份号码',
              grade: 'core',
              isPersonal: true,
              isSensitive: true,
            },
            {
              name: 'phone',
              type: 'phone',
              description: '联系电话',
              grade: 'important',
              isPersonal: true,
              isSensitive: false,
            },
            {
              name: 'address',
              type: 'string',
              description: '户籍地址',
              grade: 'important',
              isPersonal: true,
              isSensitive: false,
            },
          ],
          sharingType: 'conditional',
          sharingConditions: '仅用于法定职责范围内的业务办理',
          openType: 'not-open',
          accessMethod: 'local',
          subjectField: 'residentId',
          requiresConsent: true,
        },
      });
      expect(resource.statusCode, resource.body).toBe(201);
      await loadLocalRecords(
        t.database.db,
        { clock: t.clock, vault: createVault(t.config.vaultKeys) },
        { accountId: owner.accountId, organisationId: owner.officeId },
        RESOURCE_CODE,
        [
          {
            divisionCode: '330106004',
            values: {
              name: '周晓岚',
              residentId: CITIZEN_RESIDENT_ID,
              phone: CITIZEN_PHONE_ON_RECORD,
              address: '西溪路 18 号',
            },
          },
        ],
      );
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

    async function openAs(officer: { phone: string; totpSecret?: string }) {
      const context = await browser.newContext(phoneSized);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signIn(page, officer.phone, officer.totpSecret);
      return page;
    }

    /** Nothing wider than the phone's screen: no sideways scrolling to read a page. */
    function fitsTheScreen(page: Page) {
      return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    }

    function queryHub(apiKey: string) {
      return fetch(`${baseUrl}/api/sharing/hub/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sharing-key': apiKey },
        body: JSON.stringify({
          resourceCode: RESOURCE_CODE,
          subject: CITIZEN_RESIDENT_ID,
          purpose: PURPOSE,
          caseNumber: 'DB-2026-0042',
          endUser: '孙民政',
        }),
      });
    }

    it('requests, approves fewer fields, exchanges masked data, proves it to the citizen, and stops on withdrawal', async () => {
      // The consumer's officer finds the resource and asks for all its fields.
      const consumer = await openAs(officers.consumer);
      await consumer.goto(`${baseUrl}/workbench/data-catalogue`);
      await consumer.getByLabel('按名称、编码、说明或字段查找').fill('户籍');
      await consumer.getByRole('button', { name: '查找', exact: true }).click();
      await consumer.getByRole('button', { name: '查看“户籍人口信息”' }).click();
      expect(await consumer.getByRole('table', { name: '字段' }).textContent()).toContain('敏感个人信息');
      await consumer.getByRole('button', { name: '提交申请' }).click();
      await expect.poll(() => consumer.getByRole('alert').first().textContent()).toContain('请填写用途');
      await consumer.getByLabel('用途').fill(PURPOSE);
      await consumer.getByLabel('法律依据').fill('《社会救助暂行办法》第十一条');
      await consumer.getByRole('button', { name: '提交申请' }).click();
      await expect.poll(() => consumer.getByRole('status').last().textContent()).toContain('申请已提交');
      await expectNoSeriousAxeViolations(consumer);

      // The owner approves fewer fields: no address, and the phone leaves masked.
      const owner = await openAs(officers.owner);
      await owner.goto(`${baseUrl}/workbench/data-requests`);
      await owner.getByRole('button', { name: '审批“户籍人口信息”的申请' }).click();
      await owner.getByLabel('共享 address').uncheck();
      await owner.getByLabel('phone 脱敏').check();
      await expectNoSeriousAxeViolations(owner);
      expect(await fitsTheScreen(owner)).toBe(true);
      await owner.getByRole('button', { name: '批准', exact: true }).click();
      await expect.poll(() => owner.getByTestId('sharing-request').textContent()).toContain('已批准');
      await owner.goto(`${baseUrl}/workbench/data-agreements`);
      await expect.poll(() => owner.getByTestId('sharing-agreement').textContent()).toContain('phone');
      expect(await owner.getByTestId('sharing-agreement').textContent()).toContain('生效');

      // The consumer registers its system and sees the key once.
      await consumer.goto(`${baseUrl}/workbench/data-systems`);
      await consumer.getByLabel('系统名称').fill('低保审核系统');
      await consumer.getByRole('button', { name: '登记并签发密钥' }).click();
      await expect.poll(() => consumer.getByTestId('issued-api-key').count()).toBe(1);
      const apiKey = (await consumer.getByTestId('issued-api-key').textContent()) ?? '';
      expect(apiKey.length).toBeGreaterThan(16);

      // Without the citizen's consent the hub refuses.
      const beforeConsent = await queryHub(apiKey);
      expect(beforeConsent.status).toBe(403);
      expect((await beforeConsent.json()).detail).toContain('consent');

      // The citizen consents for this purpose.
      const citizen = await openAs({ phone: CITIZEN_PHONE });
      await citizen.goto(`${baseUrl}/services/data-consents`);
      await citizen.getByRole('button', { name: '同意西湖区民政局为此用途使用' }).click();
      await expect.poll(() => citizen.getByTestId('consent').count()).toBe(1);
      await expectNoSeriousAxeViolations(citizen);

      const answered = await queryHub(apiKey);
      expect(answered.status).toBe(200);
      const answer = await answered.json();
      expect(Object.keys(answer.record).sort()).toEqual(['name', 'phone', 'residentId']);
      expect(answer.record.name).toBe('周晓岚');
      expect(answer.maskedFields).toEqual(['phone']);
      expect(answer.record.phone).not.toBe(CITIZEN_PHONE_ON_RECORD);
      expect(answer.record.phone).toContain('*');

      // Once the ledger has folded the access into a signed checkpoint, the citizen's browser proves it.
      journey.t.clock.advance(60_000);
      await integrateBatch(journey.t.database.db, resolveLedgerKeys(journey.t.config), journey.t.clock);
      await citizen.goto(`${baseUrl}/services/my-data-accesses`);
      const access = citizen.getByTestId('data-access');
      await expect.poll(() => access.count()).toBe(1);
      expect(await access.textContent()).toContain('西湖区民政局');
      expect(await access.textContent()).toContain('DB-2026-0042');
      expect(await access.textContent()).toContain(PURPOSE);
      await expect.poll(() => citizen.getByTestId('access-proof').textContent()).toBe('已验证');
      await expectNoSeriousAxeViolations(citizen);
      expect(await fitsTheScreen(citizen)).toBe(true);
      await citizen.getByRole('button', { name: /English/ }).click();
      await expect.poll(() => citizen.locator('h1').textContent()).toBe('Who used my data');
      await expect.poll(() => citizen.getByTestId('access-proof').textContent()).toBe('Verified');
      await citizen.getByRole('button', { name: /中文/ }).click();
      await expect.poll(() => citizen.locator('h1').textContent()).toBe('我的数据使用记录');

      // The citizen withdraws the consent; the next exchange is refused, saying why.
      await citizen.goto(`${baseUrl}/services/data-consents`);
      await citizen.getByRole('button', { name: '撤回对西湖区民政局的授权' }).click();
      // The button's own label says 撤回 too: wait for the date of the withdrawal.
      await expect.poll(() => citizen.getByTestId('consent').textContent()).toMatch(/已于 .+ 撤回/);
      const afterWithdrawal = await queryHub(apiKey);
      expect(afterWithdrawal.status).toBe(403);
      const refusal = await afterWithdrawal.json();
      expect(refusal.code).toBe('sharing.consent-revoked');
      expect(refusal.detail).toContain('withdrew their consent');

      // The owner's oversight shows the exchange and who made it.
      await owner.goto(`${baseUrl}/dashboard/data-sharing`);
      const consumers = owner.getByRole('table', { name: '调用最多的部门' });
      await expect.poll(() => consumers.count()).toBe(1);
      expect(await consumers.textContent()).toContain('西湖区民政局');
      const exchanges = await owner.getByRole('table', { name: '每日调用次数（准予与拒绝）' }).textContent();
      expect(exchanges).toMatch(/\d{4}-\d{2}-\d{2}/);
      await expectNoSeriousAxeViolations(owner);
      expect(await fitsTheScreen(owner)).toBe(true);

      // The owner suspends the agreement, saying why.
      await owner.goto(`${baseUrl}/workbench/data-agreements`);
      const agreement = owner.getByTestId('sharing-agreement');
      await owner.getByRole('button', { name: '暂停', exact: true }).click();
      await expect.poll(() => agreement.textContent()).toContain('请填写理由');
      await owner.getByLabel('暂停、恢复或撤销的理由').fill('核查调用记录期间暂停');
      await owner.getByRole('button', { name: '暂停', exact: true }).click();
      await expect.poll(() => agreement.textContent()).toContain('已暂停');
      expect(await agreement.textContent()).toContain('核查调用记录期间暂停');
      await expectNoSeriousAxeViolations(owner);
    });
  },
);
