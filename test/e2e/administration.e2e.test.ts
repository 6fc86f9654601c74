import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBrowserAvailable, startWebJourney, type WebJourney } from '../support/browser.ts';
import {
  expectNoSeriousAxeViolations,
  JOURNEY_PASSWORD,
  setUpIdentityAdministrator,
  signInStaffInBrowser,
  XIHU,
  xihuResidentId,
} from '../support/journey-people.ts';

const PASSWORD = JOURNEY_PASSWORD;
const residentId = (serial: string) => xihuResidentId('19850304', serial);

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
      const inject = t.app.inject.bind(t.app);

      // The administrator is made as the deployment's seed data would make one.
      adminPhone = '13700000001';
      const administrator = await setUpIdentityAdministrator(t, {
        name: '周敏',
        residentId: residentId('201'),
        phone: adminPhone,
        officeName: '西湖区人民政府办公室',
      });
      ({ totpSecret, cookie: adminCookie } = administrator);
      const office = administrator.officeId;

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
      await signInStaffInBrowser(page, {
        baseUrl,
        identifier: adminPhone,
        totpSecret: totpSecret,
        at: journey.t.clock.now(),
        password: PASSWORD,
      });

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
