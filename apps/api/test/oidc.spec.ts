import type { NestExpressApplication } from '@nestjs/platform-express';
import { freePort } from '@baanrian/dev-services';
import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import request, { type Response } from 'supertest';
import type { DataSource } from 'typeorm';
import { bearer, PASSWORD, refreshCookie, signIn, signUp } from './accounts-helpers';
import { startApi } from './api-app';
import { ProviderBrowser, startTestProvider, type TestProvider } from './oidc-test-provider';

/**
 * OpenID Connect sign-in end to end: the API against a real OpenID provider (`oidc-provider`,
 * in a child process), driven like a browser over plain HTTP.
 */
const PUBLIC_URL = 'http://learn.baanrian.test';
const REDIRECT_URI = `${PUBLIC_URL}/api/v1/auth/oidc/callback`;
const CLIENT = { clientId: 'baanrian-test', clientSecret: 'a-test-client-secret-of-some-length' };
const SOMCHAI_PID = '1-1037-00012-34-5';
const SOMCHAI_PID_DIGITS = '1103700012345';

const ACCOUNTS = {
  somchai: { email: 'somchai@example.org', email_verified: true, name: 'สมชาย ใจดี', pid: SOMCHAI_PID, birthdate: '1958-04-02', locale: 'th-TH' },
  // Owns a password account under the same address, written differently.
  linda: { email: 'LINDA@example.org', email_verified: true, name: 'Linda at the provider', pid: '3100600123456' },
  // Claims the address of someone else's password account, without having verified it.
  mallory: { email: 'umpai@example.org', email_verified: false, name: 'Mallory', locale: 'vi-VN' },
  // The same national ID as somchai, under another subject of the same provider.
  somchaiAgain: { sub: 'somchai-2', email: 'somchai.new@example.org', email_verified: true, name: 'Somchai', pid: SOMCHAI_PID_DIGITS },
  lan: { email: 'lan@example.org', email_verified: true, given_name: 'Lan', family_name: 'Nguyễn', locale: 'vi' },
  dao: { email: 'dao@example.org', email_verified: true, name: 'Dao' },
  slowpoke: { email: 'slow@example.org', email_verified: true, name: 'Slow', codeTtlSeconds: 1 },
};

let provider: TestProvider;
let database: TestDatabase;
const apps: NestExpressApplication[] = [];
let db: DataSource;
let api: NestExpressApplication;

async function start(env: Record<string, string>): Promise<NestExpressApplication> {
  const started = await startApi(testConfig(database.url, { PUBLIC_URL, ...env }));
  apps.push(started.app);
  db ??= started.db;
  return started.app;
}

const oidcEnv = () => ({
  OIDC_ISSUER_URL: provider.issuer,
  OIDC_CLIENT_ID: CLIENT.clientId,
  OIDC_CLIENT_SECRET: CLIENT.clientSecret,
  OIDC_LABEL: 'ThaiD',
  OIDC_CLAIMS: JSON.stringify({ nationalId: 'pid' }),
});

beforeAll(async () => {
  provider = await startTestProvider({ ...CLIENT, redirectUri: REDIRECT_URI, accounts: ACCOUNTS });
  database = await createTestDatabase();
  api = await start(oidcEnv());
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await database?.drop();
  await provider?.stop();
});

const http = (app = api) => request(app.getHttpServer());

function setCookie(res: Response, name: string): string | undefined {
  return ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
}

interface Started {
  authorizationUrl: URL;
  flowCookie: string;
}

async function begin(app = api): Promise<Started> {
  const res = await http(app).get('/api/v1/auth/oidc/start').expect(302);
  const cookie = setCookie(res, 'baanrian_oidc');
  if (!cookie) throw new Error('no flow cookie');
  return { authorizationUrl: new URL(res.headers.location), flowCookie: cookie.split(';')[0] };
}

function callback(url: URL, flowCookie: string | null, app = api) {
  const req = http(app).get(`${url.pathname}${url.search}`);
  return flowCookie ? req.set('Cookie', flowCookie) : req;
}

