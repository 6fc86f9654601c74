import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COSIGNATURE_V1,
  formatVerifierKey,
  generateSigner,
  hashPayload,
  integrateBatch,
  recordAuditEvent,
  resolveLedgerKeys,
  signNote,
  verifierOf,
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

describe.skipIf(!isBrowserAvailable)('browser journey: a reader checks the witnesses of the ledger', () => {
  const witness = generateSigner('shuzhi.province.invalid/ledger/witness', COSIGNATURE_V1);
  let journey: WebJourney;

  beforeAll(async () => {
    journey = await startWebJourney({
      contents: 'migrated',
      env: { SHUZHI_LEDGER_WITNESS_KEYS: formatVerifierKey(verifierOf(witness)) },
    });
    const { t } = journey;
    await recordAuditEvent(t.database.db, {
      action: 'policy.document.published',
      actor: { kind: 'staff', id: 'staff-1' },
      record: { type: 'policy.document', id: 'doc-1' },
      at: t.clock.now(),
    });
    await integrateBatch(t.database.db, resolveLedgerKeys(t.config), t.clock);
    // The province's deployment hands back our checkpoint with its cosignature, as a witness does.
    const note = (await t.app.inject({ method: 'GET', url: '/api/ledger/checkpoint/note' })).body;
    const text = note.slice(0, note.indexOf('\n\n') + 1);
    const timestamp = BigInt(Math.floor(t.clock.now().getTime() / 1000));
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/ledger/cosignatures',
      payload: { note: signNote(text, [witness], { timestamp }) },
    });
    expect(accepted.json()).toMatchObject({ acceptedWitnesses: [witness.name] });
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('checks each cosignature in the browser against the published witness key', async () => {
    const context = await journey.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${journey.baseUrl}${LEDGER_PAGE}`);
    const entry = page.getByTestId('ledger-witness');
    await expect.poll(() => entry.textContent()).toContain('已在您的浏览器中核验');
    expect(await page.getByTestId('ledger-verdict').textContent()).toContain('所有检查均已通过');
    await page.getByRole('button', { name: /English/ }).click();
    await expect.poll(() => entry.textContent()).toContain('Checked in your browser');
    expect(await entry.textContent()).toContain(formatVerifierKey(verifierOf(witness)));
    await expectNoSeriousAxeViolations(page);
    await context.close();
  });

  it('shows a cosignature that does not match the published key as failed', async () => {
    const context = await journey.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    // A server that alters the witness's signature line: the page must not take the server's word.
    await page.route('**/api/ledger/checkpoint', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      const lines = body.note.split('\n');
      const witnessLine = lines.findIndex((line: string) => line.startsWith(`— ${witness.name} `));
      const signature = Buffer.from(lines[witnessLine].split(' ')[2], 'base64');
      const last = signature.length - 1;
      signature.writeUInt8(signature.readUInt8(last) ^ 0xff, last);
      lines[witnessLine] = `— ${witness.name} ${signature.toString('base64')}`;
      await route.fulfill({ response, json: { ...body, note: lines.join('\n') } });
    });
    await page.goto(`${journey.baseUrl}${LEDGER_PAGE}`);
    await expect
      .poll(() => page.getByTestId('ledger-witness').textContent())
      .toContain('核验失败：联署签名与公布的公钥不符');
    expect(await page.getByTestId('ledger-signature-state').textContent()).toBe('已验证');
    expect(await page.getByTestId('ledger-verdict').textContent()).toContain('有见证方联署未通过核验');
    await expectNoSeriousAxeViolations(page);
    await context.close();
  });
});
