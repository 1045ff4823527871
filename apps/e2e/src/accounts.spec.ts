import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchChromium } from './support/browser';
import { A11Y_VIEWS, type A11yView, pageProblems } from './support/page-checks';
import { servePortal, type ServedPortal } from './support/stack';

/**
 * Accounts in the browser, against the built api serving the built portal from a freshly seeded
 * database: sign up → signed in → profile edit → sign out → sign in; the demo administrator grants
 * a role; and every accounts route passes the page checks (axe WCAG 2.2 A/AA, one h1, landmarks,
 * no sideways scroll, unique titles) at 360 px in Thai and 1280 px in English.
 */
jest.setTimeout(240_000);

/** From the demo seed (apps/api/src/seed/demo-accounts.ts); public demo passwords. */
const DEMO_ADMIN = { login: 'admin@demo.baanrian.test', password: 'demo-admin-2567' };
const DEMO_LEARNER = { login: 'learner@demo.baanrian.test', displayName: 'สมชาย ใจดี (สาธิต)' };

const SIGNED_OUT_ROUTES = ['/sign-in', '/sign-up', '/forgot-password', '/reset-password?token=not-a-real-token', '/card?c=BR-25001', '/setup'];
const ADMIN_ROUTES = ['/account', '/account/children', '/admin/users', '/admin/audit', '/admin/assisted', '/admin/jobs'];

let stack: ServedPortal;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([servePortal(), launchChromium()]);
  baseUrl = stack.baseUrl;
  await recordFailedJobs(stack.db.url);
});

/** Jobs that failed for good, as the worker records them (one a mail that cannot be retried), so `/admin/jobs` is checked with cards, their buttons and the hint. */
async function recordFailedJobs(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO job_failure (queue, job_id, job_name, payload, error_message, error_code, attempts, first_failed_at, last_failed_at)
       VALUES ('mail', gen_random_uuid()::text, 'credential.issued', jsonb_build_object('credentialId', gen_random_uuid()), 'Greeting never received from the mail server', 'ETIMEDOUT', 5, now(), now()),
              ('reports', gen_random_uuid()::text, 'report.export-requested', jsonb_build_object('exportId', gen_random_uuid(), 'note', '[omitted]'), 'export 1: the written file is missing', 'Error', 5, now() - interval '1 hour', now() - interval '1 hour'),
              ('mail', 'mail.unconfirmed.' || gen_random_uuid(), 'mail.unconfirmed', jsonb_build_object('key', 'credential.issued:x'), 'The worker stopped while the SMTP server was taking this mail', 'MAIL_UNCONFIRMED', 1, now() - interval '2 hours', now() - interval '2 hours')`,
    );
  } finally {
    await db.end();
  }
}

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPage(locale: 'th' | 'en', viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  await page.addInitScript((value) => {
    // Only the first visit's choice: later switches in the test must stick.
    if (!window.localStorage.getItem('baanrian.locale')) window.localStorage.setItem('baanrian.locale', value);
  }, locale);
  return { context, page };
}

const banner = (page: Page) => page.getByRole('banner');

/** Polls `condition` until it holds (the page updates after the API answers). */
async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Signs in through the form; then makes the UI `locale` (the user's saved language is applied at sign-in). */
async function signIn(page: Page, login: string, password: string, locale: 'th' | 'en'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const en = (await page.evaluate(() => document.documentElement.lang)) === 'en';
  await page.getByRole('textbox', { name: en ? 'Email or account code' : 'อีเมลหรือรหัสบัญชี', exact: true }).fill(login);
  await page.getByLabel(en ? 'Password or PIN' : 'รหัสผ่านหรือรหัส PIN', { exact: true }).fill(password);
  await page.getByRole('main').getByRole('button', { name: en ? 'Sign in' : 'เข้าสู่ระบบ', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  await banner(page).locator('.account-nav__account').waitFor();
  // The profile's language takes over right after sign-in; give it the moment it needs, then choose ours.
  await page.waitForTimeout(300);
  if ((await page.evaluate(() => document.documentElement.lang)) !== locale) {
    await banner(page).getByRole('combobox').selectOption(locale);
    await page.waitForFunction((value) => document.documentElement.lang === value, locale);
  }
}

it('signs up, is signed in, edits the profile, signs out and signs in again', async () => {
  const { context, page } = await newPage('en');
  const email = `malee.${Date.now()}@example.org`;
  const password = 'rice fields at dawn 1990';

  await page.goto(`${baseUrl}/sign-up`);
  await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('textbox', { name: 'Your name', exact: true }).fill('Malee Test');
  await page.getByRole('textbox', { name: 'Year of birth', exact: true }).fill('1958');
  // Preselected from the birth year, with the contract's derivation.
  await page.waitForFunction(() => (document.querySelector('input[type=radio][value=elderly]') as HTMLInputElement | null)?.checked === true);
  await page.getByRole('textbox', { name: 'Province', exact: true }).fill('Chiang Mai');
  await page.getByRole('button', { name: 'Create account' }).click();

  // Signed in: the header names the account.
  await banner(page).getByRole('link', { name: 'Your account: Malee Test' }).waitFor();

  // Profile edit.
  await banner(page).getByRole('link', { name: 'Your account: Malee Test' }).click();
  await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
  expect(await page.title()).toBe('My account · บ้านเรียน Baanrian');
  expect(await page.getByRole('textbox', { name: 'Province', exact: true }).inputValue()).toBe('Chiang Mai');
  expect(await page.locator('input[type=radio][value=elderly]').isChecked()).toBe(true);
  await page.getByRole('textbox', { name: 'Your name', exact: true }).fill('Malee Srisuk');
  await page.getByRole('textbox', { name: 'District', exact: true }).fill('San Sai');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await banner(page).getByRole('link', { name: 'Your account: Malee Srisuk' }).waitFor();

  // A reload keeps the session (refresh cookie; the access token was only in memory).
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
  expect(await page.getByRole('textbox', { name: 'District', exact: true }).inputValue()).toBe('San Sai');
  expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toMatch(/eyJ/); // no JWT stored

  // Sign out.
  await banner(page).getByRole('button', { name: 'Sign out' }).click();
  await banner(page).getByRole('link', { name: 'Sign in' }).waitFor();

  // The account page now asks to sign in first, and comes back after.
  await page.goto(`${baseUrl}/account`);
  await page.waitForURL(`${baseUrl}/sign-in?next=%2Faccount`);
  await page.getByRole('textbox', { name: 'Email or account code', exact: true }).fill(email);
  await page.getByLabel('Password or PIN', { exact: true }).fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${baseUrl}/account`);
  await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
  await banner(page).getByRole('link', { name: 'Your account: Malee Srisuk' }).waitFor();
  await context.close();
});

