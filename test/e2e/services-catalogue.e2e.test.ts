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

describe.skipIf(!isBrowserAvailable)('browser journey: a citizen finds a service guide', () => {
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

  it('searches 个体 from the home page, opens the guide and reads its conditions, materials, limits, fees and visits', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByRole('link', { name: /办事服务/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('办事服务');

    await page.getByLabel('搜索事项').fill('个体');
    await page.getByRole('button', { name: '搜索' }).click();
    const first = page.locator('.services__result h3 a').first();
    await expect.poll(() => first.textContent()).toBe('个体工商户设立登记');
    expect(new URL(page.url()).searchParams.get('q')).toBe('个体');
    await expectNoSeriousAxeViolations(page);

    await first.click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('个体工商户设立登记');
    expect(await page.getByTestId('guide-conditions').textContent()).toContain('有固定的经营场所');
    expect(await page.getByTestId('guide-materials').textContent()).toContain('经营场所使用证明');
    const limits = await page.getByTestId('guide-limits').textContent();
    expect(limits).toContain('15 个工作日');
    expect(limits).toContain('1 个工作日');
    expect(await page.getByTestId('guide-fees').textContent()).toBe('不收费');
    expect(await page.getByTestId('guide-visits').textContent()).toBe('0 次');
    await expectNoSeriousAxeViolations(page);
    await context.close();
  });

  it('marks a material obtained by sharing, for a resident of 西溪街道, in English on a phone', async () => {
    const context = await browser.newContext({
      locale: 'en',
      viewport: { width: 360, height: 780 },
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByRole('button', { name: /English/ }).click();
    await page.goto(`${baseUrl}/services?divisionCode=330106004`);
    await page.getByLabel('Search services').fill('birth');
    await page.getByRole('button', { name: 'Search' }).click();
    const first = page.locator('.services__result h3 a').first();
    await expect.poll(() => first.textContent()).toBe('Birth registration');
    await first.click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Birth registration');
    const shared = page.getByTestId('material-shared');
    await expect.poll(() => shared.count()).toBe(1);
    const material = page.locator('.guide__material', { has: shared });
    expect(await material.locator('h3').textContent()).toBe('Medical certificate of birth');
    expect(await page.locator('main').textContent()).toContain('Xixi Police Station');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
    await expectNoSeriousAxeViolations(page);
    await context.close();
  });
});
