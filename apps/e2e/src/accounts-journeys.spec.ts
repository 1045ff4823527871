import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchChromium } from './support/browser';
import { pageProblems } from './support/page-checks';
import { servePortal, type ServedPortal } from './support/stack';

/**
 * The accounts journeys in a real Chromium against the built api serving the built portal (seeded
 * database): a guardian adds a child, gives a consent, switches to the child and back; "download
 * my data"; "delete my account"; assisted sign-up with a printed card, first sign-in with a PIN,
 * and a replacement card printed by an administrator. Each screen on the way passes the page
 * checks (axe WCAG 2.2 A/AA, one h1, landmarks, no sideways scroll).
 */
jest.setTimeout(240_000);

const DEMO_ADMIN = { login: 'admin@demo.baanrian.test', password: 'demo-admin-2567' };
const DEMO_INSTRUCTOR = { login: 'instructor@demo.baanrian.test', password: 'demo-instructor-2567' };
const PASSWORD = 'mango sticky rice 2567';

let stack: ServedPortal;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([servePortal(), launchChromium()]);
  baseUrl = stack.baseUrl;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en', acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript(() => {
    if (!window.localStorage.getItem('baanrian.locale')) window.localStorage.setItem('baanrian.locale', 'en');
  });
  return { context, page };
}

const banner = (page: Page) => page.getByRole('banner');

