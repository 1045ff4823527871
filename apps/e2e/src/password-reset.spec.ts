import { createTestDatabase, type SmtpSink, startSmtpSink, type TestDatabase, uniqueName } from '@baanrian/testing';
import type { Proc } from './support/process';
import { stopQuietly } from './support/process';
import { appEnv, startLiveApi, startWorker } from './support/stack';

/**
 * Password reset end to end, as an operator runs it: the built api and worker (dist/) as separate
 * processes, SMTP_URL pointing at a real SMTP server started here. The link is read from the mail
 * that arrived, and used through the API.
 */
jest.setTimeout(60_000);

let smtp: SmtpSink;
let db: TestDatabase;
let api: Proc;
let worker: Proc;
let baseUrl: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  db = await createTestDatabase();
  const live = await startLiveApi((port) => appEnv(db.url, port, { SMTP_URL: smtp.url, MAIL_FROM: 'Baanrian <learn@example.org>', LOG_LEVEL: 'warn' }));
  ({ api, baseUrl } = live);
  worker = startWorker(live.env);
});

afterAll(async () => {
  await Promise.all([stopQuietly(worker), stopQuietly(api)]);
  await smtp?.close();
  await db?.drop();
});

async function post(path: string, body: object, cookie?: string) {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'vi', ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, cookie: res.headers.get('set-cookie')?.split(';')[0] };
}

it('mails a working one-time link to the account, and nothing for an unknown email', async () => {
  const email = `${uniqueName('reset')}@example.org`;
  const signUp = await post('/auth/sign-up', { email, password: 'the old password', displayName: 'Trần Thị Mai', preferredLocale: 'vi' });
  expect(signUp.status).toBe(201);

  expect((await post('/auth/password/forgot', { email: `${uniqueName('nobody')}@example.org` })).status).toBe(202);
  expect((await post('/auth/password/forgot', { email })).status).toBe(202);
  const [mail] = await smtp.waitForMails(1, 20_000);
  await new Promise((resolve) => setTimeout(resolve, 1000)); // time for a mail to the unknown address to show up, if one were sent
  expect(smtp.mails).toHaveLength(1);

  expect(mail.envelopeTo).toEqual([email]);
  expect(mail.subject).toBe('Đặt lại mật khẩu Baanrian');
  expect(mail.text).toContain('Xin chào Trần Thị Mai,');
  expect(mail.text).toContain('30 phút');
  const link = new RegExp(`${baseUrl.replace(/[.:/]/g, '\\$&')}/reset-password\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  const token = link?.[1] ?? '';
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

  expect((await post('/auth/password/reset', { token, password: 'the new password' })).status).toBe(204);
  const again = await post('/auth/password/reset', { token, password: 'another password' });
  expect(again).toMatchObject({ status: 400, body: { code: 'RESET_TOKEN_INVALID' } });
  expect(again.body.title).toMatch(/^Liên kết đặt lại mật khẩu/);

  // The session from sign-up has ended; only the new password signs in.
  expect((await post('/auth/refresh', {}, signUp.cookie)).status).toBe(401);
  expect((await post('/auth/sign-in', { login: email, password: 'the old password' })).status).toBe(401);
  expect((await post('/auth/sign-in', { login: email, password: 'the new password' })).status).toBe(200);
});
