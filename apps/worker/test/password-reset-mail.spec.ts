import type { AppConfig } from '@baanrian/config';
import { createDataSource, writeOutboxEvent } from '@baanrian/db';
import { sealToken } from '@baanrian/jobs';
import { createTestDatabase, eventually, type ReceivedMail, type SmtpSink, startSmtpSink, type TestDatabase, testConfig, uniqueName } from '@baanrian/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { LOGGED, MailService } from '../src/mail/mail.service';
import { PasswordResetMailJob } from '../src/mail/password-reset-mail.job';
import { WorkerModule } from '../src/worker.module';

/**
 * The worker's half of password reset, against a real SMTP server started here: the relay
 * delivers the event, the job mails the link in the user's language, and a retried or duplicated
 * job sends nothing more. Tokens and events are written as the API writes them (its own spec
 * covers that side; apps/e2e/src/password-reset.spec.ts runs the two together).
 */
let database: TestDatabase;
let db: DataSource;
let smtp: SmtpSink;
let config: AppConfig;
let worker: INestApplicationContext;

beforeAll(async () => {
  smtp = await startSmtpSink();
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url }).initialize();
  config = testConfig(database.url, { SMTP_URL: smtp.url, MAIL_FROM: 'Baanrian <learn@example.org>', PUBLIC_URL: 'https://learn.example.org' });
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
});

afterAll(async () => {
  await worker?.close();
  await smtp?.close();
  await db?.destroy();
  await database?.drop();
});

interface Reset {
  userId: string;
  email: string;
  token: string;
  data: { resetTokenId: string; sealedToken: string; meta: { eventId: string; requestId: string } };
}

async function userWith(locale: string, displayName = 'Somsri'): Promise<{ id: string; email: string }> {
  const email = `${uniqueName('mail')}@example.org`;
  const [{ id }] = await db.query(
    `INSERT INTO app_user (email, account_code, display_name, preferred_locale, target_group) VALUES ($1, $2, $3, $4, 'general_public') RETURNING id`,
    [email, `BR-${randomBytes(4).readUInt32BE() % 900_000_000}`, displayName, locale],
  );
  return { id, email };
}

/** A token row (hash only) and, if asked, its outbox event, in one transaction: what the API writes. */
async function requestReset(user: { id: string; email: string }, options: { outbox?: boolean } = {}): Promise<Reset> {
  const token = randomBytes(32).toString('base64url');
  const resetTokenId = randomUUID();
  const sealedToken = sealToken(config.security.appSecret, token, resetTokenId);
  const eventId = await db.transaction(async (manager) => {
    await manager.query(`INSERT INTO password_reset_token (id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '30 minutes')`, [
      resetTokenId,
      user.id,
      createHash('sha256').update(token).digest('hex'),
    ]);
    return options.outbox ? (await writeOutboxEvent(manager, 'account.password-reset-requested', { resetTokenId, sealedToken }, 'req-reset')).id : randomUUID();
  });
  return { userId: user.id, email: user.email, token, data: { resetTokenId, sealedToken, meta: { eventId, requestId: 'req-reset' } } };
}

const mailsWith = (token: string): ReceivedMail[] => smtp.mails.filter((mail) => mail.text.includes(token));
const linkIn = (mail: ReceivedMail) => /https:\/\/learn\.example\.org\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];

