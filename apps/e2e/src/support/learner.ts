import type { Page } from 'playwright-core';
import { pageProblems } from './page-checks';

/** The demo learner the seed creates (apps/api/src/seed/demo-accounts.ts). */
export const DEMO_LEARNER = { login: 'learner@demo.baanrian.test', password: 'demo-learner-2567' };

export type PortalLocale = 'th' | 'en' | 'vi';

/**
 * Signs in through the portal's sign-in form (the real API) and switches the portal to `locale`:
 * right after sign-in the profile's language takes over, so the switch comes after it.
 */
export async function signIn(page: Page, baseUrl: string, locale: PortalLocale, who: { login: string; password: string } = DEMO_LEARNER): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.waitForSelector('html[data-app-ready]', { state: 'attached' });
  await page.locator('input[autocomplete="username"]').fill(who.login);
  await page.locator('input[autocomplete="current-password"]').fill(who.password);
  await page.locator('main button[type="submit"]').first().click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  await page.getByRole('banner').locator('.account-nav__account').waitFor();
  await page.waitForTimeout(300); // the profile's language takes over right after sign-in
  if ((await page.evaluate(() => document.documentElement.lang)) !== locale) {
    await page.getByRole('banner').getByRole('combobox').selectOption(locale);
    await page.waitForFunction((value) => document.documentElement.lang === value, locale);
  }
}

/**
 * Runs the page checks (support/page-checks.ts) once the screen has settled; `networkIdle` also
 * waits for the network (screens that load media or poll should not).
 */
export async function expectPageChecks(page: Page, where: string, options: { networkIdle?: boolean; settleMs?: number } = {}): Promise<void> {
  if (options.networkIdle) await page.waitForLoadState('networkidle');
  await page.waitForTimeout(options.settleMs ?? 300);
  expect({ where, problems: await pageProblems(page) }).toEqual({ where, problems: [] });
}
