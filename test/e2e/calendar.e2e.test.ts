import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBrowserAvailable, startWebJourney, type WebJourney } from '../support/browser.ts';
import {
  expectNoSeriousAxeViolations,
  setUpIdentityAdministrator,
  signInStaffInBrowser,
  xihuResidentId,
} from '../support/journey-people.ts';

describe.skipIf(!isBrowserAvailable)(
  'browser journey: a calendar administrator enters a holiday and publishes a year',
  () => {
    let journey: WebJourney;
    let browser: Browser;
    let baseUrl: string;
    let totpSecret: string;
    const phone = '13700000031';

    beforeAll(async () => {
      journey = await startWebJourney();
      ({ browser, baseUrl } = journey);
      const { t } = journey;
      const administrator = await setUpIdentityAdministrator(t, {
        name: '冯历',
        residentId: xihuResidentId('19800512', '311'),
        phone,
        officeName: '浙江省数据局',
      });
      totpSecret = administrator.totpSecret;
      // The calendar is national: the role is granted at the root, as a deployment's seed data would.
      await sql`
        insert into access_grant (id, account_id, role_id, division_code, granted_at)
        select ${randomUUID()}, ${administrator.accountId}, id, '0', ${t.clock.now()}
        from role where code = 'calendar-administrator'`.execute(t.database.db);
      // The code used to confirm the app is spent; sign-in in the browser needs the next time step.
      t.clock.advance(30_000);
    });

    afterAll(async () => {
      await journey?.close();
    });

    it('shows the published 2026 arrangement, enters 2027 day by day, and publishes it', async () => {
      const context = await browser.newContext({ locale: 'zh-CN' });
      const page = await context.newPage();
      await signInStaffInBrowser(page, {
        baseUrl,
        identifier: phone,
        totpSecret: totpSecret,
        at: journey.t.clock.now(),
      });

      await page.goto(`${baseUrl}/admin/calendar?year=2026`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('工作日历');
      const calendarLink = page
        .getByRole('navigation', { name: '系统管理栏目' })
        .getByRole('link', { name: '工作日历', exact: true });
      await expect.poll(() => calendarLink.count()).toBe(1);
      await expect
        .poll(() => page.locator('.calendar-status').textContent())
        .toContain('国务院办公厅关于2026年');
      // Make-up Saturday and a Spring Festival Monday, named in words, not only in colour.
      expect(await page.locator('#calendar-day-2026-02-14').getAttribute('aria-label')).toBe(
        '2026年2月14日星期六，春节调休上班，上班',
      );
      expect(await page.locator('#calendar-day-2026-02-23').textContent()).toContain('休');
      await expectNoSeriousAxeViolations(page);

      await page.getByRole('button', { name: '下一年', exact: true }).click();
      await page.waitForURL(`${baseUrl}/admin/calendar?year=2027`);
      await expect.poll(() => page.locator('.calendar-status').textContent()).toContain('未发布');

      // A make-up working day on a Friday is refused before it is sent, in the summary and at the field.
      await page.locator('#calendar-day-2027-02-05').click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe('calendar-editor-heading');
      await page.locator('#calendar-editor-kind').selectOption('workday');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
        .toBe(true);
      expect(await page.locator('.error-summary a[href="#calendar-editor-kind"]').count()).toBe(1);
      expect(await page.locator('.error-summary a[href="#calendar-editor-nameZh"]').count()).toBe(1);
      await expectNoSeriousAxeViolations(page);

      await page.locator('#calendar-editor-kind').selectOption('holiday');
      await page.getByLabel('中文名称', { exact: true }).fill('春节');
      await page.getByLabel('英文名称', { exact: true }).fill('Spring Festival');
      await page.locator('#calendar-editor-notice').fill('国办发明电〔2026〕1号');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await expect.poll(() => page.locator('.admin-notice').textContent()).toContain('已保存');
      await expect
        .poll(() => page.locator('#calendar-day-2027-02-05').getAttribute('aria-label'))
        .toBe('2027年2月5日星期五，春节，休息');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe('calendar-day-2027-02-05');

      await page.getByRole('button', { name: '发布', exact: true }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
        .toBe(true);
      await page.locator('#calendar-publication-notice').fill('国办发明电〔2026〕1号');
      await page.getByRole('button', { name: '发布', exact: true }).click();
      await expect.poll(() => page.locator('.calendar-status').textContent()).toContain('已发布');
      await expectNoSeriousAxeViolations(page);

      // On a phone the page does not scroll sideways: the months stack.
      await page.setViewportSize({ width: 360, height: 780 });
      await expect
        .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
        .toBeLessThanOrEqual(360);
      await expectNoSeriousAxeViolations(page);

      // English shows the same year in its own words.
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Working-day calendar');
      expect(await page.locator('#calendar-day-2027-02-05').getAttribute('aria-label')).toBe(
        'Friday, February 5, 2027, Spring Festival, day off',
      );
      await context.close();

      const year = await journey.t.app.inject({ method: 'GET', url: '/api/calendar/years/2027' });
      expect(year.json()).toMatchObject({ isPublished: true, notice: '国办发明电〔2026〕1号' });
      const audited = await sql<{ n: number }>`
        select count(*)::int as n from ledger_pending
        where record_type in ('platform.calendar-day', 'platform.calendar-year')
          and record_id in ('2027-02-05', '2027')`.execute(journey.t.database.db);
      expect(audited.rows[0]!.n).toBe(2);
    }, 300_000);
  },
);
