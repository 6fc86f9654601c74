import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSteps } from '../../seed/demo/index.ts';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import {
  isBrowserAvailable,
  seriousAxeViolations,
  startWebJourney,
  type WebJourney,
} from '../support/browser.ts';

async function expectNoSeriousAxeViolations(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

describe.skipIf(!isBrowserAvailable)('browser journey: a visitor opens the platform', () => {
  let journey: WebJourney;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    journey = await startWebJourney();
    ({ browser, baseUrl } = journey);
    await runSeedSteps(journey.t.database.db, journey.t.clock, demoSteps, {
      vault: createVault(journey.t.config.vaultKeys),
    });
  });

  afterAll(async () => {
    await journey?.close();
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
