import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiClient } from '@baanrian/api-client';
import { catalogueRequestPath, fetchCourses } from '../api/courses';
import { precacheList, writeServiceWorker } from './build-plugin';
import { CATALOGUE_FIRST_REQUEST, START_PAGE_MODULE } from './start-page';

describe('the start page preloads', () => {
  it('preload exactly the catalogue request the start page makes (else the browser fetches it twice)', async () => {
    const urls: string[] = [];
    const fetchSpy = async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://portal.test');
      urls.push(`${url.pathname}${url.search}`);
      return new Response(JSON.stringify({ items: [], nextCursor: null }), { headers: { 'Content-Type': 'application/json' } });
    };
    const client = createApiClient({ baseUrl: 'http://portal.test', fetch: fetchSpy as typeof fetch });
    const filtered = { targetGroup: 'elderly', q: 'คอมพิวเตอร์ ผู้สูงอายุ', upcoming: true } as const;
    await fetchCourses(client, {});
    await fetchCourses(client, filtered);
    expect(urls).toEqual([CATALOGUE_FIRST_REQUEST, catalogueRequestPath(filtered)]);
    // A server-rendered page saves its inline catalogue under this path for offline use.
    expect(catalogueRequestPath({})).toBe(CATALOGUE_FIRST_REQUEST);
  });

  it('name a module that exists', () => {
    expect(existsSync(path.resolve(__dirname, '../..', START_PAGE_MODULE))).toBe(true);
  });
});

describe('sw.js generation', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pwa-build-'));
    for (const file of ['index.html', 'manifest.webmanifest', 'favicon.ico', 'icons/icon-192.png', 'assets/index-abc.js', 'assets/home-def.js', 'assets/index-abc.css', 'assets/font-x.woff2', '.vite/manifest.json']) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), file);
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('precaches the shell files present and every JS and CSS asset, not fonts or the Vite manifest', () => {
    expect(precacheList(dir)).toEqual([
      '/index.html',
      '/manifest.webmanifest',
      '/favicon.ico',
      '/icons/icon-192.png',
      '/assets/home-def.js',
      '/assets/index-abc.css',
      '/assets/index-abc.js',
    ]);
  });

  it('versions the caches by content: same build, same version; any change, a new one', () => {
    const first = writeServiceWorker(dir).version;
    expect(writeServiceWorker(dir).version).toBe(first);
    writeFileSync(path.join(dir, 'assets/index-abc.css'), 'changed');
    expect(writeServiceWorker(dir).version).not.toBe(first);
    const source = readFileSync(path.join(dir, 'sw.js'), 'utf8');
    expect(source).toContain(`const PRECACHE = ${JSON.stringify(precacheList(dir))}`);
    expect(() => new Function('self', 'caches', source)).not.toThrow(); // valid JavaScript
  });
});
