import { createHmac, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../../src/platform/identifiers/index.ts';
import {
  isBrowserAvailable,
  seriousAxeViolations,
  startWebJourney,
  type WebJourney,
} from '../support/browser.ts';

async function expectNoSeriousAxeViolations(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

const XIHU = '330106';
const PASSWORD = 'lantern harbour violet 47';
const SESSION_COOKIE = '__Host-shuzhi-session';

function residentId(serial: string): string {
  const body = `${XIHU}19850304${serial}`;
  return body + residentIdCheckCharacter(body);
}

/**
 * RFC 6238 written out here rather than imported, so that the journey checks the server against an
 * independent computation: HMAC-SHA-1 over the 30-second step, dynamic truncation, six digits.
 */
function totpCode(base32Secret: string, at: Date): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const character of base32Secret.replace(/=+$/, '')) {
    bits += alphabet.indexOf(character).toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

describe.skipIf(!isBrowserAvailable)(
  'browser journey: an administrator grants a role scoped to a township',
  () => {
    let journey: WebJourney;
    let browser: Browser;
    let baseUrl: string;
    let adminPhone: string;
    let totpSecret: string;
    let adminCookie: string;
    let colleague: string;
    let township: { code: string; name: string };

    beforeAll(async () => {
      journey = await startWebJourney();
      ({ browser, baseUrl } = journey);
      const { t } = journey;
      const db = t.database.db;
      const inject = t.app.inject.bind(t.app);

      // The administrator registers like anyone, then is made staff of the county's office with an
      // identity-administrator grant at the county, as the deployment's seed data would do.
      adminPhone = '13700000001';
      const registered = await inject({
        method: 'POST',
        url: '/api/identity/registrations',
        payload: {
          name: '周敏',
          residentId: residentId('201'),
          phone: adminPhone,
          password: PASSWORD,
          divisionCode: XIHU,
        },
      });
      expect(registered.statusCode).toBe(201);
      const adminId = registered.json().accountId as string;
      const office = randomUUID();
      const now = t.clock.now();
      await sql`
      insert into organisation (id, kind, name_zh, division_code, province_code, created_at, updated_at)
      values (${office}, 'government-department', '西湖区人民政府办公室', ${XIHU}, '33', ${now}, ${now})`.execute(
        db,
      );
      await sql`
      update account set kind = 'staff', organisation_id = ${office} where id = ${adminId}`.execute(db);
      await sql`
      insert into access_grant (id, account_id, role_id, division_code, granted_at)
      select ${randomUUID()}, ${adminId}, id, ${XIHU}, ${now} from role where code = 'identity-administrator'`.execute(
        db,
      );

      // Enrol the authenticator app through the API, as the staff member would at first sign-in.
      const firstSignIn = await inject({
        method: 'POST',
        url: '/api/identity/sessions',
        payload: { identifier: adminPhone, password: PASSWORD },
      });
      expect(firstSignIn.statusCode).toBe(201);
      adminCookie = `${SESSION_COOKIE}=${firstSignIn.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
      const enrolment = await inject({
        method: 'POST',
        url: '/api/identity/totp',
        headers: { cookie: adminCookie },
      });
      totpSecret = enrolment.json().secret;
      const confirmed = await inject({
        method: 'POST',
        url: '/api/identity/totp/confirmation',
        headers: { cookie: adminCookie },
        payload: { code: totpCode(totpSecret, t.clock.now()) },
      });
      expect(confirmed.statusCode).toBe(204);

      // A colleague in the same office, created through the staff API by the administrator.
      const staff = await inject({
        method: 'POST',
        url: '/api/identity/staff',
        headers: { cookie: adminCookie },
        payload: {
          organisationId: office,
          name: '张三',
          residentId: residentId('202'),
          phone: '13700000002',
          password: PASSWORD,
        },
      });
      expect(staff.statusCode).toBe(201);
      colleague = staff.json().accountId;

      const children = await inject({ method: 'GET', url: `/api/divisions/${XIHU}/children` });
      const first = children.json().children[0];
      township = { code: first.code, name: first.name };
      // The code used to confirm the app is spent; sign-in in the browser needs the next time step.
      t.clock.advance(30_000);
    });

    afterAll(async () => {
      await journey?.close();
    });

    it('signs in with password and TOTP, grants a role at a township, and sees it listed', async () => {
      const context = await browser.newContext({ locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/account/sign-in`);
      await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill(adminPhone);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      const otp = page.getByLabel('验证码');
      await expect.poll(() => otp.count()).toBe(1);
      await otp.fill(totpCode(totpSecret, journey.t.clock.now()));
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL(`${baseUrl}/account`);

      // The navigation offers administration because the server says this account may use it.
      const adminLink = page.getByRole('link', { name: '系统管理' });
      await expect.poll(() => adminLink.count()).toBe(1);
      await adminLink.click();
      await page.waitForURL(`${baseUrl}/admin/divisions`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('行政区划');
      await page.getByRole('button', { name: /展开.*西湖区/ }).click();
      await expect.poll(() => page.getByRole('button', { name: new RegExp(township.name) }).count()).toBe(1);
      await page.getByRole('button', { name: new RegExp(township.name) }).click();
      await expect.poll(() => page.getByTestId('division-selected').textContent()).toContain(township.name);
      await expect
        .poll(() => page.getByRole('navigation', { name: '上级区划' }).textContent())
        .toContain('西湖区');
      await expectNoSeriousAxeViolations(page);

      for (const [name, heading] of [
        ['组织机构', '组织机构'],
        ['工作人员', '工作人员'],
        ['角色', '角色'],
      ] as const) {
        await page
          .getByRole('navigation', { name: '系统管理栏目' })
          .getByRole('link', { name, exact: true })
          .click();
        await expect.poll(() => page.locator('h1').textContent()).toBe(heading);
        await expect.poll(() => page.locator('table').count()).toBe(1);
        await expectNoSeriousAxeViolations(page);
      }

      // On the roles page: a custom role is defined from the catalogue, then changed in place.
      await page.getByLabel('编码', { exact: true }).fill('street-registrar');
      await page.getByLabel('中文名称', { exact: true }).fill('街道登记员');
      await page.getByLabel('英文名称', { exact: true }).fill('Street registrar');
      await page.getByLabel(/identity\.organisations\.manage/).check();
      await page.getByRole('button', { name: '定义角色', exact: true }).click();
      const roleRow = page.locator('tr').filter({ hasText: 'street-registrar' });
      await expect.poll(() => roleRow.locator('li').count()).toBe(1);
      await roleRow.getByRole('button', { name: /修改/ }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('修改角色 street-registrar');
      expect(await page.getByLabel('编码', { exact: true }).getAttribute('readonly')).not.toBeNull();
      await page.getByLabel(/identity\.accounts\.read/).check();
      await page.getByRole('button', { name: '保存修改', exact: true }).click();
      await expect
        .poll(() => page.locator('.admin-notice').textContent())
        .toContain('已修改角色“街道登记员”');
      await expect.poll(() => roleRow.locator('li').count()).toBe(2);
      await expectNoSeriousAxeViolations(page);

      await page
        .getByRole('navigation', { name: '系统管理栏目' })
        .getByRole('link', { name: '授权', exact: true })
        .click();
      await page.waitForURL(`${baseUrl}/admin/grants`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('授权');
      await expect.poll(() => page.locator(`#grant-account option[value="${colleague}"]`).count()).toBe(1);
      await expectNoSeriousAxeViolations(page);

      // Submitting half-filled: the summary takes focus and names each missing field.
      await page.getByRole('button', { name: '授予', exact: true }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
        .toBe(true);
      expect(await page.locator('.error-summary a[href="#grant-account"]').count()).toBe(1);
      await expectNoSeriousAxeViolations(page);

      await page.locator('#grant-account').selectOption(colleague);
      await page.locator('#grant-role').selectOption('registrar');
      await page.getByLabel('授权范围（行政区划）', { exact: true }).fill(township.name.slice(0, 2));
      const choice = page.locator(`input[type="radio"][value="${township.code}"]`);
      await expect.poll(() => choice.count()).toBe(1);
      await choice.check();
      await expect
        .poll(() => page.getByTestId('grant-division-chosen').textContent())
        .toContain(township.name);
      await page.getByLabel('理由', { exact: true }).fill('街道组织机构登记工作');
      await page.getByRole('button', { name: '授予', exact: true }).click();

      const row = page.getByTestId('grant-row').filter({ hasText: township.name });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.textContent()).toContain('张*');
      expect(await row.textContent()).toContain('组织机构登记员');
      await expect.poll(() => page.locator('.admin-notice').textContent()).toContain(township.name);
      expect(await page.content()).not.toContain('张三');
      await expectNoSeriousAxeViolations(page);

      // On a phone the page does not scroll sideways; the table scrolls inside its own region.
      await page.setViewportSize({ width: 360, height: 780 });
      await expect
        .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
        .toBeLessThanOrEqual(360);
      await context.close();

      // The API agrees, and the grant was recorded in the audit ledger.
      const listed = await journey.t.app.inject({
        method: 'GET',
        url: `/api/identity/grants?accountId=${colleague}`,
        headers: { cookie: adminCookie },
      });
      const grants = listed.json().grants as { id: string; divisionCode: string; roleCode: string }[];
      expect(grants).toEqual([
        expect.objectContaining({ divisionCode: township.code, roleCode: 'registrar' }),
      ]);
      const audited = await sql<{ n: number }>`
      select count(*)::int as n from ledger_pending
      where record_type = 'identity.grant' and record_id = ${grants[0]!.id}`.execute(journey.t.database.db);
      expect(audited.rows[0]!.n).toBe(1);
      // Six pages, each checked by axe more than once: on two busy cores far beyond the default 30 s.
    }, 300_000);
  },
);
