import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, openPortal, phonePage, PHONE, horizontalOverflow } from './support/browser';
import { pageProblems } from './support/page-checks';
import { servePortal, type ServedPortal } from './support/stack';

/**
 * The public catalog in a browser (issue 6): browse by target group with the tiles, search in
 * Thai, open a shareable course page, by keyboard and at 360 px, with no axe violation; and an
 * XSS corpus in course titles and descriptions that never runs, on the list or a course page.
 */
jest.setTimeout(90_000);

const COMPUTER_TH = 'การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ';
const XSS_CORPUS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload="window.__xss=1">',
  '</title><script>window.__xss=1</script>',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  "';window.__xss=1;//",
  '<a href="javascript:window.__xss=1">click</a>',
  '[click me](javascript:window.__xss=1)',
  '<details open ontoggle="window.__xss=1">',
  '{{constructor.constructor("window.__xss=1")()}}',
];

let stack: ServedPortal;
let baseUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** Publishes a course the way the studio's publish writes it: draft row, version 1, catalog row. */
async function publish(db: Client, course: { slug: string; title: string; summary: string; description: string; targetGroups: string[]; modules?: unknown[]; startsAt?: string }) {
  const [{ id }] = (
    await db.query(
      `INSERT INTO course (slug, title, summary, description, target_groups, format, status, published_version, published_at, starts_at)
       VALUES ($1, $2, $3, $4, $5, 'onsite_workshop', 'published', 1, now(), $6) RETURNING id`,
      [course.slug, { th: course.title }, { th: course.summary }, { th: course.description }, course.targetGroups, course.startsAt ?? null],
    )
  ).rows;
  const snapshot = {
    courseId: id, version: 1, slug: course.slug, title: { th: course.title }, summary: { th: course.summary }, description: { th: course.description },
    language: 'th', targetGroups: course.targetGroups, format: 'onsite_workshop', categorySlug: null, tags: [], coverMediaId: null, capacity: 30,
    enrollmentOpensAt: null, enrollmentClosesAt: null, startsAt: course.startsAt ?? null, endsAt: null, learningHours: 6, sequential: false,
    ownerId: '', instructorIds: [], modules: course.modules ?? [], publishedAt: new Date().toISOString(), publishedById: '',
  };
  await db.query(`INSERT INTO course_version (course_id, version, snapshot) VALUES ($1, 1, $2)`, [id, snapshot]);
  await db.query(
    `INSERT INTO catalog_entry (course_id, slug, version, title, summary, language, target_groups, format, fiscal_year, search_text, published_at, updated_at, starts_at)
     VALUES ($1, $2, 1, $3, $4, 'th', $5, 'onsite_workshop', 2570, lower($6), now(), now(), $7)`,
    [id, course.slug, { th: course.title }, { th: course.summary }, course.targetGroups, `${course.title} ${course.summary}`, course.startsAt ?? null],
  );
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([servePortal(), launchChromium()]);
  baseUrl = stack.baseUrl;
  const db = new Client({ connectionString: stack.db.url });
  await db.connect();
  try {
    await publish(db, {
      slug: 'computer-for-elderly',
      title: COMPUTER_TH,
      summary: 'เปิดเครื่อง ใช้เมาส์ และส่งอีเมลถึงลูกหลาน',
      description: '## เรียนอะไร\n\nใช้ **เมาส์** และแป้นพิมพ์',
      targetGroups: ['elderly'],
      startsAt: '2026-12-01T02:00:00.000Z',
      modules: [
        {
          id: randomUUID(), title: 'ภาคปฏิบัติ', position: 0,
          lessons: [{
            id: randomUUID(), type: 'onsite_session', title: 'ฝึกที่ห้องสมุด', required: true, position: 0, durationMinutes: 180,
            content: { venue: 'ห้องสมุดประชาชนเชียงใหม่', address: '21 ถ.ราชดำเนิน', mapUrl: 'https://maps.example.org/?q=library', startsAt: '2026-12-01T02:00:00.000Z', endsAt: '2026-12-01T05:00:00.000Z', capacity: 30 },
          }],
        },
      ],
    });
    for (const [i, text] of XSS_CORPUS.entries()) {
      await publish(db, { slug: `xss-${i}`, title: `XSS ${i} ${text}`, summary: text, description: `${text}\n\n${text}`, targetGroups: ['youth'] });
    }
  } finally {
    await db.end();
  }
});

