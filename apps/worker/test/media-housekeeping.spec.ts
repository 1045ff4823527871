import { createDataSource, LocalMediaStorage } from '@baanrian/db';
import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { MediaHousekeepingJob } from '../src/media/media-housekeeping.job';

let database: TestDatabase;
let db: DataSource;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url }).initialize();
  dir = await mkdtemp(path.join(os.tmpdir(), 'baanrian-media-hk-'));
});

afterAll(async () => {
  await db.destroy();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('media housekeeping', () => {
  it('removes stale temporary uploads and row-less files, and keeps uploads in progress and recorded media', async () => {
    const storage = new LocalMediaStorage(dir);
    const put = (key: string) => storage.put(key, Readable.from([Buffer.from('bytes')]), 'application/octet-stream');
    const age = async (key: string, hours: number) => {
      const then = new Date(Date.now() - hours * 3_600_000);
      await utimes(path.join(dir, key), then, then);
    };
    const [{ id: ownerId }] = await db.query(`INSERT INTO app_user (account_code, display_name, target_group) VALUES ('BR-54321', 'I', 'youth') RETURNING id`);
    const recorded = randomUUID();
    await db.query(
      `INSERT INTO media_asset (id, owner_id, kind, content_type, byte_size, sha256, storage_key, original_name)
       VALUES ($1, $2, 'document', 'application/pdf', 5, repeat('a', 64), $3, 'a.pdf')`,
      [recorded, ownerId, `media/${recorded}/original`],
    );
    const keys = {
      staleTemp: `tmp/${randomUUID()}`,
      uploading: `tmp/${randomUUID()}`,
      recorded: `media/${recorded}/original`,
      orphan: `media/${randomUUID()}/original`,
      freshOrphan: `media/${randomUUID()}/original`,
    };
    for (const key of Object.values(keys)) await put(key);
    for (const key of [keys.staleTemp, keys.recorded, keys.orphan]) await age(key, 25);

    const job = new MediaHousekeepingJob(db, testConfig(database.url, { MEDIA_DIR: dir, MEDIA_TEMP_TTL_MINUTES: '1440' }));
    expect(await job.handle()).toEqual({ tempFiles: 1, orphanObjects: 1 });
    expect(await storage.stat(keys.staleTemp)).toBeNull();
    expect(await storage.stat(keys.orphan)).toBeNull();
    for (const key of [keys.uploading, keys.recorded, keys.freshOrphan]) expect(await storage.stat(key)).not.toBeNull();
    // Running again finds nothing more.
    expect(await job.handle()).toEqual({ tempFiles: 0, orphanObjects: 0 });
  });
});
