import { createApiClient } from '@baanrian/api-client';
import { createAccountsApi, type MeDto, type SessionDto } from './accounts-api';
import { authMiddleware } from './auth-middleware';
import { SESSION_HINT_KEY, SessionStore } from './session-store';

/*
 * The session against a fake API at the network edge (fetch): what goes over the wire (which
 * calls, which Authorization header, how often) and what the portal then believes.
 */

const user = (overrides: Partial<MeDto> = {}): MeDto => ({
  id: 'u-1',
  email: 'somchai@example.org',
  accountCode: 'BR-48217',
  displayName: 'สมชาย',
  phone: null,
  preferredLocale: 'th',
  birthYear: 1960,
  province: null,
  district: null,
  targetGroup: 'elderly',
  targetGroupSource: 'age',
  staffStatus: 'none',
  roles: ['learner'],
  isChild: false,
  actingAs: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
const problem = (status: number, code: string) => json({ type: `urn:baanrian:problem:${code}`, title: code, status, code, instance: '/' }, status);

/** A tiny fake of the accounts API: refresh tokens rotate; access tokens are "token-N". */
function fakeApi(options: { signedIn?: boolean; now?: () => number } = {}) {
  let signedIn = options.signedIn ?? true;
  let issued = 0;
  let valid = new Set<string>();
  const calls: { method: string; path: string; authorization: string | null; body: string | null }[] = [];
  const now = options.now ?? Date.now;

  const session = (): SessionDto => {
    const accessToken = `token-${++issued}`;
    valid = new Set([accessToken]);
    return { accessToken, expiresAt: new Date(now() + 600_000).toISOString(), user: user() };
  };

  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url).pathname;
    const body = request.method === 'GET' ? null : await request.text();
    const authorization = request.headers.get('Authorization');
    calls.push({ method: request.method, path, authorization, body: body || null });
    if (path === '/api/v1/auth/refresh') return signedIn ? json(session()) : problem(401, 'SESSION_EXPIRED');
    if (path === '/api/v1/auth/sign-in') {
      signedIn = true;
      return json(session());
    }
    if (path === '/api/v1/auth/sign-out') {
      signedIn = false;
      return new Response(null, { status: 204 });
    }
    // Everything else needs a currently valid access token.
    const token = authorization?.replace(/^Bearer /, '') ?? '';
    if (!valid.has(token)) return problem(401, 'UNAUTHORIZED');
    if (path === '/api/v1/me') return json(user({ displayName: body ? JSON.parse(body).displayName : 'สมชาย' }));
    return json({ items: [], total: 0, limit: 50, offset: 0 });
  });

  return {
    fetch,
    calls,
    expireTokens: () => (valid = new Set()),
    signOutElsewhere: () => {
      signedIn = false;
      valid = new Set();
    },
    count: (path: string) => calls.filter((call) => call.path === path).length,
  };
}

function setup(server: ReturnType<typeof fakeApi>, options: { hint?: boolean; now?: () => number } = {}) {
  const storage = window.localStorage;
  storage.clear();
  if (options.hint ?? true) storage.setItem(SESSION_HINT_KEY, '1');
  const api = createAccountsApi({ baseUrl: 'http://portal.test', fetch: server.fetch as typeof fetch });
  const store = new SessionStore(api, { storage, channel: null, now: options.now });
  const courses = createApiClient({ baseUrl: 'http://portal.test', fetch: server.fetch as typeof fetch });
  const auth = authMiddleware(store);
  api.use(auth);
  courses.use(auth);
  return { api, store, courses, storage };
}