it('the demo administrator grants the instructor role, and it is audited', async () => {
  const { context, page } = await newPage('en');
  await signIn(page, DEMO_ADMIN.login, DEMO_ADMIN.password, 'en');

  await page.goto(`${baseUrl}/admin/users?q=${encodeURIComponent(DEMO_LEARNER.login)}`);
  await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  const manage = page.getByRole('button', { name: `Manage ${DEMO_LEARNER.displayName}` });
  await manage.click();
  const dialog = page.getByRole('dialog', { name: `Manage ${DEMO_LEARNER.displayName}` });
  await dialog.waitFor();
  const instructor = dialog.getByRole('switch', { name: 'Instructor' });
  expect(await instructor.isChecked()).toBe(false);
  await dialog.locator('label', { hasText: 'Instructor' }).click();
  await until(() => instructor.isChecked());
  await page.keyboard.press('Escape'); // focus stayed on the switch, in the dialog
  await dialog.waitFor({ state: 'detached' });
  // The table shows the new role once the list is fetched again.
  await page.getByRole('row').filter({ hasText: DEMO_LEARNER.displayName }).getByText(/Instructor/).waitFor();

  await page.goto(`${baseUrl}/admin/audit`);
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  const log = page.getByRole('grid', { name: 'Audit log' });
  await log.getByRole('row').filter({ hasText: 'Role granted' }).filter({ hasText: 'instructor' }).first().waitFor();
  await context.close();
});

describe.each(A11Y_VIEWS)('accounts routes at $name', (view: A11yView) => {
  async function check(page: Page, routes: string[]): Promise<{ report: Record<string, string[]>; titles: string[] }> {
    const report: Record<string, string[]> = {};
    const titles: string[] = [];
    for (const route of routes) {
      await page.goto(`${baseUrl}${route}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      // Loading states are replaced by content (or an error state) before the check.
      await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
      report[route] = await pageProblems(page);
      titles.push(await page.title());
    }
    console.log(`axe at ${view.name}: ${routes.map((r) => `${r} ${report[r].length ? 'FAIL' : '0 violations'}`).join(', ')}`);
    return { report, titles };
  }

  it('signed out: sign-in, sign-up, forgot and reset password, sign-in card, first-run setup', async () => {
    const { context, page } = await newPage(view.locale, view.viewport);
    const { report, titles } = await check(page, SIGNED_OUT_ROUTES);
    expect(report).toEqual(Object.fromEntries(SIGNED_OUT_ROUTES.map((r) => [r, []])));
    expect(new Set(titles).size).toBe(SIGNED_OUT_ROUTES.length);
    await context.close();
  });

  it('signed in as an administrator: account, children, users, audit log, assisted sign-up, failed jobs', async () => {
    const { context, page } = await newPage(view.locale, view.viewport);
    await signIn(page, DEMO_ADMIN.login, DEMO_ADMIN.password, view.locale);
    const { report, titles } = await check(page, ADMIN_ROUTES);
    expect(report).toEqual(Object.fromEntries(ADMIN_ROUTES.map((r) => [r, []])));
    expect(new Set(titles).size).toBe(ADMIN_ROUTES.length);

    // The "Manage" dialog of the users page, open.
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByRole('main').getByRole('button', { name: view.locale === 'en' ? 'Manage' : 'จัดการ', exact: false }).first().click();
    await page.getByRole('dialog').waitFor();
    // A modal hides the rest of the page from assistive technology: axe only, no landmarks.
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
