import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { BACKEND_HEADER } from './fault.proxy';
import { type FaultStack, type ManagedProcess, startFaultStack } from './fault.stack';

/**
 * The multi-process stack itself (issue 12 §1): the proxy spreads requests over both API
 * processes, a killed process is skipped and comes back, workers come back, the API survives
 * PostgreSQL and Redis outages with 503 problem+json, and rate limits hold across processes.
 * Timings of each start and restart are printed at the end.
 */
let stack: FaultStack;
const timings: [string, number][] = [];
const recent: string[] = [];

async function timed<T>(what: string, action: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await action();
  timings.push([what, Date.now() - started]);
  return result;
}

beforeAll(async () => {
  stack = await timed('stack start (build, servers, migrations, 5 processes ready)', () =>
    startFaultStack({
      log: (line) => {
        recent.push(line);
        if (recent.length > 100) recent.shift();
      },
    }),
  );
}, 10 * 60_000);

afterAll(async () => {
  await stack?.stop();
  console.log(`fault stack timings:\n${timings.map(([what, ms]) => `  ${what}: ${(ms / 1000).toFixed(1)} s`).join('\n')}`);
}, 2 * 60_000);

// `until` prints the processes' recent lines when it gives up: only this test's lines.
beforeEach(() => {
  recent.length = 0;
});

interface Answer {
  status: number;
  type: string;
  backend: string;
  body: Record<string, unknown>;
}

async function call(url: string, options: { method?: string; token?: string; body?: object; ip?: string; cookie?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'Accept-Language': 'en' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body) headers['Content-Type'] = 'application/json';
  if (options.ip) headers['X-Forwarded-For'] = options.ip;
  if (options.cookie) headers.Cookie = options.cookie;
  const res = await fetch(url, { method: options.method ?? 'GET', headers, body: options.body ? JSON.stringify(options.body) : undefined });
  const text = await res.text();
  return { status: res.status, type: (res.headers.get('content-type') ?? '').split(';')[0], backend: res.headers.get(BACKEND_HEADER) ?? '', body: text ? JSON.parse(text) : {} };
}

const api = (path: string) => `${stack.baseUrl}/api/v1${path}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s; last lines:\n${recent.join('\n')}`);
    await sleep(250);
  }
}

/** True while the process in the slot is the same one: it has not exited (crashed) meanwhile. */
function stillRunning(slot: ManagedProcess): Promise<boolean> {
  return Promise.race([slot.exited().then(() => false), sleep(10).then(() => true)]);
}

/** The slots whose process exited; their last lines are printed, to say why. */
async function crashed(): Promise<string[]> {
  const gone: string[] = [];
  for (const slot of [...stack.apis, ...stack.workers]) if (!(await stillRunning(slot))) gone.push(slot.name);
  if (gone.length) console.log(`exited: ${gone.join(', ')}; last lines:\n${recent.join('\n')}`);
  return gone;
}

let ipCounter = 1;
const freshIp = () => `198.51.100.${ipCounter++}`;

let learner: { id: string; accessToken: string };
let adminToken: string;

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: stack.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A ping goes API → outbox → relay → queue → a worker, which marks it completed. */
async function pingRoundTrip(timeoutMs = 60_000): Promise<void> {
  const ping = await call(api('/system/pings'), { method: 'POST', token: adminToken });
  expect(ping.status).toBe(202);
  await until('the ping completes', async () => (await call(api(`/system/pings/${String(ping.body.id)}`))).body.completedAt !== null, timeoutMs);
}

