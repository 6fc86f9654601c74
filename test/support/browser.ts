import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { PROJECT_ROOT } from './processes.ts';
import { createTestApp, type TestApp } from './test-app.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** In CI (or with SHUZHI_REQUIRE_BROWSER=1) a missing browser fails the run instead of skipping. */
export const isBrowserRequired = Boolean(process.env.CI || process.env.SHUZHI_REQUIRE_BROWSER);
export const isBrowserAvailable = fs.existsSync(CHROMIUM_PATH);

if (!isBrowserAvailable) {
  const message = `Chromium not found at ${CHROMIUM_PATH}: browser journeys ${isBrowserRequired ? 'cannot run' : 'are SKIPPED'} (apt-get install chromium, or set CHROMIUM_PATH).`;
  if (isBrowserRequired) throw new Error(message);
  console.warn(`\n⚠ ${message}\n`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // This machine has no outside network: without these flags Chromium keeps dialling out.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Fails with the list of serious or critical WCAG 2.1 A/AA violations axe-core finds on the page. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

const WEB_DIR = path.join(PROJECT_ROOT, 'dist/web');

async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export type WebJourney = { t: TestApp; browser: Browser; baseUrl: string; close(): Promise<void> };

/** The real app serving the built web app on a loopback port, and a headless Chromium to drive it. */
export async function startWebJourney(
  options: { contents?: 'migrated' | 'reference'; env?: Record<string, string> } = {},
): Promise<WebJourney> {
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) {
    throw new Error(
      `The web app is not built in ${WEB_DIR}: run "npm run build:web" (npm test does it first).`,
    );
  }
  // The port is chosen first: the public URL (the single sign-on issuer and its redirect addresses)
  // must be the address the browser uses.
  const port = await freeLoopbackPort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t = await createTestApp({
    env: { SHUZHI_PUBLIC_URL: baseUrl, ...options.env, SHUZHI_WEB_DIR: WEB_DIR },
    ...(options.contents ? { contents: options.contents } : {}),
  });
  await t.app.listen({ host: '127.0.0.1', port });
  const browser = await launchChromium();
  return {
    t,
    browser,
    baseUrl,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}
