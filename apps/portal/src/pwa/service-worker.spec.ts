import { serviceWorkerSource } from './service-worker';

/**
 * The generated sw.js, run against fakes of the service worker globals (the Cache Storage and the
 * network are the machine's edges): what it caches, what it answers offline, what it leaves alone.
 */
const ORIGIN = 'https://baanrian.test';
const PRECACHE = ['/index.html', '/manifest.webmanifest', '/assets/index-abc.js'];

type Handler = (event: Record<string, unknown>) => void;
const key = (request: string | { url: string }) => new URL(typeof request === 'string' ? request : request.url, ORIGIN).href;

class FakeCache {
  readonly entries = new Map<string, Response>();
  constructor(private readonly network: (request: { url: string }) => Promise<Response>) {}
  async match(request: string | { url: string }) {
    return this.entries.get(key(request))?.clone();
  }
  async put(request: string | { url: string }, response: Response) {
    this.entries.set(key(request), response);
  }
  async addAll(requests: { url: string }[]) {
    for (const request of requests) this.entries.set(key(request), await this.network(request));
  }
}

function worker() {
  const handlers = new Map<string, Handler>();
  const stores = new Map<string, FakeCache>();
  const messages: unknown[] = [];
  const network = { online: true, calls: [] as string[] };
  const fetchFake = async (request: { url: string }) => {
    network.calls.push(key(request).replace(ORIGIN, ''));
    if (!network.online) throw new TypeError('Failed to fetch');
    return new Response(`network ${key(request).replace(ORIGIN, '')}`, { status: 200, headers: { 'Content-Type': 'text/plain' } });
  };
  const caches = {
    async open(name: string) {
      if (!stores.has(name)) stores.set(name, new FakeCache(fetchFake));
      return stores.get(name) as FakeCache;
    },
    async keys() {
      return [...stores.keys()];
    },
    async delete(name: string) {
      return stores.delete(name);
    },
    async match(request: string | { url: string }, options: { cacheName?: string } = {}) {
      for (const [name, store] of stores) {
        if (options.cacheName && name !== options.cacheName) continue;
        const found = await store.match(request);
        if (found) return found;
      }
      return undefined;
    },
  };
  const self = {
    location: { origin: ORIGIN },
    addEventListener: (type: string, handler: Handler) => handlers.set(type, handler),
    skipWaiting: vi.fn(async () => undefined),
    clients: { claim: vi.fn(async () => undefined), get: async () => ({ postMessage: (message: unknown) => messages.push(message) }) },
  };
  const RequestFake = function (url: string, init: object) {
    return { url: key(url), ...init };
  };
  const source = serviceWorkerSource({ version: 'v2', precache: PRECACHE });
  new Function('self', 'caches', 'fetch', 'Request', source)(self, caches, fetchFake, RequestFake);

  async function lifecycle(type: 'install' | 'activate') {
    let done: Promise<unknown> = Promise.resolve();
    (handlers.get(type) as Handler)({ waitUntil: (promise: Promise<unknown>) => (done = promise) });
    await done;
  }
  /** Dispatches a fetch event; resolves with the response text, or null when the worker let the browser handle it. */
  async function request(path: string, init: { method?: string; mode?: string } = {}): Promise<string | null> {
    let response: Promise<Response> | undefined;
    (handlers.get('fetch') as Handler)({
      request: { url: `${ORIGIN}${path}`, method: init.method ?? 'GET', mode: init.mode ?? 'cors' },
      clientId: 'client-1',
      resultingClientId: '',
      respondWith: (promise: Promise<Response>) => (response = promise),
    });
    if (!response) return null;
    return (await response).text();
  }
  return { self, stores, messages, network, lifecycle, request };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('sw.js', () => {
  it('precaches the app shell on install and takes over at once', async () => {
    const sw = worker();
    await sw.lifecycle('install');
    expect([...(sw.stores.get('baanrian-shell-v2')?.entries.keys() ?? [])]).toEqual(PRECACHE.map((path) => `${ORIGIN}${path}`));
    expect(sw.self.skipWaiting).toHaveBeenCalled();
  });

  it('deletes older Baanrian caches on activate, keeps the saved catalogue and other apps’ caches', async () => {
    const sw = worker();
    for (const name of ['baanrian-shell-v1', 'baanrian-assets-v1', 'baanrian-data', 'someone-else']) sw.stores.set(name, new FakeCache(async () => new Response('')));
    await sw.lifecycle('install');
    await sw.lifecycle('activate');
    expect([...sw.stores.keys()].sort()).toEqual(['baanrian-data', 'baanrian-shell-v2', 'someone-else']);
    expect(sw.self.clients.claim).toHaveBeenCalled();
  });

  it('answers navigations from the network, and with the cached shell when offline', async () => {
    const sw = worker();
    await sw.lifecycle('install');
    expect(await sw.request('/courses/abc', { mode: 'navigate' })).toBe('network /courses/abc');
    sw.network.online = false;
    expect(await sw.request('/courses/abc', { mode: 'navigate' })).toBe('network /index.html'); // the precached copy
  });

  it('serves hashed assets cache first, caching ones not precached on first use', async () => {
    const sw = worker();
    await sw.lifecycle('install');
    sw.network.calls.length = 0;
    expect(await sw.request('/assets/index-abc.js')).toBe('network /assets/index-abc.js');
    expect(await sw.request('/assets/font-x.woff2')).toBe('network /assets/font-x.woff2');
    await settle();
    sw.network.online = false;
    expect(await sw.request('/assets/font-x.woff2')).toBe('network /assets/font-x.woff2');
    expect(sw.network.calls).toEqual(['/assets/font-x.woff2']);
  });

  it('keeps the last catalogue: network first, the saved answer offline, telling the page it is saved data', async () => {
    const sw = worker();
    expect(await sw.request('/api/v1/catalog?limit=50')).toBe('network /api/v1/catalog?limit=50');
    await settle();
    await settle();
    expect(sw.messages).toEqual([{ type: 'baanrian:network-ok' }]);
    sw.network.online = false;
    expect(await sw.request('/api/v1/catalog?limit=50')).toBe('network /api/v1/catalog?limit=50');
    await settle();
    expect(sw.messages[1]).toEqual({ type: 'baanrian:stale', savedAt: expect.any(Number) });
    await expect(sw.request('/api/v1/catalog?targetGroup=youth')).rejects.toThrow('Failed to fetch'); // never saved
  });

  it('leaves every other API request, and every write, to the network', async () => {
    const sw = worker();
    expect(await sw.request('/api/v1/health/ready')).toBeNull();
    expect(await sw.request('/api/v1/system/pings', { method: 'POST' })).toBeNull();
    expect(await sw.request('/api/v1/catalog', { method: 'POST' })).toBeNull();
  });
});
