import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatVerifierKey,
  generateSigner,
  hashPayload,
  integrateBatch,
  recordAuditEvent,
  resolveLedgerKeys,
} from '../../src/modules/ledger/index.ts';
import { storageKeys } from '../../web/src/features/ledger/deviceMemory.ts';
import {
  isBrowserAvailable,
  seriousAxeViolations,
  startWebJourney,
  type WebJourney,
} from '../support/browser.ts';
import type { TestApp } from '../support/test-app.ts';

const LEDGER_PAGE = '/dashboard/audit-ledger';

async function expectNoSeriousAxeViolations(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** Writes to the browser's storage before the page's own scripts run, as an earlier visit would have. */
async function plantInStorage(page: Page, entries: Record<string, object>) {
  await page.addInitScript((planted) => {
    for (const [key, value] of Object.entries(planted)) localStorage.setItem(key, JSON.stringify(value));
  }, entries);
}

describe.skipIf(!isBrowserAvailable)('browser journey: a reader checks the audit ledger', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let eventsRecorded = 0;

  async function recordAndIntegrate(count: number) {
    for (let i = 0; i < count; i++) {
      const n = eventsRecorded++;
      await recordAuditEvent(t.database.db, {
        action: 'services.application.submitted',
        actor: { kind: 'citizen', id: `citizen-${n}` },
        record: { type: 'services.application', id: `case-${n}` },
        at: t.clock.now(),
        payloadHash: hashPayload({ n }),
      });
    }
    t.clock.advance(60_000);
    const result = await integrateBatch(t.database.db, resolveLedgerKeys(t.config), t.clock);
    expect(result).toMatchObject({ outcome: 'integrated', treeSize: BigInt(eventsRecorded) });
  }

  let journey: WebJourney;

  beforeAll(async () => {
    // Without reference data, whose audit events would be in the ledger before the journey begins.
    journey = await startWebJourney({ contents: 'migrated' });
    ({ t, browser, baseUrl } = journey);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('verifies the signed checkpoint, an event in it, and on the next visit that the ledger only grew', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const verdict = page.getByTestId('ledger-verdict');
    await page.goto(`${baseUrl}${LEDGER_PAGE}`);
    await expect.poll(() => verdict.textContent()).toContain('账本中还没有记录');

    await recordAndIntegrate(5);
    await page.reload();
    await expect.poll(() => page.getByTestId('ledger-signature-state').textContent()).toBe('已验证');
    expect(await page.getByTestId('ledger-checkpoint-size').textContent()).toBe('5');
    expect(await page.getByTestId('ledger-consistency-state').textContent()).toBe('首次核验');
    expect(await verdict.textContent()).toContain('所有检查均已通过');
    expect(await page.locator('main').textContent()).toContain('已在本设备记住');
    expect(await page.locator('main').textContent()).toContain('尚无见证方联署此检查点');

    const position = page.getByLabel('事件位置');
    const check = page.getByRole('button', { name: '核验', exact: true });
    await position.fill('5');
    await check.click();
    expect(await position.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await position.getAttribute('aria-describedby')) ?? '';
    const error = page.locator(`[id="${describedBy.split(' ')[1]}"]`);
    expect(await error.textContent()).toContain('账本只有 5 条事件');

    await position.fill('３');
    await check.click();
    await expect.poll(() => page.getByTestId('ledger-inclusion-state').textContent()).toBe('已验证');
    expect(await position.getAttribute('aria-invalid')).toBe('false');
    await expectNoSeriousAxeViolations(page);

    await recordAndIntegrate(4);
    await page.reload();
    await expect.poll(() => page.getByTestId('ledger-consistency-state').textContent()).toBe('一致');
    expect(await page.getByTestId('ledger-signature-state').textContent()).toBe('已验证');
    expect(await page.getByTestId('ledger-checkpoint-size').textContent()).toBe('9');
    expect(await page.locator('main').textContent()).toContain('此后只追加了 4 条');

    await page.getByRole('button', { name: /English/ }).click();
    await expect.poll(() => page.getByTestId('ledger-consistency-state').textContent()).toBe('Consistent');
    expect(await page.getByTestId('ledger-signature-state').textContent()).toBe('Verified');
    expect(await verdict.textContent()).toContain('All checks passed');
    await page.getByLabel('Event position').fill('8');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => page.getByTestId('ledger-inclusion-state').textContent()).toBe('Verified');
    await expectNoSeriousAxeViolations(page);
    await context.close();
  });

  it('raises the alarm, on a phone too, when the ledger does not extend the checkpoint seen before', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 780 },
      locale: 'zh-CN',
      isMobile: true,
    });
    const page = await context.newPage();
    // An earlier visit saw 3 events under another root: the history the server now shows was rewritten.
    await plantInStorage(page, {
      [storageKeys.checkpoint(t.config.ledgerOrigin)]: {
        size: '3',
        rootHash: Buffer.alloc(32).toString('base64'),
        seenAt: '2026-11-20T09:00:00.000Z',
      },
    });
    await page.goto(`${baseUrl}${LEDGER_PAGE}`);
    await expect.poll(() => page.getByTestId('ledger-consistency-state').textContent()).toBe('不一致');
    expect(await page.getByTestId('ledger-signature-state').textContent()).toBe('已验证');
    expect(await page.getByTestId('ledger-verdict').textContent()).toContain('警报');

    // The alarm cannot be cleared by reloading: the rewritten checkpoint is never taken as the new "seen".
    await page.reload();
    await expect.poll(() => page.getByTestId('ledger-consistency-state').textContent()).toBe('不一致');

    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
    await expectNoSeriousAxeViolations(page);
    await context.close();
  });

  it('raises the alarm when the signing key is not the one remembered on this device', async () => {
    const context = await browser.newContext({ locale: 'en' });
    const page = await context.newPage();
    await plantInStorage(page, {
      [storageKeys.verifierKey(t.config.ledgerOrigin)]: {
        verifierKey: formatVerifierKey(generateSigner(t.config.ledgerOrigin)),
        rememberedAt: '2026-11-20T09:00:00.000Z',
      },
    });
    await page.goto(`${baseUrl}${LEDGER_PAGE}`);
    await page.getByRole('button', { name: /English/ }).click();
    await expect
      .poll(() => page.getByTestId('ledger-verdict').textContent())
      .toContain('signing key differs from the one this device remembered');
    expect(await page.locator('main').textContent()).toContain('Not the key this device remembered');
    await context.close();
  });
});