describe('two API processes behind the proxy', () => {
  it('spreads requests over both processes, round robin', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => call(api('/health/ready'))));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const served = answers.map((a) => a.backend);
    expect(served.filter((b) => b === 'api-1')).toHaveLength(5);
    expect(served.filter((b) => b === 'api-2')).toHaveLength(5);
    // Each process also answers on its own port, with its own process id.
    expect(new Set(stack.apis.map((p) => p.pid)).size).toBe(2);
    for (const url of stack.apiUrls) expect((await fetch(`${url}/api/v1/health/ready`)).status).toBe(200);
  });

  it('shares keys: a session from one process is accepted by the other, and so are tokens from token()', async () => {
    const signUp = await call(api('/auth/sign-up'), {
      method: 'POST',
      ip: freshIp(),
      body: { email: `faults-${randomBytes(4).toString('hex')}@example.org`, password: 'correct horse battery', displayName: 'Fault Learner', preferredLocale: 'en' },
    });
    expect(signUp.status).toBe(201);
    learner = { id: (signUp.body.user as { id: string }).id, accessToken: String(signUp.body.accessToken) };
    const own = await stack.token(learner.id);
    for (const url of stack.apiUrls) {
      expect((await call(`${url}/api/v1/me`, { token: learner.accessToken })).status).toBe(200);
      expect((await call(`${url}/api/v1/me`, { token: own })).status).toBe(200);
    }
    await sql(`INSERT INTO user_role (user_id, role) VALUES ($1, 'admin')`, [learner.id]);
    adminToken = await stack.token(learner.id, ['learner', 'admin']);
    await pingRoundTrip();
  });
});

