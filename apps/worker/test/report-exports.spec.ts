import type { AppConfig } from '@baanrian/config';
import { createDataSource, createMediaStorage, type MediaStorage, writeOutboxEvent } from '@baanrian/db';
import { exportFinalKey, exportPrefix, sampleReportResult, type StoredExportQuery } from '@baanrian/reports';
import { createTestDatabase, eventually, type TestDatabase, testConfig, testServers, TEST_JWT_PRIVATE_KEY, uniqueName } from '@baanrian/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { ReportExportJob } from '../src/report-exports/report-export.job';
import { ReportExportsExpireJob } from '../src/report-exports/report-exports-expire.job';
import { WorkerModule } from '../src/worker.module';

/**
 * Large exports in the worker, against real PostgreSQL, Redis and media storage: the file is
 * written under a temporary key and offered only once complete; a job cut off mid-file (in
 * process, and a worker killed with SIGKILL) is restarted from scratch with its leftovers deleted.
 */
let database: TestDatabase;
let db: DataSource;
let config: AppConfig;
let storage: MediaStorage;
let requester: string;
const mediaDir = path.join(os.tmpdir(), 'baanrian-test-media', uniqueName('exports'));

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url }).initialize();
  config = testConfig(database.url, { MEDIA_DIR: mediaDir });
  storage = createMediaStorage(config.media);
  [{ id: requester }] = await db.query(`INSERT INTO app_user (email, account_code, display_name, target_group) VALUES ($1, $2, 'ผู้ดูแล', 'general_public') RETURNING id`, [
    `${randomUUID()}@example.org`,
    `BR-${randomUUID().slice(0, 8)}`,
  ]);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** `courses` courses × `learners` learners, all enrolled on the given day (Bangkok noon). */
async function enrolments(courses: number, learners: number, day: string, title = 'การใช้สมาร์ตโฟน'): Promise<void> {
  const tag = randomUUID().slice(0, 8);
  await db.query(
    `WITH c AS (
       INSERT INTO course (slug, title, summary, language, target_groups, format, status, published_version, published_at)
       SELECT 'bulk-' || $3::text || '-' || g, jsonb_build_object('th', $5::text || ' ' || g), '{"th": "สรุป"}', 'th', '{elderly}', 'online_class', 'published', 1, now()
         FROM generate_series(1, $1::int) g RETURNING id),
     u AS (
       INSERT INTO app_user (email, account_code, display_name, target_group, province)
       SELECT $3::text || '-' || g || '@example.org', 'BULK-' || $3::text || '-' || g, CASE WHEN g % 7 = 0 THEN '=SUM(A1)' ELSE 'ผู้เรียน ' || g END, 'elderly', 'เชียงใหม่'
         FROM generate_series(1, $2::int) g RETURNING id)
     INSERT INTO enrollment (course_id, user_id, status, channel, activated_at)
     SELECT c.id, u.id, 'active', 'online', ($4::date + time '12:00') AT TIME ZONE 'Asia/Bangkok' FROM c CROSS JOIN u`,
    [courses, learners, tag, day, title],
  );
}

function query(from: string, to: string, extra: Partial<StoredExportQuery> = {}): StoredExportQuery {
  return { period: `range:${from}..${to}`, from, to, filters: {}, scopeInstructorId: null, ...extra };
}

/** What the API writes for a large export: the row and its event, in one transaction. */
async function requestExport(kind: 'report' | 'enrollments', format: 'csv' | 'xlsx' | 'pdf', stored: StoredExportQuery, rowCount: number, event = true): Promise<string> {
  return db.transaction(async (manager) => {
    const [{ id }] = await manager.query(
      `INSERT INTO report_export (requested_by_id, format, kind, query, locale, status, row_count) VALUES ($1, $2, $3, $4, 'th', 'queued', $5) RETURNING id`,
      [requester, format, kind, stored, rowCount],
    );
    if (event) await writeOutboxEvent(manager, 'report.export-requested', { exportId: id }, 'req-export');
    return id as string;
  });
}

const exportRow = async (id: string) =>
  (await db.query(`SELECT status, progress, storage_key, row_count, byte_size::int AS byte_size, expires_at, finished_at, error FROM report_export WHERE id = $1`, [id]))[0];

async function keysOf(id: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage.list(exportPrefix(id))) keys.push(object.key);
  return keys.sort();
}

async function bytesOf(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function xlsxRows(key: string): Promise<number> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await bytesOf(key)) as unknown as ArrayBuffer);
  return book.worksheets.reduce((sum, sheet) => sum + sheet.rowCount - 1, 0);
}

const notifications = (id: string) => db.query(`SELECT user_id, type, data FROM notification WHERE dedupe_key = $1`, [`report.export-ready:${id}`]);

