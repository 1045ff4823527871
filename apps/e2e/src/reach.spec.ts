import type { TestDatabase } from '@baanrian/testing';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPortal, phonePage } from './support/browser';
import type { Proc } from './support/process';
import { stopQuietly } from './support/process';
import { appEnv, jsonLines, seededDatabase, startLiveApi } from './support/stack';

/**
 * Measured reach in a real browser (issue 10): the built portal's beacon reaches the built API,
 * which keeps one hashed visitor per page and day with the source and utm_* of the link, and
 * whose access log for the beacon carries neither the address nor the user agent.
 */
jest.setTimeout(90_000);

let database: TestDatabase;
let api: Proc;
let baseUrl: string;
let browser: Browser;
let db: Client;

beforeAll(async () => {
  database = await seededDatabase();
  // Info level: the request lines are what this test reads.
  const [live, chromium] = await Promise.all([startLiveApi((port) => appEnv(database.url, port, { LOG_LEVEL: 'info' })), launchChromium()]);
  ({ api, baseUrl } = live);
  browser = chromium;
  db = new Client({ connectionString: database.url });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await browser?.close();
  await stopQuietly(api);
  await database?.drop();
});

const beaconAnswered = (page: Page) => page.waitForResponse((res) => res.url().endsWith('/api/v1/reach/visits') && res.request().method() === 'POST');

interface VisitRow {
  page_key: string;
  course_id: string | null;
  source: string;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
}
const visits = async (): Promise<VisitRow[]> =>
  (await db.query(`SELECT page_key, course_id, source, utm_source, utm_medium, utm_campaign FROM reach_visit ORDER BY page_key`)).rows;

it('counts a visitor from a tagged LINE link on the catalog and on the course they open, once each however often they look', async () => {
  const { context, page } = await phonePage(browser);
  try {
    const first = beaconAnswered(page);
    await openPortal(page, `${baseUrl}/?utm_source=line&utm_medium=share&utm_campaign=songkran-2569`);
    expect((await first).status()).toBe(204);
    expect(await visits()).toEqual([{ page_key: 'catalog', course_id: null, source: 'line', utm_source: 'line', utm_medium: 'share', utm_campaign: 'songkran-2569' }]);

    // Into a course page by its card (a client-side navigation: no utm_* in the address any more).
    const second = beaconAnswered(page);
    const link = page.locator('article h2 a').first();
    const href = (await link.getAttribute('href')) ?? '';
    await link.click();
    expect((await second).status()).toBe(204);
    const slug = decodeURIComponent(href.replace('/courses/', ''));
    const { rows } = await db.query(`SELECT course_id FROM catalog_entry WHERE slug = $1`, [slug]);
    expect(await visits()).toEqual([
      { page_key: 'catalog', course_id: null, source: 'line', utm_source: 'line', utm_medium: 'share', utm_campaign: 'songkran-2569' },
      { page_key: `course:${rows[0].course_id}`, course_id: rows[0].course_id, source: 'direct', utm_source: '', utm_medium: '', utm_campaign: '' },
    ]);

    // Back on the catalog, and a reload: the same visitor today, so nothing new.
    const third = beaconAnswered(page);
    await openPortal(page, `${baseUrl}/`);
    expect((await third).status()).toBe(204);
    expect(await visits()).toHaveLength(2);
  } finally {
    await context.close();
  }
});

it('writes no address or user agent into the database or the beacon’s log lines', async () => {
  const userAgent = await browser.newPage().then(async (p) => {
    const ua = await p.evaluate(() => navigator.userAgent);
    await p.close();
    return ua;
  });
  const { rows } = await db.query(`SELECT t::text AS row FROM reach_visit t UNION ALL SELECT s::text FROM reach_salt s`);
  for (const { row } of rows as { row: string }[]) {
    expect(row).not.toContain('127.0.0.1');
    expect(row).not.toContain(Buffer.from('127.0.0.1').toString('hex'));
    expect(row).not.toContain('HeadlessChrome');
  }

  const lines = jsonLines(api).filter((line) => typeof line['req'] === 'object');
  const beaconLines = lines.filter((line) => (line['req'] as { url?: string }).url === '/api/v1/reach/visits');
  expect(beaconLines.length).toBeGreaterThanOrEqual(3);
  for (const line of beaconLines) {
    const text = JSON.stringify(line);
    expect(text).not.toContain('"remoteAddress"');
    expect(text).not.toContain('"user-agent"');
    expect(text).not.toContain(userAgent);
    expect(text).not.toContain('HeadlessChrome');
  }
  // Other requests keep their usual lines (the address is still logged there, as before).
  expect(lines.some((line) => JSON.stringify(line).includes('"remoteAddress"'))).toBe(true);
});