describe('rate limits across the two API processes (counted in Redis)', () => {
  const wrongSignIn = (url: string, login: string) => call(`${url}/api/v1/auth/sign-in`, { method: 'POST', ip: freshIp(), body: { login, password: 'wrong guess' } });

  /** Attempts until the first 429, alternating over `urls`; returns how many were let through. */
  async function allowedBeforeLimit(urls: string[], login: string): Promise<number> {
    for (let i = 0; i < 20; i++) {
      const { status } = await wrongSignIn(urls[i % urls.length], login);
      if (status === 429) return i;
      expect(status).toBe(401);
    }
    throw new Error('never limited');
  }

  it('limits guesses at one account after the same count whether one process or both answer', async () => {
    const login = (tag: string) => `limit-${tag}-${randomBytes(4).toString('hex')}@example.org`;
    const alone = await allowedBeforeLimit([stack.apiUrls[0]], login('one'));
    const both = await allowedBeforeLimit(stack.apiUrls, login('two'));
    expect(alone).toBe(5); // sign-in:account lets 5 through (rate-limit.policies.ts)
    expect(both).toBe(alone);
  });

  it('counts per client address through the proxy, which forwards X-Forwarded-For', async () => {
    const ip = freshIp();
    const refresh = (from: string) => call(api('/auth/refresh'), { method: 'POST', ip: from, cookie: `baanrian_refresh=guess-${randomBytes(4).toString('hex')}` });
    const answers: Answer[] = [];
    for (let i = 0; i < 60; i++) answers.push(await refresh(ip));
    expect(answers.map((a) => a.status)).toEqual(Array(60).fill(401));
    expect(new Set(answers.map((a) => a.backend))).toEqual(new Set(['api-1', 'api-2']));
    const limited = [await refresh(ip), await refresh(ip)];
    expect(limited.map((a) => a.status)).toEqual([429, 429]);
    expect(new Set(limited.map((a) => a.backend)).size).toBe(2); // both processes agree
    // Another client behind the same proxy is not limited: the proxy passed the address through.
    expect((await refresh(freshIp())).status).toBe(401);

    // The count lives in Redis, not in either process: removing the keys frees the address at once.
    const redis = new Redis(stack.redisUrl);
    try {
      const keys = await redis.keys('*:api:rate:refresh:ip:*');
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    expect((await refresh(ip)).status).toBe(401);
  });
});

describe('process faults', () => {
  it('keeps answering 2xx from the other API process while one is killed, and takes it back after a restart', async () => {
    const [first] = stack.apis;
    first.signal('SIGKILL');
    expect(await first.exited()).toBeNull(); // ended by the signal
    const during = await Promise.all(Array.from({ length: 10 }, () => call(api('/me'), { token: learner.accessToken })));
    expect(during.map((a) => `${a.status} ${a.backend}`)).toEqual(Array(10).fill('200 api-2'));
    await expect(fetch(`${stack.apiUrls[0]}/api/v1/health/live`)).rejects.toThrow();

    await timed('API process restart (spawn to ready)', () => first.start());
    const after = await Promise.all(Array.from({ length: 10 }, () => call(api('/me'), { token: learner.accessToken })));
    expect(after.every((a) => a.status === 200)).toBe(true);
    expect(new Set(after.map((a) => a.backend))).toEqual(new Set(['api-1', 'api-2']));
  });

  it('answers 503 problem+json when no API process is up, and recovers', async () => {
    await Promise.all(stack.apis.map((p) => p.stop()));
    const none = await call(api('/me'), { token: learner.accessToken });
    expect(none).toMatchObject({ status: 503, type: 'application/problem+json', body: { status: 503, code: 'NO_BACKEND' } });
    await timed('both API processes started together', () => Promise.all(stack.apis.map((p) => p.start())));
    expect((await call(api('/me'), { token: learner.accessToken })).status).toBe(200);
  });

  it('brings a killed worker back: a new heartbeat, and it alone completes a ping', async () => {
    const [first, ...others] = stack.workers;
    const oldPid = first.pid;
    first.signal('SIGKILL');
    expect(await first.exited()).toBeNull();
    await timed('worker process restart (spawn to first heartbeat)', () => first.start());
    expect(first.pid).not.toBe(oldPid);
    const beats = await sql<{ worker_id: string }>(`SELECT worker_id FROM worker_heartbeat WHERE worker_id LIKE $1`, [`%:${first.pid}:%`]);
    expect(beats).toHaveLength(1);
    expect((await call(api('/health/ready'))).status).toBe(200);
    // With the other workers frozen, the restarted one must relay the outbox and run the job itself.
    others.forEach((w) => w.signal('SIGSTOP'));
    try {
      await timed('ping round trip through the restarted worker alone', () => pingRoundTrip());
    } finally {
      others.forEach((w) => w.signal('SIGCONT'));
    }
  });
});

describe('PostgreSQL and Redis outages', () => {
  const everyone = () => [...stack.apis, ...stack.workers];

  it('answers 503 problem+json while PostgreSQL is stopped, never crashes, and answers 2xx after it starts', async () => {
    const pids = everyone().map((p) => p.pid);
    await timed('PostgreSQL stop', () => stack.postgres.stop());
    for (let i = 0; i < 4; i++) {
      const me = await call(api('/me'), { token: learner.accessToken });
      expect(me).toMatchObject({ status: 503, type: 'application/problem+json', body: { status: 503 } });
    }
    for (const url of stack.apiUrls) {
      const ready = await call(`${url}/api/v1/health/ready`);
      expect(ready).toMatchObject({ status: 503, type: 'application/problem+json', body: { code: 'NOT_READY' } });
      expect((ready.body.checks as { database: { ok: boolean } }).database.ok).toBe(false);
    }
    const started = Date.now();
    await timed('PostgreSQL start (same data dir and port)', () => stack.postgres.start());
    await until('every API process answers /me with 200', async () => {
      const answers = await Promise.all(stack.apiUrls.map((url) => call(`${url}/api/v1/me`, { token: learner.accessToken })));
      return answers.every((a) => a.status === 200);
    });
    timings.push(['API answers 2xx again after PostgreSQL start', Date.now() - started]);
    await until('ready again', async () => (await call(api('/health/ready'))).status === 200);
    // The same processes throughout: none crashed, none was restarted.
    expect(everyone().map((p) => p.pid)).toEqual(pids);
    expect(await crashed()).toEqual([]);
    await pingRoundTrip();
  });

  it('reports 503 problem+json readiness while Redis is stopped, keeps serving, and the same workers resume after it starts', async () => {
    const pids = everyone().map((p) => p.pid);
    await timed('Redis stop', () => stack.redis.stop());
    for (const url of stack.apiUrls) {
      const ready = await call(`${url}/api/v1/health/ready`);
      expect(ready).toMatchObject({ status: 503, type: 'application/problem+json', body: { code: 'NOT_READY' } });
      expect((ready.body.checks as { redis: { ok: boolean } }).redis.ok).toBe(false);
      // Reads need only PostgreSQL: learners keep working while the queues are down.
      expect((await call(`${url}/api/v1/me`, { token: learner.accessToken })).status).toBe(200);
    }
    const started = Date.now();
    await timed('Redis start (same port, append-only file)', () => stack.redis.start());
    await until('ready again', async () => (await call(api('/health/ready'))).status === 200);
    timings.push(['readiness 200 again after Redis start', Date.now() - started]);
    await timed('first ping after the Redis restart (no process restarted)', () => pingRoundTrip(90_000));
    // The same processes throughout: none crashed, none was restarted.
    expect(everyone().map((p) => p.pid)).toEqual(pids);
    expect(await crashed()).toEqual([]);
  });
});
