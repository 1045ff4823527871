import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPortal } from './support/browser';
import { A11Y_VIEWS as VIEWS, pageProblems } from './support/page-checks';
import { servePortal, type ServedPortal } from './support/stack';

/**
 * Every route of the portal, as found in its primary navigation plus the not-found page, at
 * 360 px in Thai and at 1280 px in English: axe finds no WCAG 2.2 A/AA violation, and each page
 * has a unique title, one h1, a skip link and the landmark regions.
 */
jest.setTimeout(120_000);

// The accounts routes (sign-in, account, administration…) are checked the same way, signed out
// and signed in, in accounts.spec.ts.

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
      const problems = await pageProblems(page);
      titles.set(route, await page.title());
      report[route] = problems;
      await page.context().close();
    }
    console.log(`axe at ${view.name}: ${routes.map((r) => `${r} ${report[r].length ? 'FAIL' : '0 violations'}`).join(', ')}`);
    expect(report).toEqual(Object.fromEntries(routes.map((r) => [r, []])));
    expect(new Set(titles.values()).size).toBe(routes.length);
  });
});
