import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startApi } from './api-app';
import { publishTestCourse } from './catalog-fixture';

/**
 * The pages the API serves for the portal: `/` (the catalogue) and `/courses/{slug}` (the
 * shareable course page), server-rendered. A stand-in portal build (shell + server renderer)
 * keeps this about the API's part: the data it renders with, the card tags, status codes.
 * The real renderer is covered by the portal's SSR specs and the browser tests.
 */
const XSS = `"><script>window.__pwned=1</script><img src=x onerror=alert(1)>`;
const PUBLIC_URL = 'https://learn.example.org';
let dist: string;
let database: TestDatabase;
let app: NestExpressApplication;
const http = () => request(app.getHttpServer());

const SHELL = `<!DOCTYPE html>
<html lang="th">
  <head>
    <title>บ้านเรียน Baanrian</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

// Renders what it was given, escaped as React would: enough to see what the API passed in.
const RENDERER = `
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
exports.renderStartPage = async ({ url, locale, courses }) => ({
  html: '<ul>' + courses.items.map((c) => '<li>' + esc(c.slug) + '</li>').join('') + '</ul><p>' + esc(url) + '</p>',
  title: 'Catalogue', state: JSON.stringify({ locale, url }).replace(/</g, '\\\\u003c'),
});
exports.renderCoursePage = async ({ url, locale, course }) => ({
  html: '<h1>' + esc(course.title.th) + '</h1>', title: course.title.th + ' · Baanrian',
  state: JSON.stringify({ locale, url, course }).replace(/</g, '\\\\u003c'),
});`;

beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'portal-'));
  mkdirSync(path.join(dist, 'portal'));
  mkdirSync(path.join(dist, 'portal-ssr'));
  writeFileSync(path.join(dist, 'portal', 'index.html'), SHELL);
  writeFileSync(path.join(dist, 'portal-ssr', 'start-page.cjs'), RENDERER);
  database = await createTestDatabase();
  ({ app } = await startApi(testConfig(database.url, { PORTAL_DIST_DIR: path.join(dist, 'portal'), PUBLIC_URL })));
  const db = app.get(DataSource);
  await publishTestCourse(db, {
    slug: 'computer-for-elderly',
    title: { th: 'การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ', en: 'Computer basics for older adults' },
    summary: { th: 'เปิดเครื่อง ใช้เมาส์ และส่งอีเมลถึงลูกหลาน', en: 'Switch on, use a mouse, email the family' },
    coverMediaId: '11111111-1111-4111-8111-111111111111',
    targetGroups: ['elderly'],
  });
  await publishTestCourse(db, { slug: 'xss-course', title: { th: XSS }, summary: { th: XSS }, description: { th: XSS }, targetGroups: ['youth'] });
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
  rmSync(dist, { recursive: true, force: true });
});

describe('GET /courses/{slug} (server-rendered)', () => {
  it('is readable without scripts and carries the title, description, canonical URL and card tags', async () => {
    const res = await http().get('/courses/computer-for-elderly').expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.text;
    expect(html).toContain('<html lang="th"');
    expect(html).toContain('<title>การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ · Baanrian</title>');
    expect(html).toContain('<h1>การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ</h1>');
    expect(html).toContain('<meta name="description" content="เปิดเครื่อง ใช้เมาส์ และส่งอีเมลถึงลูกหลาน">');
    expect(html).toContain(`<link rel="canonical" href="${PUBLIC_URL}/courses/computer-for-elderly">`);
    expect(html).toContain('<meta property="og:title" content="การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ">');
    expect(html).toContain(`<meta property="og:url" content="${PUBLIC_URL}/courses/computer-for-elderly">`);
    expect(html).toContain('<meta property="og:type" content="website">');
    expect(html).toContain('<meta property="og:locale" content="th_TH">');
    expect(html).toContain(`<meta property="og:image" content="${PUBLIC_URL}/api/v1/media/11111111-1111-4111-8111-111111111111">`);
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
    // The scripts come after the first paint (the same loader as the start page).
    expect(html).not.toContain('<script type="module"');
  });

  it('renders in the language of the locale cookie', async () => {
    const res = await http().get('/courses/computer-for-elderly').set('Cookie', 'baanrian_locale=en').expect(200);
    expect(res.text).toContain('<html lang="en"');
    expect(res.text).toContain('<meta property="og:title" content="Computer basics for older adults">');
    expect(res.text).toContain('<meta property="og:locale" content="en_US">');
  });

  it('keeps script in a course title inert in the title, the meta attributes and the state', async () => {
    const html = (await http().get('/courses/xss-course').expect(200)).text;
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('<meta property="og:title" content="&quot;&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).toContain('<title>&quot;&gt;&lt;script&gt;');
    expect(html).not.toContain('twitter:image'); // no cover: a small card
  });

  it.each(['no-such-course', 'draft-course'])('answers %s with 404 and the portal shell (which shows "not found")', async (slug) => {
    const res = await http().get(`/courses/${slug}`).expect(404);
    expect(res.text).toContain('<div id="root"></div>');
    expect(res.text).not.toContain('og:title');
  });
});

describe('GET / (server-rendered catalogue)', () => {
  it('renders the catalog listing for the filters in the URL', async () => {
    const all = (await http().get('/').expect(200)).text;
    expect(all).toContain('<ul><li>computer-for-elderly</li><li>xss-course</li></ul>');
    const elderly = (await http().get('/?targetGroup=elderly').expect(200)).text;
    expect(elderly).toContain('<ul><li>computer-for-elderly</li></ul>');
    const search = (await http().get(`/?q=${encodeURIComponent('คอมพิวเตอร์')}`).expect(200)).text;
    expect(search).toContain('<ul><li>computer-for-elderly</li></ul>');
  });
});