beforeEach(async () => {
  ({ context, page } = await phonePage(browser));
  // Any dialog or a set flag means script from course text ran.
  await page.addInitScript(() => Object.defineProperty(window, '__xss', { set: () => document.documentElement.setAttribute('data-xss', 'ran'), configurable: true }));
  page.on('dialog', (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
});
afterEach(() => context?.close());

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const xssRan = () => page.evaluate(() => document.documentElement.getAttribute('data-xss'));

it('browses by target group with a large tile at 360 px, then opens a course page from its card', async () => {
  await openPortal(page, `${baseUrl}/`);
  const tile = page.getByRole('link', { name: 'ผู้สูงอายุ', exact: true });
  const box = await tile.boundingBox();
  expect(box && box.height >= 100 && box.width >= 140).toBe(true); // large and easy to hit
  await tile.click();
  await page.getByRole('article', { name: COMPUTER_TH }).waitFor();
  expect(new URL(page.url()).searchParams.get('targetGroup')).toBe('elderly');
  expect(await pageProblems(page)).toEqual([]);

  await page.getByRole('link', { name: COMPUTER_TH }).click();
  await page.waitForURL(`${baseUrl}/courses/computer-for-elderly`);
  await page.getByRole('heading', { level: 1, name: COMPUTER_TH }).waitFor();
  expect(await page.getByText('ห้องสมุดประชาชนเชียงใหม่', { exact: true }).isVisible()).toBe(true);
  expect(await page.getByText('(ปีงบประมาณ 2570)').first().isVisible()).toBe(true);
  expect(await page.getByRole('link', { name: /แชร์ทาง LINE/ }).getAttribute('href')).toContain('utm_source%3Dline');
  expect(await pageProblems(page)).toEqual([]);
  expect(await horizontalOverflow(page)).toEqual({ scrollWidth: PHONE.width, viewport: PHONE.width, offenders: [] });
});

it('finds a course by a Thai word typed without spaces', async () => {
  await openPortal(page, `${baseUrl}/`);
  await page.getByRole('searchbox', { name: 'ค้นหาหลักสูตร' }).fill('คอมพิวเตอร์');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'พบ 1 หลักสูตรสำหรับ “คอมพิวเตอร์”' }).waitFor();
  expect(await page.getByRole('article').count()).toBe(1);
  expect(new URL(page.url()).searchParams.get('q')).toBe('คอมพิวเตอร์');
  expect(await pageProblems(page)).toEqual([]);
});

it('works by keyboard: a tile, the search box, then a course link', async () => {
  await openPortal(page, `${baseUrl}/`);
  await page.getByRole('link', { name: 'ผู้สูงอายุ', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/targetGroup=elderly/);
  await page.getByRole('searchbox').focus();
  await page.keyboard.type('คอมพิวเตอร์');
  await page.keyboard.press('Enter');
  await page.getByRole('article', { name: COMPUTER_TH }).waitFor();
  await page.getByRole('link', { name: COMPUTER_TH }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: COMPUTER_TH }).waitFor();
});

it('serves the course page readable without JavaScript, with the share card tags', async () => {
  const noScript = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  try {
    const bare = await noScript.newPage();
    const response = await bare.goto(`${baseUrl}/courses/computer-for-elderly`);
    expect(await bare.getByRole('heading', { level: 1 }).textContent()).toBe(COMPUTER_TH);
    expect(await bare.getByText('ห้องสมุดประชาชนเชียงใหม่', { exact: true }).isVisible()).toBe(true);
    expect(await bare.title()).toBe(`${COMPUTER_TH} · บ้านเรียน Baanrian`);
    const html = (await response?.text()) ?? '';
    expect(html).toContain(`<meta property="og:title" content="${COMPUTER_TH}">`);
    expect(html).toContain('<meta name="twitter:card"');
    expect(html).toMatch(/<link rel="canonical" href="[^"]+\/courses\/computer-for-elderly">/);
    const missing = await bare.goto(`${baseUrl}/courses/no-such-course`);
    expect(missing?.status()).toBe(404);
  } finally {
    await noScript.close();
  }
});

it('never runs script from course titles, summaries or descriptions: list, search and every course page', async () => {
  await openPortal(page, `${baseUrl}/?targetGroup=youth`);
  await page.getByRole('article', { name: /XSS 0/ }).waitFor();
  await page.waitForLoadState('networkidle');
  expect(await xssRan()).toBeNull();
  expect(await page.locator('main img[src="x"], main iframe, main svg[onload], main details[ontoggle]').count()).toBe(0);

  await openPortal(page, `${baseUrl}/?q=${encodeURIComponent('<script>')}`);
  await page.waitForLoadState('networkidle');
  expect(await xssRan()).toBeNull();

  for (let i = 0; i < XSS_CORPUS.length; i++) {
    await openPortal(page, `${baseUrl}/courses/xss-${i}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`XSS ${i} ${XSS_CORPUS[i]}`);
    await page.waitForLoadState('networkidle');
    expect({ i, ran: await xssRan() }).toEqual({ i, ran: null });
    expect(await page.locator('main a[href^="javascript:"]').count()).toBe(0);
  }
});