describe('the password-reset mail', () => {
  it('goes out through SMTP after the relay delivers the event: recipient, language, link, expiry, escaped name', async () => {
    const reset = await requestReset(await userWith('vi', 'Nguyễn <b>&</b>'), { outbox: true });
    const [mail] = await eventually(async () => (mailsWith(reset.token).length ? mailsWith(reset.token) : undefined), 15_000, 'the mail');
    expect(mail.envelopeTo).toEqual([reset.email]);
    expect(mail.headers.to).toBe(reset.email);
    expect(mail.headers.from).toBe('Baanrian <learn@example.org>');
    expect(mail.subject).toBe('Đặt lại mật khẩu Baanrian');
    expect(mail.text).toContain('Xin chào Nguyễn <b>&</b>,');
    expect(linkIn(mail)).toBe(reset.token);
    expect(mail.text).toMatch(/Liên kết chỉ dùng được một lần, trong 30 phút \(đến .+, UTC\+7\)/);
    expect(mail.text).toContain('hãy bỏ qua thư này');
    expect(mail.html).toContain(`href="https://learn.example.org/reset-password?token=${reset.token}"`);
    expect(mail.html).toContain('Nguyễn &lt;b&gt;&amp;&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>');
    // Committed just after the SMTP server accepted the mail, so it may trail the mail's arrival.
    const delivery = await eventually(async () => {
      const [row] = await db.query(`SELECT key, user_id, event_id, message_id FROM mail_delivery WHERE key = $1`, [`password-reset:${reset.data.resetTokenId}`]);
      return row;
    }, 5_000, 'the delivery record');
    expect(delivery).toMatchObject({ user_id: reset.userId, event_id: reset.data.meta.eventId });
    expect(delivery.message_id).toBe(mail.headers['message-id']);
  });

  it('is written in Thai for a Thai speaker, with the Buddhist-era date of expiry', async () => {
    const reset = await requestReset(await userWith('th'));
    expect(await worker.get(PasswordResetMailJob).handle(reset.data)).toBe('sent');
    const [mail] = mailsWith(reset.token);
    expect(mail.subject).toBe('ตั้งรหัสผ่านใหม่ – บ้านเรียน');
    expect(mail.text).toContain('สวัสดีคุณSomsri');
    expect(mail.text).toContain('ภายใน 30 นาที');
    expect(mail.text).toContain(String(new Date(Date.now() + 30 * 60_000).getFullYear() + 543));
    expect(mail.text).toContain('หากคุณไม่ได้ขอตั้งรหัสผ่านใหม่');
  });

  it('is sent once when the job runs twice, one after the other or at the same moment', async () => {
    const job = worker.get(PasswordResetMailJob);
    const first = await requestReset(await userWith('en'));
    expect(await job.handle(first.data)).toBe('sent');
    expect(await job.handle(first.data)).toBe('duplicate');
    const second = await requestReset(await userWith('en'));
    expect((await Promise.all([job.handle(second.data), job.handle(second.data), job.handle(second.data)])).sort()).toEqual(['duplicate', 'duplicate', 'sent']);
    await new Promise((resolve) => setTimeout(resolve, 300)); // anything late would have arrived
    expect(mailsWith(first.token)).toHaveLength(1);
    expect(mailsWith(second.token)).toHaveLength(1);
    expect(mailsWith(first.token)[0].subject).toBe('Reset your Baanrian password');
  });

  it('records nothing when SMTP fails, so the retry sends it', async () => {
    const reset = await requestReset(await userWith('en'));
    const wrongLogin = { ...config, mail: { ...config.mail, smtpUrl: smtp.url.replace('smtp-test-secret', 'wrong') } };
    const broken = new PasswordResetMailJob(db, config, new MailService(db, wrongLogin));
    await expect(broken.handle(reset.data)).rejects.toThrow(/Invalid login|Invalid username/);
    expect(await db.query(`SELECT 1 FROM mail_delivery WHERE key = $1`, [`password-reset:${reset.data.resetTokenId}`])).toHaveLength(0);
    expect(await worker.get(PasswordResetMailJob).handle(reset.data)).toBe('sent');
    expect(mailsWith(reset.token)).toHaveLength(1);
  });

  it('sends nothing for a link that was used, replaced or has expired', async () => {
    const job = worker.get(PasswordResetMailJob);
    for (const change of ['used_at = now()', 'revoked_at = now()', `expires_at = now() - interval '1 second'`]) {
      const reset = await requestReset(await userWith('en'));
      await db.query(`UPDATE password_reset_token SET ${change} WHERE id = $1`, [reset.data.resetTokenId]);
      expect(await job.handle(reset.data)).toBe('stale');
      expect(mailsWith(reset.token)).toHaveLength(0);
    }
  });

  it('writes the mail to the log instead when no SMTP server is configured (development and demo), still once', async () => {
    const logOnly = testConfig(database.url);
    expect(logOnly.mail.transport).toBe('log');
    const job = new PasswordResetMailJob(db, logOnly, new MailService(db, logOnly));
    const reset = await requestReset(await userWith('en'));
    expect(await job.handle(reset.data)).toBe('logged');
    expect(await job.handle(reset.data)).toBe('duplicate');
    expect(mailsWith(reset.token)).toHaveLength(0);
    // Complete, not "unconfirmed": housekeeping must not list it for administrators.
    const [{ message_id: messageId }] = await db.query(`SELECT message_id FROM mail_delivery WHERE key = $1`, [`password-reset:${reset.data.resetTokenId}`]);
    expect(messageId).toBe(LOGGED);
  });
});
