/**
 * The service worker, written by hand and generated at build time (see `pwaPlugin` in
 * build-plugin.ts) with the list of files to precache and a version derived from their content.
 *
 * - install: precache the app shell (index.html, the JS and CSS, manifest, icons) in one versioned cache;
 * - activate: delete every older Baanrian cache, take control of open pages;
 * - navigations: network first (a new deployment shows at once); when the network fails, or gives no
 *   answer within NAVIGATION_TIMEOUT_MS while a shell is cached, the cached index.html (offline shell);
 * - /assets/*: content-hashed, so cache first; files not precached (fonts, images) are cached on first use;
 * - /api/*: never touched, except GET /api/v1/catalog* (the catalogue and course pages): network first, falling back to
 *   the last answer, and telling the page it is showing saved data;
 * - anything else (manifest, icons, favicon): cache first from the shell, else the network.
 */

export interface ServiceWorkerBuild {
  version: string;
  precache: readonly string[];
}

export const CACHE_PREFIX = 'baanrian-';
export const NAVIGATION_TIMEOUT_MS = 4000;
/** The catalogue answers kept for offline use, and the header saying when each was saved. */
export const DATA_CACHE = `${CACHE_PREFIX}data`;
export const SAVED_AT_HEADER = 'x-baanrian-saved-at';

/** The source of `sw.js`. Plain ES2017, no imports: it runs as a classic worker script. */
export function serviceWorkerSource({ version, precache }: ServiceWorkerBuild): string {
  return `/* Baanrian service worker ${version}. Generated at build time; see apps/portal/src/pwa/service-worker.ts. */
'use strict';
const VERSION = ${JSON.stringify(version)};
const PRECACHE = ${JSON.stringify(precache)};
const PREFIX = ${JSON.stringify(CACHE_PREFIX)};
const SHELL = PREFIX + 'shell-' + VERSION;
const ASSETS = PREFIX + 'assets-' + VERSION;
const DATA = ${JSON.stringify(DATA_CACHE)};
const NAVIGATION_TIMEOUT_MS = ${NAVIGATION_TIMEOUT_MS};
const SAVED_AT = ${JSON.stringify(SAVED_AT_HEADER)};

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL)
      // Hashed assets may come from the HTTP cache (the page just loaded them: no second download on
      // a metered connection); the rest is fetched fresh so the shell matches this version.
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: url.startsWith('/assets/') ? 'default' : 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  const keep = [SHELL, ASSETS, DATA];
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith(PREFIX) && !keep.includes(key)).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'baanrian:skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) {
    if (url.pathname === '/api/v1/catalog' || url.pathname.startsWith('/api/v1/catalog/')) {
      event.respondWith(catalogue(request, event.clientId));
    }
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request, event.resultingClientId || event.clientId));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request, ASSETS));
    return;
  }
  if (PRECACHE.includes(url.pathname)) event.respondWith(cacheFirst(request, SHELL));
});

function tell(clientId, message) {
  if (!clientId) return;
  self.clients.get(clientId).then((client) => client && client.postMessage(message), () => undefined);
}

async function cacheFirst(request, cacheName) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(cacheName).then((cache) => cache.put(request, copy), () => undefined);
  }
  return response;
}

async function navigation(request, clientId) {
  const shell = await caches.match('/index.html', { cacheName: SHELL });
  const network = fetch(request);
  if (!shell) return network;
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(null), NAVIGATION_TIMEOUT_MS); });
  try {
    const response = await Promise.race([network, timeout]);
    if (response) return response;
    network.catch(() => undefined);
  } catch (error) {
    // Offline: the cached shell below.
  } finally {
    clearTimeout(timer);
  }
  return shell;
}

async function save(request, response) {
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, String(Date.now()));
  const body = await response.blob();
  const cache = await caches.open(DATA);
  await cache.put(request, new Response(body, { status: response.status, statusText: response.statusText, headers }));
}

async function catalogue(request, clientId) {
  try {
    const response = await fetch(request);
    if (response.ok) save(request, response.clone()).catch(() => undefined);
    tell(clientId, { type: 'baanrian:network-ok' });
    return response;
  } catch (error) {
    const cached = await caches.match(request, { cacheName: DATA });
    if (!cached) {
      tell(clientId, { type: 'baanrian:network-error' });
      throw error;
    }
    const savedAt = Number(cached.headers.get(SAVED_AT)) || null;
    tell(clientId, { type: 'baanrian:stale', savedAt });
    return cached;
  }
}
`;
}