/** An English-speaking account made through the API (sign-up has its own journey in accounts.spec.ts). */
async function newAccount(name: string): Promise<{ email: string; displayName: string }> {
  const email = `${name.toLowerCase()}.${Date.now()}@example.org`;
  const res = await fetch(`${baseUrl}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, displayName: name, preferredLocale: 'en', birthYear: 1988 }),
  });
  expect(res.status).toBe(201);
  return { email, displayName: name };
}

async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByRole('textbox', { name: 'Email or account code', exact: true }).fill(login);
  await page.getByLabel('Password or PIN', { exact: true }).fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true }).click();
  await banner(page).locator('.account-nav__account').waitFor();
  // The profile's language takes over right after sign-in; give it a moment, then choose English.
  await page.waitForTimeout(300);
  if ((await page.evaluate(() => document.documentElement.lang)) !== 'en') {
    await banner(page).getByRole('combobox').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  }
}

/** Page checks once the screen has settled (no loading state left). */
async function problems(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  // React Aria announces a pending button's end through a transient live-region entry labelled by
  // the (by then removed) spinner, which axe flags until the announcer clears it (≈ 7 s): wait.
  await page.waitForFunction(() => !document.querySelector('[data-live-announcer] [role=img]'), undefined, { timeout: 15_000 });
  return pageProblems(page);
}

it('a guardian adds a child, gives a consent, switches to the child and back', async () => {
  const { context, page } = await newPage();
  const guardian = await newAccount('Somsri');
  await signIn(page, guardian.email, PASSWORD);

  await page.goto(`${baseUrl}/account/children`);
  await page.getByRole('heading', { level: 1, name: 'My children' }).waitFor();
  expect(await problems(page)).toEqual([]);
  await page.getByRole('textbox', { name: "Child's name", exact: true }).fill('Nong Fah');
  await page.getByRole('textbox', { name: 'Year of birth', exact: true }).fill(String(new Date().getFullYear() - 5));
  await page.locator('label', { hasText: "I am this child's parent or guardian" }).click();
  await page.getByRole('button', { name: 'Add child', exact: true }).click();
  const learnAs = page.getByRole('button', { name: 'Learn as Nong Fah' });
  await learnAs.waitFor();
  expect(await problems(page)).toEqual([]);

  // A consent for the child, through the consents screen's form.
  await page.goto(`${baseUrl}/account`);
  const give = page.getByRole('form', { name: 'Give a consent' });
  await give.waitFor();
  await give.getByText('Under privacy policy version').waitFor();
  await give.getByRole('button', { name: /Purpose/ }).click();
  await page.getByRole('option', { name: 'Being counted, anonymously, in participation reports' }).click();
  await give.getByRole('button', { name: /For whom/ }).click();
  await page.getByRole('option', { name: 'Nong Fah' }).click();
  await give.getByRole('button', { name: 'Give consent', exact: true }).click();
  await page.getByRole('heading', { level: 3, name: 'Being counted, anonymously, in participation reports' }).first().waitFor();
  expect(await problems(page)).toEqual([]);

  // Switch into the child's profile, then back.
  await page.goto(`${baseUrl}/account/children`);
  await learnAs.click();
  await page.getByText('You are learning as Nong Fah').waitFor();
  expect(await problems(page)).toEqual([]);
  await page.getByRole('button', { name: 'Switch back to my profile' }).click();
  await page.getByText('You are learning as Nong Fah').waitFor({ state: 'detached' });
  await banner(page).getByRole('link', { name: `Your account: ${guardian.displayName}` }).waitFor();
  await context.close();
});

it('downloads my data (the profile is in the JSON), then deletes the account: signing in fails afterwards', async () => {
  const { context, page } = await newPage();
  const person = await newAccount('Prasert');
  await signIn(page, person.email, PASSWORD);
  await page.goto(`${baseUrl}/account`);
  await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
  expect(await problems(page)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data' }).click()]);
  const data = JSON.parse(readFileSync(String(await download.path()), 'utf8')) as { profile?: { email?: string; displayName?: string } };
  expect(JSON.stringify(data)).toContain(person.email);
  expect(JSON.stringify(data)).toContain(person.displayName);

  await page.getByRole('button', { name: 'Delete my account…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account for good?' });
  await dialog.waitFor();
  await dialog.getByRole('textbox', { name: 'Type DELETE to confirm' }).fill('DELETE');
  await dialog.getByRole('button', { name: 'Delete my account for good' }).click();
  await banner(page).getByRole('link', { name: 'Sign in' }).waitFor();

  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('textbox', { name: 'Email or account code', exact: true }).fill(person.email);
  await page.getByLabel('Password or PIN', { exact: true }).fill(PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Could not sign in' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await context.close();
});

/** The codes on the card the page shows. */
async function cardCodes(page: Page): Promise<{ accountCode: string; oneTimeCode: string }> {
  const codes = page.locator('.sign-in-card__code');
  await codes.first().waitFor();
  return { accountCode: (await codes.nth(0).innerText()).trim(), oneTimeCode: (await codes.nth(1).innerText()).trim() };
}

async function redeemCard(page: Page, card: { accountCode: string; oneTimeCode: string }): Promise<void> {
  await page.goto(`${baseUrl}/card`);
  await page.getByRole('heading', { level: 1, name: 'Sign in with your card' }).waitFor();
  await page.getByRole('textbox', { name: 'Account code', exact: true }).fill(card.accountCode);
  await page.getByRole('textbox', { name: 'One-time code', exact: true }).fill(card.oneTimeCode);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

it('assisted sign-up: an instructor prints a card, the learner sets a PIN with it, the card stops working, an administrator prints a new one', async () => {
  const staff = await newPage();
  await signIn(staff.page, DEMO_INSTRUCTOR.login, DEMO_INSTRUCTOR.password);
  await staff.page.goto(`${baseUrl}/admin/assisted`);
  await staff.page.getByRole('heading', { level: 1, name: 'Assisted sign-up' }).waitFor();
  expect(await problems(staff.page)).toEqual([]);
  const name = `Grandma Boonmee ${Date.now()}`;
  await staff.page.getByRole('textbox', { name: "Learner's name", exact: true }).fill(name);
  await staff.page.getByRole('button', { name: 'Create the account and card' }).click();
  await staff.page.getByRole('heading', { name: `Sign-in card for ${name}` }).waitFor();
  const card = await cardCodes(staff.page);
  expect(card.accountCode).toMatch(/^BR-\d{5,}$/);
  expect(await problems(staff.page)).toEqual([]);
  await staff.context.close();

  // The learner, on their own phone: codes, then a PIN.
  const learner = await newPage();
  await redeemCard(learner.page, card);
  expect(await learner.page.getByRole('radio', { name: 'A 6-digit PIN' }).isChecked()).toBe(true);
  await learner.page.getByLabel('Choose a 6-digit PIN', { exact: true }).fill('480263');
  expect(await problems(learner.page)).toEqual([]);
  await learner.page.getByRole('button', { name: 'Save and sign in' }).click();
  await banner(learner.page).getByRole('link', { name: `Your account: ${name}` }).waitFor();
  await learner.context.close();

  // The card is spent.
  const again = await newPage();
  await redeemCard(again.page, card);
  await again.page.getByRole('alert').filter({ hasText: 'The codes were not accepted' }).waitFor();
  // The PIN signs in with the account code.
  await signIn(again.page, card.accountCode, '480263');
  await again.context.close();

  // A lost card: the administrator prints a replacement (the PIN they chose is removed with it).
  const admin = await newPage();
  await signIn(admin.page, DEMO_ADMIN.login, DEMO_ADMIN.password);
  await admin.page.goto(`${baseUrl}/admin/users?q=${encodeURIComponent(card.accountCode)}`);
  await admin.page.getByRole('button', { name: `Manage ${name}` }).click();
  const dialog = admin.page.getByRole('dialog', { name: `Manage ${name}` });
  await dialog.getByText('They have chosen a PIN or password.').waitFor();
  // A modal hides the rest of the page from assistive technology: axe only, no landmarks.
  expect(await axeViolations(admin.page)).toEqual([]);
  const print = dialog.getByRole('button', { name: 'Print a new sign-in card' });
  expect(await print.isDisabled()).toBe(true);
  await dialog.locator('label', { hasText: 'They forgot it' }).click();
  await print.click();
  await admin.page.getByRole('heading', { name: `Sign-in card for ${name}` }).waitFor();
  const replacement = await cardCodes(admin.page);
  expect(replacement.accountCode).toBe(card.accountCode);
  expect(replacement.oneTimeCode).not.toBe(card.oneTimeCode);
  await admin.page.getByRole('button', { name: 'Print the card' }).waitFor();
  expect(await problems(admin.page)).toEqual([]);
  await admin.context.close();

  // The new card works, once.
  const next = await newPage();
  await redeemCard(next.page, replacement);
  await next.page.getByLabel('Choose a 6-digit PIN', { exact: true }).waitFor();
  await next.context.close();
});