describe('an export job in the worker', () => {
  let worker: INestApplicationContext;
  beforeAll(async () => {
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  }, 60_000);
  afterAll(async () => worker?.close());

  it('writes the enrolment CSV from the outbox event, then offers it with an expiry and tells the requester', async () => {
    await enrolments(3, 400, '2024-05-10');
    const stored = query('2024-05-01', '2024-05-31');
    const id = await requestExport('enrollments', 'csv', stored, 1200);
    const row = await eventually(async () => {
      const r = await exportRow(id);
      return r.status === 'ready' ? r : undefined;
    }, 60_000, 'the export to be ready');
    expect(row).toMatchObject({ status: 'ready', progress: 100, storage_key: exportFinalKey(id, 'csv'), row_count: 1200, error: null });
    expect(row.expires_at.getTime() - row.finished_at.getTime()).toBe(24 * 3600_000);
    expect(await keysOf(id)).toEqual([exportFinalKey(id, 'csv')]);
    const bytes = await bytesOf(row.storage_key);
    expect(row.byte_size).toBe(bytes.length);
    // Kept as it is downloaded: a plain UTF-8 CSV with its BOM (never compressed on the PostgreSQL core).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    const table: string[][] = parse(text, { bom: true });
    expect(table.length - 1).toBe(1200);
    expect(table.filter((r) => r[1] === "'=SUM(A1)")).toHaveLength(3 * 57);
    expect(await notifications(id)).toEqual([
      {
        user_id: requester,
        type: 'report.export-ready',
        data: { exportId: id, format: 'csv', kind: 'enrollments', period: stored.period, fileName: 'การลงทะเบียน-range-2024-05-01-2024-05-31.csv', expiresAt: row.expires_at.toISOString() },
      },
    ]);
    // Run again (a redelivered job): nothing changes, nobody is told twice.
    expect(await worker.get(ReportExportJob).handle({ exportId: id })).toEqual({ status: 'skipped' });
    expect(await notifications(id)).toHaveLength(1);
    expect((await exportRow(id)).finished_at).toEqual(row.finished_at);
  }, 90_000);

  it('writes XLSX enrolment rows and a report the API computed, reporting progress on the way', async () => {
    await enrolments(4, 2500, '2024-06-10');
    const id = await requestExport('enrollments', 'xlsx', query('2024-06-01', '2024-06-30'), 10_000, false);
    const seen = new Set<number>();
    const watching = setInterval(() => void exportRow(id).then((r) => r && seen.add(r.progress)), 20);
    try {
      expect(await worker.get(ReportExportJob).handle({ exportId: id })).toEqual({ status: 'ready', rows: 10_000 });
    } finally {
      clearInterval(watching);
    }
    expect([...seen].filter((p) => p > 0 && p < 100).length).toBeGreaterThan(0);
    expect(await xlsxRows(exportFinalKey(id, 'xlsx'))).toBe(10_000);

    const report = await requestExport('report', 'pdf', query('2022-10-01', '2023-09-30', { result: sampleReportResult() }), 60, false);
    expect(await worker.get(ReportExportJob).handle({ exportId: report })).toEqual({ status: 'ready', rows: 19 });
    expect((await bytesOf(exportFinalKey(report, 'pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
  }, 90_000);

  it('restarts a job that was cut off mid-file: the half file was never offered and is deleted', async () => {
    await enrolments(2, 500, '2024-07-10');
    const id = await requestExport('enrollments', 'csv', query('2024-07-01', '2024-07-31'), 1000, false);
    // What a worker that died half-way leaves: the row running, a partial file, no key on the row.
    const half = `exports/${id}/partial-${randomUUID()}.csv`;
    await storage.put(half, Readable.from([Buffer.from('\ufeffรายวิชา,ผู้เรียน\r\nการใช้สมาร์ตโฟน 1,ผู้เรียน')]), 'text/csv');
    await db.query(`UPDATE report_export SET status = 'running', progress = 45 WHERE id = $1`, [id]);
    expect(await exportRow(id)).toMatchObject({ status: 'running', storage_key: null, expires_at: null });
    expect(await notifications(id)).toEqual([]);
    expect(await worker.get(ReportExportJob).handle({ exportId: id })).toEqual({ status: 'ready', rows: 1000 });
    expect(await keysOf(id)).toEqual([exportFinalKey(id, 'csv')]);
    expect(parse((await bytesOf(exportFinalKey(id, 'csv'))).toString('utf8'), { bom: true })).toHaveLength(1001);
  });

  it('records a failure on the last attempt and leaves no file', async () => {
    const id = await requestExport('report', 'csv', query('2024-01-01', '2024-01-31'), 50_000, false);
    await expect(worker.get(ReportExportJob).handle({ exportId: id }, { finalAttempt: false })).rejects.toThrow(/no report result/);
    expect(await exportRow(id)).toMatchObject({ status: 'running', error: null });
    await expect(worker.get(ReportExportJob).handle({ exportId: id }, { finalAttempt: true })).rejects.toThrow(/no report result/);
    expect(await exportRow(id)).toMatchObject({ status: 'failed', error: expect.stringContaining('no report result'), storage_key: null });
    expect(await keysOf(id)).toEqual([]);
  });

  it('expires finished exports hourly: marks them, deletes their files and strays, keeps running ones', async () => {
    const put = (key: string) => storage.put(key, Readable.from([Buffer.from('x')]), 'text/csv');
    const old = await requestExport('enrollments', 'csv', query('2024-01-01', '2024-01-31'), 1, false);
    await put(exportFinalKey(old, 'csv'));
    await db.query(`UPDATE report_export SET status = 'ready', storage_key = $2, expires_at = now() - interval '1 minute' WHERE id = $1`, [old, exportFinalKey(old, 'csv')]);
    const fresh = await requestExport('enrollments', 'csv', query('2024-01-01', '2024-01-31'), 1, false);
    await put(exportFinalKey(fresh, 'csv'));
    await db.query(`UPDATE report_export SET status = 'ready', storage_key = $2, expires_at = now() + interval '1 hour' WHERE id = $1`, [fresh, exportFinalKey(fresh, 'csv')]);
    const running = await requestExport('enrollments', 'csv', query('2024-01-01', '2024-01-31'), 1, false);
    await db.query(`UPDATE report_export SET status = 'running' WHERE id = $1`, [running]);
    await put(`exports/${running}/partial-${randomUUID()}.csv`);
    const orphan = randomUUID();
    await put(`exports/${orphan}/export.csv`);

    const expire = worker.get(ReportExportsExpireJob);
    expect(await expire.handle()).toEqual({ expired: 1, filesDeleted: 2 });
    expect(await exportRow(old)).toMatchObject({ status: 'expired', storage_key: null });
    expect(await keysOf(old)).toEqual([]);
    expect(await keysOf(orphan)).toEqual([]);
    expect(await keysOf(fresh)).toEqual([exportFinalKey(fresh, 'csv')]);
    expect(await keysOf(running)).toHaveLength(1);
    expect(await expire.handle()).toEqual({ expired: 0, filesDeleted: 0 });
  });
});

describe('a worker killed (SIGKILL) in the middle of a file', () => {
  const children: ChildProcess[] = [];
  const queuePrefix = uniqueName('q');
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  function startWorkerProcess(): ChildProcess {
    const child = spawn(process.execPath, ['dist/apps/worker/main.js'], {
      cwd: testServers().repoRoot,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: database.url,
        REDIS_URL: testServers().redisUrl,
        QUEUE_PREFIX: queuePrefix,
        MEDIA_DIR: mediaDir,
        OUTBOX_POLL_MS: '50',
        LOG_LEVEL: 'silent',
        AUTH_JWT_PRIVATE_KEY: TEST_JWT_PRIVATE_KEY,
      },
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  }

  it('never offers the half file, and the restarted job writes the whole file once', async () => {
    await enrolments(10, 8000, '2024-08-10', '=cmd|calc');
    const rows = 80_000;
    const id = await requestExport('enrollments', 'xlsx', query('2024-08-01', '2024-08-31'), rows);
    const first = startWorkerProcess();
    // Kill it once it is visibly half-way: progress written, a partial file in storage.
    await eventually(async () => {
      const row = await exportRow(id);
      return row.status === 'running' && row.progress >= 10 && (await keysOf(id)).length === 1 ? true : undefined;
    }, 120_000, 'the export to be under way');
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    const cut = await exportRow(id);
    expect(cut).toMatchObject({ status: 'running', storage_key: null, expires_at: null });
    expect(cut.progress).toBeLessThan(100);
    const [partial] = await keysOf(id);
    expect(partial).toMatch(/\/partial-[0-9a-f-]+\.xlsx$/);
    expect(await notifications(id)).toEqual([]);

    startWorkerProcess();
    // The dead worker's job comes back once BullMQ sees it stalled (~30 s).
    const done = await eventually(async () => {
      const row = await exportRow(id);
      return row.status === 'ready' ? row : undefined;
    }, 150_000, 'the restarted export');
    expect(done).toMatchObject({ progress: 100, row_count: rows, storage_key: exportFinalKey(id, 'xlsx') });
    expect(await keysOf(id)).toEqual([exportFinalKey(id, 'xlsx')]);
    expect(await xlsxRows(exportFinalKey(id, 'xlsx'))).toBe(rows);
    expect(await notifications(id)).toHaveLength(1);
  }, 300_000);
});
