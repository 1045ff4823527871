import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { RateLimitService } from '../src/accounts/rate-limit.service';
import { PASSWORD, uniqueEmail } from './accounts-helpers';
import { startApi } from './api-app';

/**
 * Two API processes sharing one Redis (and one database), as behind a load balancer: limits
 * must hold whichever process a request reaches. Each listens on its own port and is called
 * over real HTTP. TRUST_PROXY lets the test speak for different client addresses.
 */
let database: TestDatabase;
const apps: NestExpressApplication[] = [];
const urls: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database.url, { TRUST_PROXY: 'true' });
  for (let i = 0; i < 2; i++) {
    const { app } = await startApi(config);
    await app.listen(0, '127.0.0.1');
    apps.push(app);
    urls.push(await app.getUrl());
  }
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await database?.drop();
});

let nextIp = 1;
const freshIp = () => `203.0.113.${nextIp++}`;

async function post(process: number, path: string, body: object, ip: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${urls[process % 2]}/api/v1${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip, 'Accept-Language': 'en', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (res.status === 204 ? {} : await res.json()) as Record<string, unknown> };
}

async function signUp(process: number, email: string, ip: string) {
  return post(process, '/auth/sign-up', { email, password: PASSWORD, displayName: 'Rate Limit', preferredLocale: 'en' }, ip);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate limits across two API processes sharing Redis', () => {
  it('two processes really are separate servers', () => {
    expect(new Set(urls).size).toBe(2);
  });

  it('slows down guessing one account progressively, whichever process and address is used, and never locks it', async () => {
    const email = uniqueEmail('victim');
    expect((await signUp(0, email, freshIp())).status).toBe(201);
    const wrong = (process: number, ip = freshIp()) => post(process, '/auth/sign-in', { login: email, password: 'wrong guess' }, ip);

    // Five free attempts, spread over both processes and five addresses.
    for (let i = 0; i < 5; i++) expect((await wrong(i)).status).toBe(401);
    const limited = await wrong(1);
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBe('1');
    expect(limited.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429, title: 'Too many attempts. Please wait 1 seconds and try again.' });
    // Waiting while limited does not make it worse, and the other process agrees.
    expect((await wrong(0)).status).toBe(429);

    await sleep(1100);
    expect((await wrong(0)).status).toBe(401);
    const doubled = await wrong(1);
    expect(doubled.status).toBe(429);
    expect(doubled.retryAfter).toBe('2');

    // After the wait, the owner signs in, which clears the account's count.
    await sleep(2100);
    expect((await post(1, '/auth/sign-in', { login: email, password: PASSWORD }, freshIp())).status).toBe(200);
    expect((await wrong(0)).status).toBe(401);
  });

  it('limits sign-ups per address across both processes', async () => {
    const ip = freshIp();
    const results = [];
    for (let i = 0; i < 21; i++) results.push(await signUp(i, uniqueEmail('bulk'), ip));
    expect(results.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(results[20].status).toBe(429);
    expect(Number(results[20].retryAfter)).toBeGreaterThanOrEqual(1);
    // Another address is not affected.
    expect((await signUp(1, uniqueEmail('other'), freshIp())).status).toBe(201);
  });

  it('limits failed sign-ins per address (credential stuffing over many accounts)', async () => {
    const ip = freshIp();
    const attempt = (i: number) => post(i, '/auth/sign-in', { login: uniqueEmail('stuffed'), password: 'guess' }, ip);
    const statuses: number[] = [];
    // Forty in parallel bursts, then the last ten one by one, so the first wait (1 s) is measured
    // from the fiftieth attempt and not eaten up by a queue of password checks.
    for (let batch = 0; batch < 4; batch++) statuses.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(i)))).map((a) => a.status));
    for (let i = 0; i < 10; i++) statuses.push((await attempt(i)).status);
    expect(statuses).toEqual(Array(50).fill(401));
    const limited = await attempt(1);
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBe('1');
  });

  it('limits refresh attempts with made-up tokens per address', async () => {
    const ip = freshIp();
    for (let i = 0; i < 60; i++) {
      expect((await post(i, '/auth/refresh', {}, ip, { Cookie: `baanrian_refresh=guess-${i}` })).status).toBe(401);
    }
    const limited = await post(1, '/auth/refresh', {}, ip, { Cookie: 'baanrian_refresh=guess-x' });
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBe('1');
  });

  it('doubles the wait and caps it, so an account can always be used again (service level, short policy)', async () => {
    const limits = apps[0].get(RateLimitService);
    const key = { policy: { name: 'test-cap', free: 1, baseMs: 200, maxMs: 500, windowMs: 60_000 }, subject: uniqueEmail('cap') };
    await limits.consume([key]);
    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      const started = Date.now();
      for (;;) {
        try {
          await limits.consume([key]);
          break;
        } catch {
          await sleep(20);
        }
      }
      waits.push(Date.now() - started);
    }
    // About 200, 400, then 500 (the cap) each time.
    expect(waits[0]).toBeGreaterThanOrEqual(180);
    expect(waits[1]).toBeGreaterThan(waits[0]);
    expect(waits[2]).toBeGreaterThanOrEqual(480);
    expect(waits[3]).toBeGreaterThanOrEqual(480);
    expect(Math.max(...waits)).toBeLessThan(1000);
  });
});
