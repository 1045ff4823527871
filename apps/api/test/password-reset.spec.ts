import type { AppConfig } from '@baanrian/config';
import { openToken } from '@baanrian/jobs';
import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { FORGOT_RESPONSE_FLOOR_MS, hashResetToken } from '../src/accounts/password-reset.service';
import { bearer, PASSWORD, signIn, signUp, uniqueEmail } from './accounts-helpers';
import { startApi } from './api-app';

/**
 * Password reset, API side: POST /auth/password/forgot issues a hashed one-time token and an
 * outbox event in one transaction; POST /auth/password/reset uses it. The mail itself is the
 * worker's (apps/worker/test/password-reset-mail.spec.ts, apps/e2e/src/password-reset.spec.ts);
 * here the raw token is read the way the worker reads it, by opening the sealed event payload.
 * TRUST_PROXY lets each request come from its own address, so the per-address limit only
 * matters where a test wants it to.
 */
let database: TestDatabase;
let config: AppConfig;
let app: NestExpressApplication;
let db: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  config = testConfig(database.url, { TRUST_PROXY: 'true' });
  ({ app, db } = await startApi(config));
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

let nextIp = 1;
const freshIp = () => `198.51.100.${nextIp++}`;
const http = () => request(app.getHttpServer());
const forgot = (email: string, ip = freshIp()) => http().post('/api/v1/auth/password/forgot').set('X-Forwarded-For', ip).send({ email });
const reset = (token: string, password: string, lang = 'en') =>
  http().post('/api/v1/auth/password/reset').set('Accept-Language', lang).send({ token, password });

interface Issued {
  token: string;
  tokenId: string;
  eventId: string;
}

/** The newest reset event for a user, opened as the worker opens it. */
async function issuedFor(userId: string): Promise<Issued> {
  const [event] = await db.query(
    `SELECT e.id, e.payload FROM outbox_event e JOIN password_reset_token t ON t.id = (e.payload->>'resetTokenId')::uuid
     WHERE e.type = 'account.password-reset-requested' AND t.user_id = $1 ORDER BY e.created_at DESC LIMIT 1`,
    [userId],
  );
  const tokenId = event.payload.resetTokenId as string;
  return { token: openToken(config.security.appSecret, event.payload.sealedToken, tokenId), tokenId, eventId: event.id };
}

const resetEvents = async () => Number((await db.query(`SELECT count(*) AS n FROM outbox_event WHERE type = 'account.password-reset-requested'`))[0].n);

describe('POST /auth/password/forgot', () => {
  it('answers 202 and stores only a hash of a random token expiring in 30 minutes, with its event in the same transaction', async () => {
    const user = await signUp(http);
    const res = await forgot(user.email.toUpperCase()).expect(202);
    expect(res.text).toBe('');
    expect(res.headers['cache-control']).toBe('no-store');
    const { token, tokenId } = await issuedFor(user.id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    const [row] = await db.query(`SELECT token_hash, expires_at, created_at, used_at FROM password_reset_token WHERE id = $1`, [tokenId]);
    expect(row.token_hash).toBe(hashResetToken(token));
    expect(row.used_at).toBeNull();
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBeGreaterThan(29.9 * 60_000);
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBeLessThan(30.1 * 60_000);
    // The token is nowhere in the database in clear, not even in the event.
    const [event] = await db.query(`SELECT payload::text AS text FROM outbox_event WHERE payload->>'resetTokenId' = $1`, [tokenId]);
    expect(event.text).not.toContain(token);
    expect(() => openToken('another-secret-of-at-least-32-characters', JSON.parse(event.text).sealedToken, tokenId)).toThrow();
    expect(() => openToken(config.security.appSecret, JSON.parse(event.text).sealedToken, 'another-row')).toThrow();
  });

  it('answers an unknown and a disabled account the same way as a real one, after the same floor, and writes nothing', async () => {
    const known = await signUp(http);
    const disabled = await signUp(http);
    await db.query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [disabled.id]);
    const before = await resetEvents();
    const timed = async (email: string) => {
      const started = Date.now();
      const res = await forgot(email);
      return { status: res.status, body: res.text, ms: Date.now() - started };
    };
    const unknown = await timed(uniqueEmail('nobody'));
    const off = await timed(disabled.email);
    expect(await resetEvents()).toBe(before);
    expect(Number((await db.query(`SELECT count(*) AS n FROM password_reset_token WHERE user_id = $1`, [disabled.id]))[0].n)).toBe(0);
    const real = await timed(known.email);
    expect(await resetEvents()).toBe(before + 1);
    for (const answer of [unknown, off, real]) {
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 202, body: '' });
      expect(answer.ms).toBeGreaterThanOrEqual(FORGOT_RESPONSE_FLOOR_MS - 5);
    }
    // The issuing work fits inside the floor, so both kinds of answer take about the floor. Loosely
    // checked, on the fastest of three answers of each kind: a busy machine delays single requests.
    const fastest = async (email: string, first: number) => Math.min(first, (await timed(email)).ms, (await timed(email)).ms);
    const [realMs, unknownMs] = [await fastest(known.email, real.ms), await fastest(uniqueEmail('nobody'), unknown.ms)];
    expect(Math.abs(realMs - unknownMs)).toBeLessThan(200);
  });

  it('replaces the older unused link when a new one is asked for', async () => {
    const user = await signUp(http);
    await forgot(user.email).expect(202);
    const first = await issuedFor(user.id);
    await forgot(user.email).expect(202);
    const second = await issuedFor(user.id);
    expect(second.token).not.toBe(first.token);
    expect((await reset(first.token, 'a new password 1').expect(400)).body.code).toBe('RESET_TOKEN_INVALID');
    await reset(second.token, 'a new password 1').expect(204);
  });

  it('validates the body like every endpoint (problem+json, unknown fields refused)', async () => {
    const res = await http().post('/api/v1/auth/password/forgot').set('Accept-Language', 'en').send({ email: 'not-an-email', extra: 1 }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'extra']);
  });

  it('slows down repeated requests for one email, from any address: 429 with Retry-After', async () => {
    const email = uniqueEmail('flood');
    for (let i = 0; i < 3; i++) await forgot(email).expect(202);
    // The third request set a 30 s wait (counted from then, so a busy machine may show 29).
    const limited = await forgot(email).set('Accept-Language', 'en').expect(429);
    expect(['29', '30']).toContain(limited.headers['retry-after']);
    expect(limited.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', title: `Too many attempts. Please wait ${limited.headers['retry-after']} seconds and try again.` });
    // The same answer for an email with an account: the limit says nothing about existence.
    const user = await signUp(http);
    for (let i = 0; i < 3; i++) await forgot(user.email).expect(202);
    expect(['29', '30']).toContain((await forgot(user.email).expect(429)).headers['retry-after']);
  });

  it('slows down one address asking for many emails', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) await forgot(uniqueEmail('spray'), ip).expect(202);
    const limited = await forgot(uniqueEmail('spray'), ip).expect(429);
    expect([4, 5]).toContain(Number(limited.headers['retry-after']));
  }, 30_000);
});

