import { startDemoStack } from '@baanrian/dev-services';
import path from 'node:path';
import { chromium } from 'playwright-core';

/**
 * `npm run screenshots`: the README's pictures of the product, taken from a demo stack in
 * Chromium: the catalog in Thai on a 360 px phone and in English on a 1280 px screen.
 */
const OUT = 'docs/screenshots';
const SHOTS = [
  { file: 'catalog-th-360.png', locale: 'th', viewport: { width: 360, height: 800 } },
  { file: 'catalog-en-1280.png', locale: 'en', viewport: { width: 1280, height: 800 } },
];

async function main(): Promise<void> {
  const stack = await startDemoStack();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const shot of SHOTS) {
      const context = await browser.newContext({ viewport: shot.viewport, locale: shot.locale, reducedMotion: 'reduce' });
      const page = await context.newPage();
      // The portal remembers the language; set it the way a returning visitor would have it.
      await page.addInitScript((locale) => window.localStorage.setItem('baanrian.locale', locale), shot.locale);
      await page.goto(stack.baseUrl, { waitUntil: 'networkidle' });
      await page.getByRole('article').first().waitFor();
      await page.screenshot({ path: path.join(OUT, shot.file) });
      console.log(`wrote ${path.join(OUT, shot.file)}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
