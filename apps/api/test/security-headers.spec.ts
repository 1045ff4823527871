import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request, { type Response } from 'supertest';
import { DataSource } from 'typeorm';
import { REACT_ARIA_STYLE_HASHES } from '../src/security/security-headers.middleware';
import sharp from 'sharp';
import { bearer } from './accounts-helpers';
import { startApi } from './api-app';
import { setupPeople } from './courses-helpers';
import { publishTestCourse } from './catalog-fixture';

/**
 * Security headers and the Content-Security-Policy on every kind of response the API sends:
 * the server-rendered start and course pages, a portal route served as the shell, its assets,
 * API answers (including the catalogue cache's), problems and the API docs. A stand-in portal
 * build (shell + server renderer, as Vite and the SSR bundle write them) keeps the pages small;
 * apps/e2e/src/security-headers.spec.ts shows the real portal runs under this policy.
 */
const SHELL = `<!DOCTYPE html>
<html lang="th">
  <head>
    <title>บ้านเรียน Baanrian</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/react-def.js">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

const RENDERER = `
exports.renderStartPage = async ({ locale }) => ({ html: '<h1>Catalogue</h1>', title: 'Catalogue', state: JSON.stringify({ locale }) });
exports.renderCoursePage = async ({ locale, course }) => ({ html: '<h1>' + course.slug + '</h1>', title: course.slug, state: JSON.stringify({ locale }) });`;

let dist: string;
let database: TestDatabase;
let app: NestExpressApplication;
let plain: NestExpressApplication;
const http = () => request(app.getHttpServer());

beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'portal-'));
  mkdirSync(path.join(dist, 'portal', 'assets'), { recursive: true });
  mkdirSync(path.join(dist, 'portal-ssr'));
  writeFileSync(path.join(dist, 'portal', 'index.html'), SHELL);
  writeFileSync(path.join(dist, 'portal', 'assets', 'index-abc.js'), 'console.log("portal")');
  writeFileSync(path.join(dist, 'portal-ssr', 'start-page.cjs'), RENDERER);
  database = await createTestDatabase();
  const env = { PORTAL_DIST_DIR: path.join(dist, 'portal'), PUBLIC_URL: 'https://learn.example.org', CATALOG_CACHE_SECONDS: '60' };
  ({ app } = await startApi(testConfig(database.url, env)));
  // The same API reached over plain http, without a portal build.
  ({ app: plain } = await startApi(testConfig(database.url, { PUBLIC_URL: 'http://127.0.0.1:3000', PORTAL_DIST_DIR: path.join(dist, 'none') })));
  await publishTestCourse(app.get(DataSource), { slug: 'computer-for-elderly', targetGroups: ['elderly'] });
});

afterAll(async () => {
  await plain?.close();
  await app?.close();
  await database?.drop();
  rmSync(dist, { recursive: true, force: true });
});

/** The policy as directive → sources. */
function csp(res: Response): Record<string, string[]> {
  const header = res.headers['content-security-policy'] as string | undefined;
  expect(header).toBeDefined();
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** The `sha256-…` sources a browser would compute for the page's inline scripts. */
function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
}

function expectSecurityHeaders(res: Response, options: { hsts: boolean } = { hsts: true }): void {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(res.headers['permissions-policy']).toContain('camera=()');
  expect(res.headers['permissions-policy']).toContain('geolocation=()');
  if (options.hsts) expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  else expect(res.headers['strict-transport-security']).toBeUndefined();
  expect(res.headers['x-powered-by']).toBeUndefined();

  const policy = csp(res);
  expect(policy['default-src']).toEqual(["'self'"]);
  expect(policy['frame-ancestors']).toEqual(["'none'"]);
  expect(policy['object-src']).toEqual(["'none'"]);
  expect(policy['base-uri']).toEqual(["'self'"]);
  expect(policy['form-action']).toEqual(["'self'"]);
  expect(policy['script-src'][0]).toBe("'self'");
  // Scripts: our origin and named inline scripts only; never inline or eval'd code in general.
  expect(policy['script-src'].slice(1).every((source) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(source))).toBe(true);
  expect(policy['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https:']);
  for (const directive of ['script-src', 'default-src', 'frame-src', 'connect-src', 'font-src', 'media-src', 'worker-src']) {
    expect(policy[directive]?.join(' ') ?? '').not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
  }
}

describe('portal pages', () => {
  it('GET / (server-rendered) allows exactly its one inline loader script, by hash', async () => {
    const res = await http().get('/').expect(200);
    expectSecurityHeaders(res);
    const hashes = inlineScriptHashes(res.text);
    expect(hashes).toHaveLength(1);
    expect(csp(res)['script-src']).toEqual(["'self'", ...hashes]);
    // Style sheets from our origin, and react-aria's two fixed `<style>` elements by hash.
    expect(csp(res)['style-src']).toEqual(["'self'", ...REACT_ARIA_STYLE_HASHES.map((hash) => `'${hash}'`)]);
  });

  it('GET /courses/{slug} (server-rendered) carries the same policy, and its loader has the same hash', async () => {
    const start = await http().get('/').expect(200);
    const res = await http().get('/courses/computer-for-elderly').expect(200);
    expectSecurityHeaders(res);
    expect(res.headers['content-security-policy']).toBe(start.headers['content-security-policy']);
    expect(csp(res)['script-src']).toEqual(["'self'", ...inlineScriptHashes(res.text)]);
  });

  it('a portal route served as the shell (/sign-in), an unknown course (404) and an asset carry the headers', async () => {
    const shell = await http().get('/sign-in').expect(200);
    expectSecurityHeaders(shell);
    expect(inlineScriptHashes(shell.text)).toEqual([]);
    expectSecurityHeaders(await http().get('/courses/no-such-course').expect(404));
    const asset = await http().get('/assets/index-abc.js').expect(200);
    expectSecurityHeaders(asset);
  });
});

describe('API answers', () => {
  it('an API route, a problem, and a catalogue listing answered from the cache carry the headers', async () => {
    expectSecurityHeaders(await http().get('/api/v1/health/live').expect(200));

    const problem = await http().get('/api/v1/nothing-here').set('Accept-Language', 'en').expect(404);
    expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectSecurityHeaders(problem);
    const invalid = await http().post('/api/v1/auth/sign-in').send({ unexpected: true }).expect(400);
    expectSecurityHeaders(invalid);

    await http().get('/api/v1/catalog?limit=5').expect(200);
    const cached = await http().get('/api/v1/catalog?limit=5').expect(200);
    expect(cached.body.items.map((c: { slug: string }) => c.slug)).toEqual(['computer-for-elderly']);
    expectSecurityHeaders(cached);
  });

  it('the API docs get inline styles (Swagger UI needs them) and nothing more', async () => {
    const res = await http().get('/api/docs').expect(200);
    expectSecurityHeaders(res);
    expect(csp(res)['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp(res)['script-src']).toEqual(["'self'"]);
  });

  it('an uploaded file opened directly keeps its own, stricter policy: no scripts, sandboxed', async () => {
    const instructor = await (await setupPeople(http)).instructor();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'green' } }).png().toBuffer();
    const uploaded = await http().post('/api/v1/media').set(bearer(instructor.token)).set('Content-Type', 'image/png').set('X-Filename', 'dot.png').send(png).expect(201);
    const res = await http().get(uploaded.body.url).expect(200);
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('over plain http there is no HSTS, and without a portal build no script hash', async () => {
    const res = await request(plain.getHttpServer()).get('/api/v1/health/live').expect(200);
    expectSecurityHeaders(res, { hsts: false });
    expect(csp(res)['script-src']).toEqual(["'self'"]);
  });
});