const settled = async (store: SessionStore) => {
  for (let i = 0; i < 20 && store.get().status === 'checking'; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  return store.get();
};

describe('session on page load', () => {
  it('refreshes once and is signed in, with the token in memory only', async () => {
    const server = fakeApi();
    const { store, storage } = setup(server);
    store.start();
    store.start(); // StrictMode runs effects twice: still one request.
    expect((await settled(store)).status).toBe('signedIn');
    expect(store.get().user?.displayName).toBe('สมชาย');
    expect(server.count('/api/v1/auth/refresh')).toBe(1);
    expect(store.accessToken()).toBe('token-1');
    expect(JSON.stringify({ ...storage })).not.toContain('token-1');
  });

  it('is signed out quietly when the refresh answers 401, and forgets the hint', async () => {
    const server = fakeApi({ signedIn: false });
    const { store, storage } = setup(server);
    store.start();
    expect(await settled(store)).toEqual({ status: 'signedOut', user: null, verified: true, unreachable: false });
    expect(storage.getItem(SESSION_HINT_KEY)).toBeNull();
  });

  it('makes no request for a browser that never signed in, until a page asks to verify', async () => {
    const server = fakeApi();
    const { store } = setup(server, { hint: false });
    store.start();
    expect(store.get()).toMatchObject({ status: 'signedOut', verified: false });
    expect(server.calls).toEqual([]);
    // A guarded page asks the server: the cookie may still be there.
    await store.verify();
    expect(store.get().status).toBe('signedIn');
  });

  it('keeps a state it cannot check as unreachable when the network fails', async () => {
    const server = fakeApi();
    server.fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const { store } = setup(server);
    store.start();
    expect(await settled(store)).toMatchObject({ status: 'signedOut', verified: false, unreachable: true });
  });
});

describe('the fetch middleware', () => {
  it('sends the access token as a Bearer header on every client', async () => {
    const server = fakeApi();
    const { store, api, courses } = setup(server);
    await store.refresh();
    await api.me();
    await courses.GET('/api/v1/catalog', { params: { query: {} } });
    expect(server.calls.filter((c) => c.path !== '/api/v1/auth/refresh').map((c) => c.authorization)).toEqual(['Bearer token-1', 'Bearer token-1']);
  });

  it('on a 401 refreshes once and retries once with the new token, body intact', async () => {
    const server = fakeApi();
    const { store, api } = setup(server);
    await store.refresh();
    server.expireTokens();
    const updated = await api.updateMe({ displayName: 'สมชาย ใจดี' });
    expect(updated.displayName).toBe('สมชาย ใจดี');
    expect(server.calls.map((c) => `${c.method} ${c.path} ${c.authorization ?? '-'}`)).toEqual([
      'POST /api/v1/auth/refresh -',
      'PATCH /api/v1/me Bearer token-1',
      'POST /api/v1/auth/refresh -',
      'PATCH /api/v1/me Bearer token-2',
    ]);
    expect(server.calls[3].body).toBe(JSON.stringify({ displayName: 'สมชาย ใจดี' }));
  });

  it('shares one refresh between requests that fail together', async () => {
    const server = fakeApi();
    const { store, api, courses } = setup(server);
    await store.refresh();
    server.expireTokens();
    await Promise.all([api.me(), api.me(), courses.GET('/api/v1/catalog', { params: { query: {} } })]);
    expect(server.count('/api/v1/auth/refresh')).toBe(2); // page load + one shared refresh
    expect(server.calls.filter((c) => c.path !== '/api/v1/auth/refresh').slice(-3).map((c) => c.authorization)).toEqual([
      'Bearer token-2',
      'Bearer token-2',
      'Bearer token-2',
    ]);
  });

  it('gives up after one retry, and signs out quietly when the session is gone', async () => {
    const server = fakeApi();
    const { store, api } = setup(server);
    await store.refresh();
    server.signOutElsewhere();
    await expect(api.me()).rejects.toMatchObject({ name: 'ApiError', status: 401 });
    expect(server.count('/api/v1/me')).toBe(1); // no retry without a new token
    expect(server.count('/api/v1/auth/refresh')).toBe(2);
    expect(store.get()).toMatchObject({ status: 'signedOut', verified: true });
  });

  it('never refreshes on a failed sign-in (wrong password is not an expired token)', async () => {
    const server = fakeApi();
    server.fetch.mockImplementationOnce(async () => problem(401, 'INVALID_CREDENTIALS'));
    const { api } = setup(server, { hint: false });
    await expect(api.signIn({ login: 'somchai@example.org', password: 'wrong' })).rejects.toMatchObject({ status: 401 });
    expect(server.count('/api/v1/auth/refresh')).toBe(0);
  });

  it('refreshes before sending when the token is about to expire', async () => {
    let now = Date.parse('2025-06-01T00:00:00Z');
    const server = fakeApi({ now: () => now });
    const { store, api } = setup(server, { now: () => now });
    await store.refresh();
    now += 9.8 * 60_000; // 12 s before the 10-minute token expires
    await api.me();
    expect(server.calls.map((c) => `${c.path} ${c.authorization ?? '-'}`)).toEqual([
      '/api/v1/auth/refresh -',
      '/api/v1/auth/refresh -',
      '/api/v1/me Bearer token-2',
    ]);
  });
});

describe('sign-in and sign-out', () => {
  it('signs in, then signs out: the API revokes, the token and the hint are gone', async () => {
    const server = fakeApi({ signedIn: false });
    const { store, api, storage } = setup(server, { hint: false });
    store.setSession(await api.signIn({ login: 'BR-48217', password: '123456' }));
    expect(store.get().status).toBe('signedIn');
    expect(storage.getItem(SESSION_HINT_KEY)).toBe('1');
    await store.signOut();
    expect(server.count('/api/v1/auth/sign-out')).toBe(1);
    expect(store.accessToken()).toBeNull();
    expect(store.get()).toMatchObject({ status: 'signedOut', verified: true });
    expect(storage.getItem(SESSION_HINT_KEY)).toBeNull();
  });

  it('tells other tabs, and follows them', async () => {
    const messages: unknown[] = [];
    const listeners: ((event: MessageEvent) => void)[] = [];
    const channel = {
      postMessage: (message: unknown) => messages.push(message),
      addEventListener: (_: string, listener: (event: MessageEvent) => void) => listeners.push(listener),
    } as unknown as BroadcastChannel;
    const server = fakeApi();
    const api = createAccountsApi({ baseUrl: 'http://portal.test', fetch: server.fetch as typeof fetch });
    const store = new SessionStore(api, { storage: null, channel });
    store.setSession(await api.signIn({ login: 'a@example.org', password: 'x' }));
    expect(messages).toEqual(['signed-in']);
    listeners.forEach((listener) => listener(new MessageEvent('message', { data: 'signed-out' })));
    expect(store.get().status).toBe('signedOut');
    expect(messages).toEqual(['signed-in']); // following another tab is not re-broadcast
  });
});
