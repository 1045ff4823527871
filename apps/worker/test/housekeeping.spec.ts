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

    expect(await new HousekeepingJob(db).handle()).toEqual({ outboxEvents: 1, pings: 1, heartbeats: 1, refreshTokens: 1 });

    expect(await ids('outbox_event')).toEqual([oldUnpublished, recentPublished].sort());
    expect(await ids('outbox_event')).not.toContain(oldPublished);
    // The newest completed ping survives, old as it is: readiness reports it.
    expect(await ids('system_ping')).toEqual([newestCompletedButOld, recentPing].sort());
    expect(await ids('system_ping')).not.toContain(oldPing);
    expect(await ids('worker_heartbeat', 'worker_id')).toEqual(['alive']);
    expect(await ids('refresh_token', 'token_hash')).toEqual(['just-expired', 'used-but-live']);
  });

  it('is idempotent: a second run deletes nothing more', async () => {
    expect(await new HousekeepingJob(db).handle()).toEqual({ outboxEvents: 0, pings: 0, heartbeats: 0, refreshTokens: 0 });
  });
});
