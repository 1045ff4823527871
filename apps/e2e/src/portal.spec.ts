import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, horizontalOverflow, launchChromium, PHONE, phonePage, setBrowserTextSize, openPortal } from './support/browser';
import { servePortal, type ServedPortal } from './support/stack';

/** The built portal, served by the built api from a seeded database, in Chromium at phone size. */
jest.setTimeout(60_000);

type Lang = 'th' | 'en' | 'vi';
interface Course {
  slug: string;
  title: Record<Lang, string>;
  targetGroups: string[];
}
const HEADINGS: Record<Lang, string> = { th: 'ค้นหาหลักสูตร', en: 'Find a course', vi: 'Tìm khóa học' };
const ELDERLY_TH = ['ใช้สมาร์ตโฟนอย่างมั่นใจสำหรับผู้สูงอายุ', 'ดูแลสุขภาพผู้สูงวัยที่บ้าน'];
const screenshotDir = mkdtempSync(path.join(os.tmpdir(), 'baanrian-e2e-screenshots-'));

let stack: ServedPortal;
let baseUrl: string;
let browser: Browser;
let courses: Course[];
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [stack, browser] = await Promise.all([servePortal(), launchChromium()]);
  baseUrl = stack.baseUrl;
  courses = ((await (await fetch(`${baseUrl}/api/v1/catalog?limit=50`)).json()) as { items: Course[] }).items;
});

beforeEach(async () => ({ context, page } = await phonePage(browser)));
afterEach(() => context?.close());

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  console.log(`Portal screenshots: ${screenshotDir}`);
});

/** The course articles' accessible names, once the result count says `count` courses. */
async function articleNames(count: number): Promise<string[]> {
  await page.waitForFunction((n) => document.querySelectorAll('article').length === n && !document.querySelector('[aria-busy="true"]'), count);
  return page.getByRole('article').evaluateAll((articles) => articles.map((a) => a.querySelector('h2')?.textContent ?? ''));
}

async function openHome(lang: Lang = 'th', query = ''): Promise<void> {
  await openPortal(page, `${baseUrl}/${query}`);
  if (lang !== 'th') await page.getByRole('combobox', { name: 'ภาษา', exact: true }).selectOption(lang);
  await page.getByRole('heading', { level: 1, name: HEADINGS[lang] }).waitFor();
}

it('lists the eight demo courses in Thai on a 360 px phone, without horizontal scrolling', async () => {
  expect(courses).toHaveLength(8);
  await openHome();
  expect(await articleNames(8)).toEqual(courses.map((c) => c.title.th));
  expect(await page.getByRole('article', { name: ELDERLY_TH[0] }).isVisible()).toBe(true);
  expect(await page.getByRole('status').textContent()).toBe('แสดง 8 หลักสูตร');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('th');
  expect(await horizontalOverflow(page)).toEqual({ scrollWidth: PHONE.width, viewport: PHONE.width, offenders: [] });
});

it('browses to the two elderly courses with their tile, puts the group in the URL, and keeps it on reload', async () => {
  await openHome();
  await articleNames(8);
  const tile = page.getByRole('link', { name: 'ผู้สูงอายุ', exact: true });
  await tile.click();
  await page.getByRole('status').filter({ hasText: 'แสดง 2 หลักสูตร' }).waitFor();
  expect((await articleNames(2)).sort()).toEqual([...ELDERLY_TH].sort());
  expect(courses.filter((c) => c.targetGroups.includes('elderly')).map((c) => c.title.th).sort()).toEqual([...ELDERLY_TH].sort());
  expect(new URL(page.url()).searchParams.get('targetGroup')).toBe('elderly');

  await page.reload();
  await page.getByRole('status').filter({ hasText: 'แสดง 2 หลักสูตร' }).waitFor();
  expect((await articleNames(2)).sort()).toEqual([...ELDERLY_TH].sort());
  expect(await tile.getAttribute('aria-current')).toBe('page');
});

