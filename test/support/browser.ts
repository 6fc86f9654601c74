import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

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
