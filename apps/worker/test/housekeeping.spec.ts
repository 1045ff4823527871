import { createDataSource } from '@baanrian/db';
import { createTestDatabase, type TestDatabase } from '@baanrian/testing';
import type { DataSource } from 'typeorm';
import { HousekeepingJob } from '../src/system/housekeeping.job';

let database: TestDatabase;
let db: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url }).initialize();
});

afterAll(async () => {
  await db.destroy();
  await database.drop();
});

const ids = async (table: string, column = 'id') =>
  (await db.query(`SELECT ${column} AS id FROM ${table} ORDER BY 1`)).map((r: { id: string }) => r.id);

describe('housekeeping', () => {
  it('deletes what has served its purpose and keeps what still matters', async () => {
    const [oldPublished, oldUnpublished, recentPublished] = (
      await db.query(`INSERT INTO outbox_event (type, payload, created_at, published_at) VALUES
        ('system.ping', '{}', now() - interval '9 days', now() - interval '8 days'),
        ('system.ping', '{}', now() - interval '9 days', NULL),
        ('system.ping', '{}', now() - interval '1 day', now() - interval '1 day')
        RETURNING id`)
    ).map((r: { id: string }) => r.id);
    const [oldPing, newestCompletedButOld, recentPing] = (
      await db.query(`INSERT INTO system_ping (requested_at, completed_at) VALUES
        (now() - interval '10 days', now() - interval '10 days'),
        (now() - interval '8 days', now() - interval '8 days'),
        (now() - interval '1 hour', NULL)
        RETURNING id`)
    ).map((r: { id: string }) => r.id);
    await db.query(`INSERT INTO worker_heartbeat VALUES ('dead', now() - interval '3 days', now() - interval '2 days'),
      ('alive', now(), now())`);
    const [{ id: userId }] = await db.query(`INSERT INTO app_user (account_code, display_name, target_group) VALUES ('BR-12345', 'A', 'youth') RETURNING id`);
    await db.query(
      `INSERT INTO refresh_token (user_id, family_id, token_hash, expires_at, used_at) VALUES
        ($1, gen_random_uuid(), 'long-expired', now() - interval '8 days', NULL),
        ($1, gen_random_uuid(), 'used-but-live', now() + interval '20 days', now() - interval '1 day'),
        ($1, gen_random_uuid(), 'just-expired', now() - interval '1 day', NULL)`,
      [userId],
    );
    await db.query(
      `INSERT INTO password_reset_token (user_id, token_hash, expires_at, used_at) VALUES
        ($1, 'reset-long-expired', now() - interval '2 days', NULL),
        ($1, 'reset-used-recently', now() - interval '1 hour', now() - interval '2 hours')`,
      [userId],
    );
    await db.query(`INSERT INTO mail_delivery (key, sent_at, message_id) VALUES ('old', now() - interval '9 days', '<old@test>'), ('recent', now() - interval '1 day', '<recent@test>')`);

    expect(await new HousekeepingJob(db).handle()).toEqual({ outboxEvents: 1, pings: 1, heartbeats: 1, refreshTokens: 1, resetTokens: 1, mailDeliveries: 1, unconfirmedMails: 0 });

    expect(await ids('outbox_event')).toEqual([oldUnpublished, recentPublished].sort());
    expect(await ids('outbox_event')).not.toContain(oldPublished);
    // The newest completed ping survives, old as it is: readiness reports it.
    expect(await ids('system_ping')).toEqual([newestCompletedButOld, recentPing].sort());
    expect(await ids('system_ping')).not.toContain(oldPing);
    expect(await ids('worker_heartbeat', 'worker_id')).toEqual(['alive']);
    expect(await ids('refresh_token', 'token_hash')).toEqual(['just-expired', 'used-but-live']);
    expect(await ids('password_reset_token', 'token_hash')).toEqual(['reset-used-recently']);
    expect(await ids('mail_delivery', 'key')).toEqual(['recent']);
  });

  it('is idempotent: a second run deletes nothing more', async () => {
    expect(await new HousekeepingJob(db).handle()).toEqual({ outboxEvents: 0, pings: 0, heartbeats: 0, refreshTokens: 0, resetTokens: 0, mailDeliveries: 0, unconfirmedMails: 0 });
  });

  it('lists for administrators, once, a mail claimed for sending whose SMTP answer was never recorded', async () => {
    await db.query(`INSERT INTO mail_delivery (key, sent_at, message_id) VALUES
      ('credential:lost-in-the-window', now() - interval '20 minutes', NULL),
      ('credential:still-sending', now() - interval '1 minute', NULL),
      ('credential:sent', now() - interval '20 minutes', '<sent@test>'),
      ('credential:logged', now() - interval '20 minutes', '(logged, not sent)')`);
    expect((await new HousekeepingJob(db).handle()).unconfirmedMails).toBe(1);
    // What GET /api/v1/admin/jobs/failed lists (its own spec covers the endpoint over job_failure).
    expect(await db.query(`SELECT queue, job_name, error_code, status, payload->>'key' AS key FROM job_failure`)).toEqual([
      { queue: 'mail', job_name: 'mail.unconfirmed', error_code: 'MAIL_UNCONFIRMED', status: 'open', key: 'credential:lost-in-the-window' },
    ]);
    // Hourly runs list it once; a dismissal stays dismissed.
    await db.query(`UPDATE job_failure SET status = 'dismissed'`);
    expect((await new HousekeepingJob(db).handle()).unconfirmedMails).toBe(0);
    expect(await db.query(`SELECT status FROM job_failure`)).toEqual([{ status: 'dismissed' }]);
  });
});