describe('POST /auth/password/reset', () => {
  it('sets the new password, ends every session and writes the audit log', async () => {
    const user = await signUp(http);
    const otherSession = await signIn(http, user.email);
    await forgot(user.email).expect(202);
    const { token } = await issuedFor(user.id);
    await http().get('/api/v1/me').set(bearer(otherSession.accessToken)).expect(200);
    const res = await reset(token, 'brand new secret 42').expect(204);
    expect(res.text).toBe('');
    // Access tokens issued before the reset stop working at once, not when their 10 minutes end.
    for (const accessToken of [user.accessToken, otherSession.accessToken]) {
      await http().get('/api/v1/me').set(bearer(accessToken)).expect(401);
    }

    for (const cookie of [user.cookie, otherSession.cookie]) {
      const refresh = await http().post('/api/v1/auth/refresh').set('Cookie', cookie).expect(401);
      expect(refresh.body.code).toBe('SESSION_REVOKED');
    }
    await http().post('/api/v1/auth/sign-in').send({ login: user.email, password: PASSWORD }).expect(401);
    const signedIn = await signIn(http, user.email, 'brand new secret 42');
    await http().get('/api/v1/me').set(bearer(signedIn.accessToken)).expect(200);
    await http().post('/api/v1/auth/refresh').set('Cookie', signedIn.cookie).expect(200);
    const [audit] = await db.query(`SELECT actor_id, action, details FROM audit_log WHERE target_id = $1 AND action = 'user.password.reset'`, [user.id]);
    expect(audit).toEqual({ actor_id: user.id, action: 'user.password.reset', details: { sessionsEnded: 2 } });
  });

  it('works once: a used token is 400 RESET_TOKEN_INVALID, in the caller’s language', async () => {
    const user = await signUp(http);
    await forgot(user.email).expect(202);
    const { token } = await issuedFor(user.id);
    await reset(token, 'first new password').expect(204);
    const again = await reset(token, 'second new password', 'th').expect(400);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({ status: 400, code: 'RESET_TOKEN_INVALID', title: expect.stringContaining('ลิงก์ตั้งรหัสผ่านใหม่') });
    expect((await reset(token, 'second new password', 'vi').expect(400)).body.title).toMatch(/^Liên kết đặt lại mật khẩu/);
    expect((await reset(token, 'second new password', 'en').expect(400)).body.title).toMatch(/^This password reset link no longer works/);
    await signIn(http, user.email, 'first new password');
  });

  it('lets exactly one of two simultaneous uses of a token through', async () => {
    const user = await signUp(http);
    await forgot(user.email).expect(202);
    const { token } = await issuedFor(user.id);
    const results = await Promise.all([reset(token, 'racer number one'), reset(token, 'racer number two')]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 400]);
    const winner = results.find((r) => r.status === 204) === results[0] ? 'racer number one' : 'racer number two';
    await signIn(http, user.email, winner);
  });

  it('refuses an expired token, an unknown one, and the token of a disabled account', async () => {
    const user = await signUp(http);
    await forgot(user.email).expect(202);
    const { token, tokenId } = await issuedFor(user.id);
    await db.query(`UPDATE password_reset_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [tokenId]);
    expect((await reset(token, 'too late for this').expect(400)).body.code).toBe('RESET_TOKEN_INVALID');
    expect((await reset('made-up-token', 'too late for this').expect(400)).body.code).toBe('RESET_TOKEN_INVALID');
    await http().post('/api/v1/auth/sign-in').send({ login: user.email, password: PASSWORD }).expect(200);

    const disabled = await signUp(http);
    await forgot(disabled.email).expect(202);
    const issued = await issuedFor(disabled.id);
    await db.query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [disabled.id]);
    expect((await reset(issued.token, 'a new password 9').expect(400)).body.code).toBe('RESET_TOKEN_INVALID');
  });

  it('applies the sign-up password rules, without using up the token', async () => {
    const user = await signUp(http);
    await forgot(user.email).expect(202);
    const { token } = await issuedFor(user.id);
    const short = await reset(token, 'short').expect(400);
    expect(short.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'password' })] });
    await reset(token, 'x'.repeat(129)).expect(400);
    await reset(token, 'long enough now').expect(204);
  });
});

