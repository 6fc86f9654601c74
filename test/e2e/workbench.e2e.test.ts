import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGrant } from '../../src/modules/identity/index.ts';
import { listRecordEvents } from '../../src/modules/ledger/index.ts';
import { startWorkflow } from '../../src/modules/services/index.ts';
import { isBrowserAvailable, startWebJourney, type WebJourney } from '../support/browser.ts';
import {
  expectNoSeriousAxeViolations,
  setUpIdentityAdministrator,
  signInStaffInBrowser,
  XIHU,
  xihuResidentId,
} from '../support/journey-people.ts';

describe.skipIf(!isBrowserAvailable)(
  'browser journey: a handler accepts and approves a case on the workbench',
  () => {
    let journey: WebJourney;
    let browser: Browser;
    let baseUrl: string;
    let totpSecret: string;
    let instanceId: string;
    const phone = '13700000031';

    beforeAll(async () => {
      journey = await startWebJourney();
      ({ browser, baseUrl } = journey);
      const { t } = journey;
      // A member of staff of a 西湖区 office, with an authenticator app, who also handles its cases.
      const staff = await setUpIdentityAdministrator(t, {
        name: '陈静',
        residentId: xihuResidentId('19880512', '311'),
        phone,
        officeName: '西湖区市场监督管理局',
      });
      totpSecret = staff.totpSecret;
      await seedGrant(t.database.db, t.clock, {
        accountId: staff.accountId,
        roleCode: 'service-handler',
        divisionCode: XIHU,
        organisationId: staff.officeId,
      });
      const started = await startWorkflow(
        t.database.db,
        t.clock,
        {
          subject: { kind: 'application', id: 'XH-20261127-0001' },
          divisionCode: XIHU,
          definition: {
            steps: [
              {
                kind: 'task',
                key: 'receive',
                name: { zh: '受理', en: 'Acceptance' },
                department: 'implementing',
                role: 'service-handler',
              },
            ],
          },
          bindings: { implementing: staff.officeId },
        },
        { kind: 'citizen', id: randomUUID() },
      );
      instanceId = started.instance.id;
      // The code used to confirm the app is spent; sign-in in the browser needs the next time step.
      t.clock.advance(30_000);
    });

    afterAll(async () => {
      await journey?.close();
    });

    it('finds the case in the queue, accepts it, approves it, and the ledger holds each step', async () => {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await signInStaffInBrowser(page, {
        baseUrl,
        identifier: phone,
        totpSecret: totpSecret,
        at: journey.t.clock.now(),
      });

      await page.goto(`${baseUrl}/workbench`);
      await page.waitForURL(`${baseUrl}/workbench/cases`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('办件');
      await expect.poll(() => page.getByRole('table', { name: '待办环节' }).count()).toBe(1);
      await expect.poll(() => page.getByRole('cell', { name: 'XH-20261127-0001' }).count()).toBe(1);
      await expectNoSeriousAxeViolations(page);

      await page.getByRole('link', { name: '办理：受理' }).click();
      await expect.poll(() => page.getByRole('heading', { name: '环节：受理' }).count()).toBe(1);
      await expectNoSeriousAxeViolations(page);

      // Submitting without the reasons of a rejection: the error summary takes focus and names the field.
      await page.getByLabel('操作').selectOption({ label: '不予许可' });
      await page.getByRole('button', { name: '提交' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('请至少写一条不予许可的理由');
      await expectNoSeriousAxeViolations(page);

      await page.getByLabel('操作').selectOption({ label: '受理' });
      await page.getByRole('button', { name: '提交' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: '已提交' }).textContent())
        .toContain('受理');
      await expect.poll(() => page.getByLabel('操作').locator('option').allTextContents()).toContain('同意');
      await page.getByLabel('操作').selectOption({ label: '同意' });
      await page.getByLabel('意见').fill('材料齐全，同意');
      await page.getByRole('button', { name: '提交' }).click();
      await expect.poll(() => page.getByText('您现在不能办理这个环节。').count()).toBe(1);
      await expect.poll(() => page.locator('.workbench-history').textContent()).toContain('材料齐全，同意');

      const events = await listRecordEvents(journey.t.database.db, 'services.workflow', instanceId, 10);
      expect(events.map((entry) => entry.event.action)).toEqual([
        'services.workflow.started',
        'services.workflow.application-accepted',
        'services.workflow.task-approved',
        'services.workflow.approved',
      ]);
      await context.close();
    });
  },
);
