import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSteps } from '../../seed/demo/index.ts';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { isBrowserAvailable, launchChromium } from '../support/browser.ts';
import { PROJECT_ROOT } from '../support/processes.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const WEB_DIR = path.join(PROJECT_ROOT, 'dist/web');

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  expect(serious).toEqual([]);
}

describe.skipIf(!isBrowserAvailable)('browser journey: a visitor opens the platform', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) {
      throw new Error(
        `The web app is not built in ${WEB_DIR}: run "npm run build:web" (npm test does it first).`,
      );
    }
    t = await createTestApp({ env: { SHUZHI_WEB_DIR: WEB_DIR } });
    await runSeedSteps(t.database.db, t.clock, demoSteps);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sees the live status, switches to English, keeps the choice, and meets WCAG 2.1 AA', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);

    const state = page.getByTestId('platform-status-state');
    await expect.poll(() => state.textContent()).toBe('运行正常');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.locator('footer').textContent()).toContain('12345');
    await expectNoSeriousAxeViolations(page);

    await page.getByRole('button', { name: /English/ }).click();
    await expect.poll(() => state.textContent()).toBe('Operational');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.reload();
    await expect.poll(() => state.textContent()).toBe('Operational');
    await expectNoSeriousAxeViolations(page);
    await context.close();
  });

  it('works on a phone: the menu opens from its button and the page stays accessible', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 780 },
      locale: 'zh-CN',
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await expect.poll(() => page.getByTestId('platform-status-state').textContent()).toBe('运行正常');
    const menuButton = page.locator('button[aria-expanded]').first();
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
    await menuButton.click();
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
    await expectNoSeriousAxeViolations(page);
    await context.close();
  });

  it('routes a deep link in the browser and shows a 404 page for unknown ones', async () => {
    const context = await browser.newContext({ locale: 'en' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/no/such/page`);
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/找不到|not found/i);
    await page
      .getByRole('link', { name: /首页|home/i })
      .first()
      .click();
    await expect
      .poll(() => page.getByTestId('platform-status-state').textContent())
      .toMatch(/运行正常|Operational/);
    await context.close();
  });
});