/** The portal's part after `?oidc=ok`: the refresh cookie gives a session. */
async function session(res: Response) {
  expect(res.headers.location).toBe('/sign-in?oidc=ok');
  const refreshed = await http().post('/api/v1/auth/refresh').set('Cookie', refreshCookie(res)).expect(200);
  const me = await http().get('/api/v1/me').set(bearer(refreshed.body.accessToken)).expect(200);
  return me.body as { id: string; email: string | null; displayName: string; preferredLocale: string; birthYear: number | null; roles: string[] };
}

async function signInWithProvider(login: keyof typeof ACCOUNTS, browser = new ProviderBrowser()) {
  const { authorizationUrl, flowCookie } = await begin();
  const back = await browser.authorize(authorizationUrl.toString(), login, REDIRECT_URI);
  const res = await callback(back, flowCookie).expect(302);
  return session(res);
}

/** A failed sign-in: the portal's error page with the reason, and no session cookie. */
function expectFailure(res: Response, reason: string): void {
  expect(res.status).toBe(302);
  expect(res.headers.location).toBe(`/sign-in?oidc=error&reason=${reason}`);
  expect(setCookie(res, 'baanrian_refresh')).toBeUndefined();
}

const countRows = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params))[0].n);

describe('OpenID Connect sign-in against a real provider', () => {
  it('says it is available, with the configured button text', async () => {
    const res = await http().get('/api/v1/auth/oidc').expect(200);
    expect(res.body).toEqual({ enabled: true, label: 'ThaiD' });
  });

  it('starts the authorization code flow with PKCE S256, state and nonce, bound to the browser by an HttpOnly cookie', async () => {
    const res = await http().get('/api/v1/auth/oidc/start').expect(302);
    const url = new URL(res.headers.location);
    expect(url.origin).toBe(provider.issuer);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({ client_id: CLIENT.clientId, response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'openid email profile', code_challenge_method: 'S256' });
    expect(params.state.length).toBeGreaterThanOrEqual(32);
    expect(params.nonce.length).toBeGreaterThanOrEqual(32);
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/);
    const cookie = setCookie(res, 'baanrian_oidc') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth\/oidc/);
    // The cookie holds a random id, not the checks themselves.
    expect(cookie).not.toContain(params.state);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('creates a learner account at the first sign-in, with a working session, and finds it again the next time', async () => {
    const me = await signInWithProvider('somchai');
    expect(me).toMatchObject({ email: 'somchai@example.org', displayName: 'สมชาย ใจดี', preferredLocale: 'th', birthYear: 1958, roles: ['learner'] });

    // Another browser, another provider session: the same person, the same account.
    const again = await signInWithProvider('somchai');
    expect(again.id).toBe(me.id);
    expect(await countRows(`SELECT count(*) AS n FROM app_user WHERE email = 'somchai@example.org'`)).toBe(1);
    const links = await db.query(`SELECT issuer, subject FROM external_identity WHERE user_id = $1`, [me.id]);
    expect(links).toEqual([{ issuer: provider.issuer, subject: 'somchai' }]);
  });

  it('stores the national ID only as a keyed hash: the number appears in no column of any table', async () => {
    const [{ national_id_hash: hash }] = await db.query(`SELECT national_id_hash FROM app_user WHERE email = 'somchai@example.org'`);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const tables: { tablename: string }[] = await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.length).toBeGreaterThan(5);
    for (const { tablename } of tables) {
      for (const raw of [SOMCHAI_PID, SOMCHAI_PID_DIGITS]) {
        const found = await countRows(`SELECT count(*) AS n FROM "${tablename}" t WHERE t::text LIKE $1`, [`%${raw}%`]);
        expect({ tablename, raw, found }).toEqual({ tablename, raw, found: 0 });
      }
    }
  });

  it('refuses a second subject of the same provider carrying a national ID already linked', async () => {
    const { authorizationUrl, flowCookie } = await begin();
    const back = await new ProviderBrowser().authorize(authorizationUrl.toString(), 'somchaiAgain', REDIRECT_URI);
    expectFailure(await callback(back, flowCookie), 'identity_conflict');
    expect(await countRows(`SELECT count(*) AS n FROM app_user WHERE email = 'somchai.new@example.org'`)).toBe(0);
  });

  it('writes one log line per failure, with the reason and without any claim', async () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => void lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    api.useLogger({ log: capture, warn: capture, error: capture });
    // Nest buffers log lines while further applications boot; write them as they come.
    api.flushLogs();
    try {
      const { authorizationUrl, flowCookie } = await begin();
      authorizationUrl.searchParams.set('nonce', 'another-nonce-the-api-never-issued-0123');
      const back = await new ProviderBrowser().authorize(authorizationUrl.toString(), 'somchai', REDIRECT_URI);
      expectFailure(await callback(back, flowCookie), 'nonce_mismatch');
      await signInWithProvider('somchai');
    } finally {
      api.useLogger(false);
    }
    expect(lines.filter((l) => l.includes('OIDC callback failed: nonce_mismatch'))).toHaveLength(1);
    expect(lines.some((l) => /OIDC sign-in of user [0-9a-f-]{36} \((identity|created)\)/.test(l))).toBe(true);
    for (const secret of [SOMCHAI_PID, SOMCHAI_PID_DIGITS, 'somchai@example.org', 'สมชาย']) expect(lines.join('\n')).not.toContain(secret);
  });

  it('links to an existing password account by a verified email, which keeps its password', async () => {
    const existing = await signUp(() => http(), { email: 'linda@example.org' });
    const me = await signInWithProvider('linda');
    expect(me.id).toBe(existing.id);
    expect(me.displayName).toBe('สมศรี ทดสอบ'); // the profile is the person's, not overwritten by the provider
    await signIn(() => http(), 'linda@example.org', PASSWORD);
    expect(await countRows(`SELECT count(*) AS n FROM external_identity WHERE user_id = $1`, [existing.id])).toBe(1);
  });

  it('does not link by an unverified email: a separate account, without that address', async () => {
    const victim = await signUp(() => http(), { email: 'umpai@example.org' });
    const me = await signInWithProvider('mallory');
    expect(me.id).not.toBe(victim.id);
    expect(me).toMatchObject({ email: null, displayName: 'Mallory', preferredLocale: 'vi' });
    expect(await countRows(`SELECT count(*) AS n FROM external_identity WHERE user_id = $1`, [victim.id])).toBe(0);
  });

  it('builds the name from given and family names when there is no name claim', async () => {
    expect(await signInWithProvider('lan')).toMatchObject({ displayName: 'Lan Nguyễn', preferredLocale: 'vi', email: 'lan@example.org' });
  });

  it('refuses a callback whose state is not the one this browser sent, or that comes without the sign-in cookie', async () => {
    const { authorizationUrl, flowCookie } = await begin();
    const back = await new ProviderBrowser().authorize(authorizationUrl.toString(), 'dao', REDIRECT_URI);
    const forged = new URL(back);
    forged.searchParams.set('state', 'forged-state-value-forged-state-value');
    expectFailure(await callback(forged, flowCookie), 'state_mismatch');

    const other = await begin();
    const back2 = await new ProviderBrowser().authorize(other.authorizationUrl.toString(), 'dao', REDIRECT_URI);
    expectFailure(await callback(back2, null), 'state_mismatch');
    expect(await countRows(`SELECT count(*) AS n FROM app_user WHERE email = 'dao@example.org'`)).toBe(0);
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const { authorizationUrl, flowCookie } = await begin();
    authorizationUrl.searchParams.set('nonce', 'a-nonce-the-api-never-issued-0123456789');
    const back = await new ProviderBrowser().authorize(authorizationUrl.toString(), 'dao', REDIRECT_URI);
    expectFailure(await callback(back, flowCookie), 'nonce_mismatch');
    expect(await countRows(`SELECT count(*) AS n FROM app_user WHERE email = 'dao@example.org'`)).toBe(0);
  });

  it('refuses an expired authorization code', async () => {
    const { authorizationUrl, flowCookie } = await begin();
    const back = await new ProviderBrowser().authorize(authorizationUrl.toString(), 'slowpoke', REDIRECT_URI);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expectFailure(await callback(back, flowCookie), 'invalid_grant');
    expect(await countRows(`SELECT count(*) AS n FROM app_user WHERE email = 'slow@example.org'`)).toBe(0);
  });

  it('refuses a replayed callback, and an authorization code used a second time', async () => {
    const first = await begin();
    const back = await new ProviderBrowser().authorize(first.authorizationUrl.toString(), 'dao', REDIRECT_URI);
    const ok = await callback(back, first.flowCookie).expect(302);
    expect(ok.headers.location).toBe('/sign-in?oidc=ok');
    // The same URL again: this sign-in is spent.
    expectFailure(await callback(back, first.flowCookie), 'state_mismatch');
    // The same code inside a new sign-in of this browser: the provider refuses it.
    const second = await begin();
    const replay = new URL(back);
    replay.searchParams.set('state', second.authorizationUrl.searchParams.get('state') ?? '');
    expectFailure(await callback(replay, second.flowCookie), 'invalid_grant');
  });

  it('reports a sign-in cancelled at the provider', async () => {
    const { authorizationUrl, flowCookie } = await begin();
    const back = await new ProviderBrowser().authorize(authorizationUrl.toString(), 'dao', REDIRECT_URI, { abort: true });
    expect(back.searchParams.get('error')).toBe('access_denied');
    expectFailure(await callback(back, flowCookie), 'access_denied');
  });

  it('refuses a disabled account', async () => {
    const me = await signInWithProvider('lan');
    await db.query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [me.id]);
    const { authorizationUrl, flowCookie } = await begin();
    const back = await new ProviderBrowser().authorize(authorizationUrl.toString(), 'lan', REDIRECT_URI);
    expectFailure(await callback(back, flowCookie), 'account_disabled');
  });

  it('limits failed callbacks per address, answering with a redirect the portal can explain', async () => {
    // Its own API process and Redis key prefix, so the other tests keep their allowance.
    const limited = await start(oidcEnv());
    const reasons: string[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await http(limited).get('/api/v1/auth/oidc/callback?code=x&state=y').expect(302);
      reasons.push(new URL(res.headers.location, PUBLIC_URL).searchParams.get('reason') ?? '');
    }
    expect(reasons.slice(0, 19)).toEqual(Array(19).fill('state_mismatch'));
    expect(reasons.at(-1)).toBe('too_many_requests');
  });
});

describe('OpenID Connect sign-in when not configured or unreachable', () => {
  it('says it is unavailable; start is 404 problem+json and the callback leads back to the portal', async () => {
    const plain = await start({});
    expect((await http(plain).get('/api/v1/auth/oidc').expect(200)).body).toEqual({ enabled: false, label: null });
    const res = await http(plain).get('/api/v1/auth/oidc/start').set('Accept-Language', 'en').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'OIDC_DISABLED', title: 'Sign-in with a digital ID is not set up on this server' });
    expectFailure(await http(plain).get('/api/v1/auth/oidc/callback?code=x&state=y'), 'disabled');
  });

  it('sends the browser back with provider_unavailable when the issuer cannot be reached', async () => {
    const nowhere = await start({ ...oidcEnv(), OIDC_ISSUER_URL: `http://127.0.0.1:${await freePort()}` });
    const res = await http(nowhere).get('/api/v1/auth/oidc/start').expect(302);
    expect(res.headers.location).toBe('/sign-in?oidc=error&reason=provider_unavailable');
    expect(setCookie(res, 'baanrian_oidc')).toBeUndefined();
  });
});
