import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPortal } from './support/browser';
import { servePortal, type ServedPortal } from './support/stack';

/** Keyboard only, no mouse: the main navigation, the language and the text-size setting. */
jest.setTimeout(60_000);

let stack: ServedPortal;
let baseUrl: string;
let browser: Browser;
let page: Page;

/** What has focus, described the way a screen reader would name it. */
const focused = (p: Page) =>
  p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? '', name: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim(), href: el?.getAttribute('href') ?? null };
  });

/** Presses Tab until the focused element matches, failing after `max` presses. Returns every stop on the way. */
async function tabUntil(match: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 25): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    stops.push(`${f.tag}:${f.name}`);
    if (match(f)) return stops;
  }
  throw new Error(`Tab never reached the target. Stops: ${stops.join(' | ')}`);
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([servePortal(), launchChromium()]);
  baseUrl = stack.baseUrl;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  page = await context.newPage();
  await page.addInitScript(() => window.localStorage.setItem('baanrian.locale', 'en'));
  await openPortal(page, baseUrl);
  await page.getByRole('article').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

it('starts at the skip link, which moves focus to the main content', async () => {
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ tag: 'a', href: '#main' });
  await page.keyboard.press('Enter');
  expect((await focused(page)).tag).toBe('main');
});

it('walks the main navigation with Tab and Enter', async () => {
  await openPortal(page, baseUrl);
  await page.getByRole('article').first().waitFor();
  const stops = await tabUntil((f) => f.tag === 'a' && f.name === 'Design system');
  expect(stops.join(' | ')).toMatch(/Language.*Text size.*Courses.*Display.*Design system|Courses.*Display.*Design system/s);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}/ui`);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBeTruthy();
  expect(await page.title()).not.toBe('');

  // Focus moves to the new page's content, as after a full page load with the skip link.
  expect((await focused(page)).tag).toBe('main');
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatchObject({ tag: 'a', name: 'Design system' });
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatchObject({ tag: 'a', name: 'Display' });
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}/settings`);
});

it('changes the language with the arrow keys and remembers it', async () => {
  await openPortal(page, baseUrl);
  await page.getByRole('article').first().waitFor();
  await tabUntil((f) => f.tag === 'select' && f.name.includes('English'));
  await page.keyboard.press('ArrowDown'); // th, en, vi: English → Tiếng Việt
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  expect(await page.evaluate(() => window.localStorage.getItem('baanrian.locale'))).toBe('vi');
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
});

it('opens the text-size dialog, picks 150% with the arrow keys, and Escape returns to the button', async () => {
  await openPortal(page, baseUrl);
  await page.getByRole('article').first().waitFor();
  await tabUntil((f) => f.tag === 'button' && f.name.includes('Text size'));
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  await tabUntil((f) => f.tag === 'input' || f.name.includes('100%'), 10);
  await page.keyboard.press('ArrowRight'); // 125%
  await page.keyboard.press('ArrowRight'); // 150%
  await page.waitForFunction(() => document.documentElement.style.fontSize === '150%');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  // Focus comes back in the frame after the dialog goes (CI caught the moment in between, once):
  // wait for it, briefly, then check where it landed.
  await page.waitForFunction(() => document.activeElement?.tagName === 'BUTTON', undefined, { timeout: 2_000 }).catch(() => undefined);
  expect(await focused(page)).toMatchObject({ tag: 'button' });
  expect((await focused(page)).name).toContain('Text size');
  // Remembered on the next visit.
  await page.reload();
  await page.getByRole('article').first().waitFor();
  expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe('150%');
});
