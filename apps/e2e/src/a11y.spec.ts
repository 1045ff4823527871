import type { Browser, Page } from 'playwright-core';
import { axeViolations, horizontalOverflow, launchChromium, openPortal } from './support/browser';
import { servePortal, type ServedPortal } from './support/stack';

/**
 * Every route of the portal, as found in its primary navigation plus the not-found page, at
 * 360 px in Thai and at 1280 px in English: axe finds no WCAG 2.2 A/AA violation, and each page
 * has a unique title, one h1, a skip link and the landmark regions.
 */
jest.setTimeout(120_000);

const VIEWS = [
  { name: '360 px, Thai', viewport: { width: 360, height: 740 }, locale: 'th' },
  { name: '1280 px, English', viewport: { width: 1280, height: 800 }, locale: 'en' },
] as const;

let stack: ServedPortal;
let baseUrl: string;
let browser: Browser;
let routes: string[];

async function open(view: (typeof VIEWS)[number], route: string): Promise<Page> {
  const context = await browser.newContext({ viewport: view.viewport, locale: view.locale });
  const page = await context.newPage();
  await page.addInitScript((locale) => window.localStorage.setItem('baanrian.locale', locale), view.locale);
  await openPortal(page, `${baseUrl}${route}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  return page;
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([servePortal(), launchChromium()]);
  baseUrl = stack.baseUrl;
  const page = await open(VIEWS[1], '/');
  const hrefs = await page.getByRole('navigation').first().getByRole('link').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  routes = [...new Set([...hrefs, '/', '/this-page-does-not-exist'])];
  await page.context().close();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

it('finds the routes in the primary navigation', () => {
  expect(routes.length).toBeGreaterThanOrEqual(3);
});

describe.each(VIEWS)('at $name', (view) => {
  it('every route has no axe violations, one h1, a unique title, a skip link, landmarks and no horizontal scroll', async () => {
    const titles = new Map<string, string>();
    const report: Record<string, string[]> = {};
    for (const route of routes) {
      const page = await open(view, route);
      const problems = await axeViolations(page);
      if ((await page.getByRole('heading', { level: 1 }).count()) !== 1) problems.push('not exactly one h1');
      for (const landmark of ['banner', 'main', 'contentinfo', 'navigation'] as const) {
        if ((await page.getByRole(landmark).count()) === 0) problems.push(`no ${landmark} landmark`);
      }
      if (!(await page.locator('a[href="#main"]').count())) problems.push('no skip link');
      const overflow = await horizontalOverflow(page);
      if (overflow.scrollWidth > overflow.viewport) problems.push(`scrolls sideways: ${overflow.offenders.join('; ')}`);
      titles.set(route, await page.title());
      report[route] = problems;
      await page.context().close();
    }
    console.log(`axe at ${view.name}: ${routes.map((r) => `${r} ${report[r].length ? 'FAIL' : '0 violations'}`).join(', ')}`);
    expect(report).toEqual(Object.fromEntries(routes.map((r) => [r, []])));
    expect(new Set(titles.values()).size).toBe(routes.length);
  });
});