it('switches to English: English headings and titles, and <html lang="en">', async () => {
  await openHome('en');
  expect(await articleNames(8)).toEqual(courses.map((c) => c.title.en));
  expect(await page.getByRole('article', { name: 'Smartphones with confidence for seniors' }).isVisible()).toBe(true);
  expect(await page.getByRole('status').textContent()).toBe('8 courses shown');
  expect(await page.getByRole('link', { name: 'Older adults', exact: true }).isVisible()).toBe(true);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
});

it('offers a visible skip link as the first Tab stop, which moves focus to the main content', async () => {
  await openHome();
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  expect(await focused.evaluate((el) => ({ tag: el.tagName, text: el.textContent }))).toEqual({ tag: 'A', text: 'ข้ามไปยังเนื้อหาหลัก' });
  const box = await focused.boundingBox();
  expect(box && box.y >= 0 && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);

  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main');
});

it.each<Lang>(['th', 'en', 'vi'])('at 200%% browser text size still fits 360 px without horizontal scrolling (%s)', async (lang) => {
  await openHome(lang);
  await articleNames(8);
  const h1Size = () => page.getByRole('heading', { level: 1 }).evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
  const normal = await h1Size();
  await setBrowserTextSize(page, 200);
  // The text really is twice as large: the setting took effect and the CSS follows it.
  await page.waitForFunction((n) => parseFloat(getComputedStyle(document.querySelector('h1') as Element).fontSize) >= 2 * n - 0.5, normal);
  expect(await h1Size()).toBeCloseTo(2 * normal, 0);
  expect(await horizontalOverflow(page)).toEqual({ scrollWidth: PHONE.width, viewport: PHONE.width, offenders: [] });
  await page.screenshot({ path: path.join(screenshotDir, `home-${lang}-200pct.png`), fullPage: false });
});

it.each<Lang>(['th', 'en', 'vi'])('has no axe WCAG 2.2 AA violations (%s)', async (lang) => {
  await openHome(lang);
  await articleNames(8);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
  await page.screenshot({ path: path.join(screenshotDir, `home-${lang}.png`), fullPage: true });
  const violations = await axeViolations(page);
  if (violations.length) console.log(`axe violations (${lang}):\n${violations.join('\n')}`);
  expect(violations).toEqual([]);
});

describe('the server-rendered start page', () => {
  it('shows the catalogue before any script runs, so a slow phone paints courses first', async () => {
    const noScript = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    try {
      const bare = await noScript.newPage();
      await bare.goto(`${baseUrl}/?targetGroup=elderly`);
      expect(await bare.getByRole('heading', { level: 1 }).textContent()).toBe(HEADINGS.th);
      const titles = await bare.getByRole('article').evaluateAll((articles) => articles.map((a) => a.querySelector('h2')?.textContent));
      expect(titles.sort()).toEqual([...ELDERLY_TH].sort());
      expect(await bare.title()).toBe('หลักสูตรทั้งหมด · บ้านเรียน Baanrian');
      // Plain links: the navigation works without JavaScript too.
      expect(await bare.getByRole('link', { name: 'การแสดงผล' }).getAttribute('href')).toBe('/settings');
    } finally {
      await noScript.close();
    }
  });

  it('renders in the language the learner chose last time (remembered in a cookie) and hydrates without refetching', async () => {
    await openHome('en'); // choosing English sets the cookie
    const catalogueRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/catalog')) catalogueRequests.push(request.url());
    });
    const response = await page.goto(`${baseUrl}/`);
    const html = (await response?.text()) ?? '';
    expect(html).toContain('<html lang="en"');
    expect(html).toContain(courses[0]?.title.en);
    await page.waitForSelector('html[data-app-ready]', { state: 'attached' });
    expect(await articleNames(8)).toEqual(courses.map((c) => c.title.en));
    expect(catalogueRequests).toEqual([]);
    // Hydrated, not frozen: the filter now works client-side.
    await page.getByRole('link', { name: 'Older adults', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '2 courses shown' }).waitFor();
  });
});
