import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZENS, DEMO_PASSWORD } from '../../seed/demo/identity.ts';
import { demoSteps } from '../../seed/demo/index.ts';
import { integrateBatch, resolveLedgerKeys } from '../../src/modules/ledger/index.ts';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import { isBrowserAvailable, startWebJourney, type WebJourney } from '../support/browser.ts';
import { expectNoSeriousAxeViolations } from '../support/journey-people.ts';

describe.skipIf(!isBrowserAvailable)(
  'browser journey: a citizen’s credential from wallet to verification',
  () => {
    let journey: WebJourney;
    let browser: Browser;
    let baseUrl: string;

    beforeAll(async () => {
      journey = await startWebJourney();
      ({ browser, baseUrl } = journey);
      const { t } = journey;
      await runSeedSteps(t.database.db, t.clock, demoSteps, { vault: createVault(t.config.vaultKeys) });
      await integrateBatch(t.database.db, resolveLedgerKeys(t.config), t.clock);
    });

    afterAll(async () => {
      await journey?.close();
    });

    it('opens the wallet, downloads the PDF, opens the verify link and sees valid; a tampered record is invalid', async () => {
      const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/account/sign-in`);
      await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill(DEMO_CITIZENS[0]!.residentId);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL(`${baseUrl}/account`);

      await page.getByRole('link', { name: /查看我的电子证照/ }).click();
      await page.waitForURL(`${baseUrl}/account/wallet`);
      const card = page.getByTestId('wallet-credential').first();
      await expect.poll(() => card.locator('h2').textContent()).toBe('出生医学证明');
      expect(await card.textContent()).toContain('有效');
      await expectNoSeriousAxeViolations(page);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        card.getByRole('link', { name: '下载 PDF' }).click(),
      ]);
      const pdfPath = await download.path();
      expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');

      await card.getByRole('button', { name: '显示二维码' }).click();
      await expect.poll(() => card.getByRole('img', { name: /核验二维码/ }).count()).toBe(1);

      await card.getByRole('link', { name: '打开核验页面' }).click();
      await page.waitForURL(/\/verify\/33010601-birth-medical-certificate-/);
      const verdict = page.getByTestId('verdict');
      await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('valid');
      const verdictText = (await verdict.textContent()) ?? '';
      expect(verdictText).toContain('有效');
      expect(verdictText).toContain('张*');
      // The mother's and father's names and the full birth date are never shown to a verifier.
      expect(await page.content()).not.toContain('王丽');
      expect(await page.content()).not.toContain('1992-03-03');
      await expectNoSeriousAxeViolations(page);

      // The wallet's signed record, one byte changed in the claims, pasted into /verify.
      const wallet = await page.evaluate(async () => (await fetch('/api/credentials/wallet')).json());
      const record: string = wallet.credentials[0].record;
      const [header, payload, signature] = record.split('.') as [string, string, string];
      const claims = atobUrl(payload).replace('"张小西"', '"张小东"');
      const tampered = `${header}.${btoaUrl(claims)}.${signature}`;
      await page.goto(`${baseUrl}/verify`);
      await page.getByLabel('签名记录、链接或证照编号').fill(tampered);
      await page.getByRole('button', { name: '核验' }).click();
      await expect.poll(() => page.getByTestId('verdict').getAttribute('data-verdict')).toBe('invalid');
      expect(await page.getByTestId('verdict').textContent()).toContain('签名与内容不符');
      await expectNoSeriousAxeViolations(page);

      // The untampered record is valid, and in English the verdict says so.
      await page.getByRole('button', { name: /English/ }).click();
      await page.getByLabel('Signed record, link or identifier').fill(record);
      await page.getByRole('button', { name: 'Verify' }).click();
      await expect.poll(() => page.getByTestId('verdict').getAttribute('data-verdict')).toBe('valid');
      expect(await page.getByTestId('verdict').textContent()).toContain('Valid');
      await context.close();
    });
  },
);

function atobUrl(text: string): string {
  return Buffer.from(text, 'base64url').toString('utf8');
}

function btoaUrl(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
