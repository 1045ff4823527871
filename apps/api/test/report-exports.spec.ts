import type { AppConfig } from '@baanrian/config';
import { DIRECT_EXPORT_MAX_ROWS } from '@baanrian/contracts';
import { createMediaStorage } from '@baanrian/db';
import { FORMULA_START, type StoredExportQuery } from '@baanrian/reports';
import { createTestDatabase, eventually, type TestDatabase, testConfig } from '@baanrian/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import request, { type Response } from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApi } from '../src/bootstrap';
import { EXPORT_LINK_SECONDS, ReportExportLinks, withoutLinkToken } from '../src/report-exports/report-export.link';
import { REPORT_RUNNER } from '../src/report-exports/report-runner';
import { bearer, signUp, type Signed } from './accounts-helpers';
import { SqlReportRunner } from './report-exports-runner';

/**
 * POST /reports/exports and the download endpoints, on real PostgreSQL and media storage. The
 * report kind runs behind REPORT_RUNNER, here a runner computing from the raw tables (the report
 * service is built in parallel). Files are parsed back and compared with the numbers.
 */
let database: TestDatabase;
let app: NestExpressApplication;
let db: DataSource;
let config: AppConfig;
const runner = new SqlReportRunner(() => db);
const work = mkdtempSync(path.join(tmpdir(), 'report-exports-'));
const http = () => request(app.getHttpServer());

let admin: Signed;
let instructor: Signed;
let otherInstructor: Signed;
let learner: Signed;
let ownCourse: string;
let otherCourse: string;
let bulkCourse: string;

beforeAll(async () => {
  database = await createTestDatabase();
  config = testConfig(database.url);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(REPORT_RUNNER)
    .useValue(runner)
    .compile();
  app = configureApi(moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true }), config);
  app.useLogger(false);
  await app.init();
  db = app.get(DataSource);
  admin = await withRole(await signUp(http), 'admin');
  instructor = await withRole(await signUp(http, { displayName: 'ครูสมชาย' }), 'instructor');
  otherInstructor = await withRole(await signUp(http), 'instructor');
  learner = await signUp(http);
  ownCourse = await course({ th: 'การใช้สมาร์ตโฟนสำหรับผู้สูงอายุ' }, instructor.id);
  otherCourse = await course({ th: '=HYPERLINK("http://x.example")' }, otherInstructor.id);
  bulkCourse = await course({ th: 'หลักสูตรออนไลน์ขนาดใหญ่' }, otherInstructor.id);
  // FY 2569: a few learners, some with hostile names; an erased one.
  for (const [i, name] of ['สมศรี ใจดี', '=1+1', '@SUM(A1)', 'Trần Văn Đức'].entries()) {
    const id = await person(name, i % 2 ? 'youth' : 'elderly');
    await enrol(ownCourse, id, ['2025-10-05', '2025-11-05', '2025-12-05', '2026-01-05'][i] + 'T03:00:00Z');
    await enrol(otherCourse, id, `2026-0${i + 1}-05T03:00:00Z`);
  }
  const erased = await person('', 'elderly', true);
  await enrol(ownCourse, erased, '2026-03-01T03:00:00Z');
  await db.query(`INSERT INTO report_plan (fiscal_year, target_group, measure, target) VALUES (2569, 'all', 'enrollments', 8)`);
  // FY 2567: exactly DIRECT_EXPORT_MAX_ROWS enrolments in March 2024 and one more in April.
  await db.query(
    `WITH u AS (INSERT INTO app_user (account_code, display_name, target_group) SELECT 'BULK-' || g, 'ผู้เรียน ' || g, 'youth' FROM generate_series(1, $2::int) g RETURNING id)
     INSERT INTO enrollment (course_id, user_id, status, channel, activated_at)
     SELECT $1, id, 'active', 'online', CASE WHEN row_number() OVER () = 1 THEN timestamptz '2024-04-02T03:00:00Z' ELSE timestamptz '2024-03-15T03:00:00Z' END FROM u`,
    [bulkCourse, DIRECT_EXPORT_MAX_ROWS + 1],
  );
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.drop();
  rmSync(work, { recursive: true, force: true });
});

async function withRole(person: Signed, role: string): Promise<Signed> {
  await db.query(`INSERT INTO user_role (user_id, role) VALUES ($1, $2)`, [person.id, role]);
  return person;
}

async function course(title: Record<string, string>, ownerId: string): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO course (slug, owner_id, title, summary, language, target_groups, format, status, published_version, published_at)
     VALUES ($1, $2, $3, '{"th": "สรุป"}', 'th', '{elderly}', 'online_class', 'published', 1, now()) RETURNING id`,
    [`c-${randomUUID()}`, ownerId, title],
  );
  return id;
}

async function person(name: string, group: string, erased = false): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO app_user (email, account_code, display_name, target_group, province, erased_at) VALUES ($1, $2, $3, $4, 'เชียงใหม่', CASE WHEN $5 THEN now() END) RETURNING id`,
    [erased ? null : `${randomUUID()}@example.org`, `BR-${randomUUID().slice(0, 8)}`, name, group, erased],
  );
  return id;
}

async function enrol(courseId: string, userId: string, at: string): Promise<void> {
  await db.query(`INSERT INTO enrollment (course_id, user_id, status, channel, activated_at) VALUES ($1, $2, 'active', 'online', $3)`, [courseId, userId, at]);
}

const exportAs = (who: Signed, body: object, locale = 'th') =>
  http()
    .post('/api/v1/reports/exports')
    .set(bearer(who.accessToken))
    .set('Accept-Language', locale)
    .send(body)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });

const json = (res: Response) => JSON.parse((res.body as Buffer).toString('utf8'));
const csvOf = (res: Response): string[][] => parse((res.body as Buffer).toString('utf8'), { bom: true });
const audits = async (actorId: string) =>
  (await db.query(`SELECT target_id, details FROM audit_log WHERE action = 'report.export' AND actor_id = $1 ORDER BY at`, [actorId])) as { target_id: string | null; details: Record<string, unknown> }[];

describe('a report export answered at once', () => {
  it('sends the CSV with its UTF-8 file name, parsed back equal to the report, and audits it', async () => {
    const before = (await audits(admin.id)).length;
    const res = await exportAs(admin, { format: 'csv', kind: 'report', period: 'fy:2569', preset: 'by_target_group' }).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('รายงาน-fy-2569.csv')}`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const expected = await runner.run({ period: 'fy:2569', filters: {} }, runner.calls[0].viewer, 'th');
    const rows = csvOf(res);
    expect(rows[1].slice(3).map(Number)).toEqual([expected.totals.enrollments?.actual, expected.totals.learners?.actual]);
    expect(rows[1].slice(3).map(Number)).toEqual([9, 5]);
    // Target and % of plan of the fiscal year.
    expect(rows[2].slice(3)).toEqual(['8', '']);
    expect(rows[3].slice(3)).toEqual(['112.5', '']);
    const courses = rows.filter((r) => r[0] === 'รายวิชา');
    expect(courses.map((r) => [r[2], Number(r[3])]).sort()).toEqual([
      ["'=HYPERLINK(\"http://x.example\")", 4],
      ['การใช้สมาร์ตโฟนสำหรับผู้สูงอายุ', 5],
    ]);
    expect(runner.calls.at(-2)).toMatchObject({ query: { period: 'fy:2569', preset: 'by_target_group', filters: {} }, locale: 'th' });
    const audit = (await audits(admin.id)).slice(before);
    expect(audit).toEqual([{ target_id: null, details: { format: 'csv', kind: 'report', period: 'fy:2569', preset: 'by_target_group', filters: {}, rows: 6, delivery: 'direct' } }]);
  });

  it('sends the XLSX with typed numbers and English headers, equal to the report', async () => {
    const res = await exportAs(admin, { format: 'xlsx', kind: 'report', period: 'fy:2569' }, 'en').expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename="report-fy-2569.xlsx"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Totals', 'Target group', 'Course']);
    expect(book.worksheets[0].getRow(5).values).toEqual([undefined, 'Enrolments', 9, 8, 112.5]);
    const groups = book.worksheets[1];
    expect(groups.getRow(1).values).toEqual([undefined, 'Target group', 'Enrolments', 'Learners']);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM enrollment e JOIN app_user u ON u.id = e.user_id WHERE u.target_group = 'youth' AND e.activated_at >= '2025-09-30T17:00:00Z' AND e.activated_at < '2026-09-30T17:00:00Z'`,
    );
    const youth = (groups.getSheetValues() as unknown[][]).find((row) => row?.[1] === 'youth');
    expect(youth?.[2]).toBe(n);
  });

  it('sends the PDF summary in Thai', async () => {
    const res = await exportAs(admin, { format: 'pdf', kind: 'report', period: 'fy:2569', preset: 'fiscal_year_summary' }).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(work, 'report.pdf');
    writeFileSync(file, res.body as Buffer);
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('รายงานผลการเข้าร่วมการเรียนรู้: สรุปผลประจำปีงบประมาณ');
    expect(text).toContain('การลงทะเบียน 9 8 112.5%');
    expect(text).toContain('การใช้สมาร์ตโฟนสำหรับผู้สูงอายุ');
  });
});

describe('enrolment rows answered at once', () => {
  it('has one row per enrolment of the period, no contact data, erased people anonymous, formulas neutralised', async () => {
    const res = await exportAs(admin, { format: 'csv', kind: 'enrollments', period: 'fy:2569' }).expect(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('การลงทะเบียน-fy-2569.csv')}`);
    const rows = csvOf(res);
    expect(rows.length - 1).toBe(9);
    expect(rows.map((r) => r[1]).filter((n) => n === 'ไม่ระบุชื่อ')).toHaveLength(1);
    expect(rows.flat().filter((cell) => FORMULA_START.test(cell))).toEqual([]);
    expect(rows.map((r) => r[1])).toEqual(expect.arrayContaining(["'=1+1", "'@SUM(A1)", 'Trần Văn Đức']));
    const text = (res.body as Buffer).toString('utf8');
    expect(text).not.toMatch(/@example\.org|BR-/);
    const [last] = (await audits(admin.id)).slice(-1);
    expect(last.details).toMatchObject({ format: 'csv', kind: 'enrollments', period: 'fy:2569', rows: 9, delivery: 'direct' });
  });

  it("forces an instructor's own courses, and refuses another instructor's or a course they do not teach", async () => {
    const rows = csvOf(await exportAs(instructor, { format: 'csv', kind: 'enrollments', period: 'fy:2569' }).expect(200));
    expect(rows.slice(1).map((r) => r[0])).toEqual(Array(5).fill('การใช้สมาร์ตโฟนสำหรับผู้สูงอายุ'));
    expect((await audits(instructor.id)).at(-1)?.details).toMatchObject({ filters: { instructorId: instructor.id }, rows: 5 });
    const other = await exportAs(instructor, { format: 'csv', kind: 'enrollments', period: 'fy:2569', filters: { instructorId: otherInstructor.id } }).expect(403);
    expect(json(other).code).toBe('REPORT_EXPORT_OUT_OF_SCOPE');
    const notTheirs = await exportAs(instructor, { format: 'xlsx', kind: 'report', period: 'fy:2569', filters: { courseIds: [otherCourse] } }).expect(403);
    expect(json(notTheirs).code).toBe('REPORT_EXPORT_OUT_OF_SCOPE');
    await exportAs(instructor, { format: 'csv', kind: 'enrollments', period: 'fy:2569', filters: { courseIds: [ownCourse], instructorId: instructor.id } }).expect(200);
  });

  it('refuses learners (403) and writes no audit entry for them', async () => {
    const res = await exportAs(learner, { format: 'csv', kind: 'enrollments', period: 'fy:2569' }).expect(403);
    expect(json(res)).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    await exportAs(learner, { format: 'pdf', kind: 'report', period: 'fy:2569' }).expect(403);
    expect(await audits(learner.id)).toEqual([]);
  });

  it('answers bad input with a 400 problem in the asked language, never a 500', async () => {
    const order = await exportAs(admin, { format: 'csv', kind: 'enrollments', period: 'range:2026-02-10..2026-01-05' }, 'en').expect(400);
    expect(json(order)).toMatchObject({ code: 'REPORT_EXPORT_PERIOD_INVALID', reason: 'period_order', title: expect.stringMatching(/period is not valid/) });
    expect(json(await exportAs(admin, { format: 'csv', kind: 'enrollments', period: 'fy:abc' }).expect(400)).code).toBe('REPORT_EXPORT_PERIOD_INVALID');
    expect(json(await exportAs(admin, { format: 'pdf', kind: 'enrollments', period: 'fy:2569' }, 'vi').expect(400))).toMatchObject({ code: 'REPORT_EXPORT_FORMAT_UNSUPPORTED', title: expect.stringContaining('PDF') });
    expect(json(await exportAs(admin, { format: 'csv', kind: 'report', period: 'fy:2569', measures: ['bogus'] }).expect(400)).code).toBe('VALIDATION_FAILED');
    expect(json(await exportAs(admin, { format: 'docx', kind: 'report', period: 'fy:2569' }).expect(400)).code).toBe('VALIDATION_FAILED');
    expect(json(await exportAs(admin, { format: 'csv', kind: 'enrollments', period: 'fy:2569', filters: { courseIds: ["x' OR 1=1"] } }).expect(400)).code).toBe('VALIDATION_FAILED');
    // A period with no data: the header alone.
    expect(csvOf(await exportAs(admin, { format: 'csv', kind: 'enrollments', period: 'fy:2500' }).expect(200))).toHaveLength(1);
  });
});

describe('direct or job, at DIRECT_EXPORT_MAX_ROWS', () => {
  it('answers exactly DIRECT_EXPORT_MAX_ROWS rows at once', async () => {
    const res = await exportAs(admin, { format: 'csv', kind: 'enrollments', period: 'month:2024-03' }).expect(200);
    expect(csvOf(res).length - 1).toBe(DIRECT_EXPORT_MAX_ROWS);
  });

  it('gives the database connection back when the client goes away mid-download', async () => {
    // More cut-off downloads than the pool has connections: a leaked one would stall the last export.
    for (let i = 0; i < config.database.poolSize + 2; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = http()
          .post('/api/v1/reports/exports')
          .set(bearer(admin.accessToken))
          .send({ format: i % 2 ? 'xlsx' : 'csv', kind: 'enrollments', period: 'month:2024-03' })
          .buffer(false)
          .parse((res, callback) => {
            res.once('data', () => {
              (res as unknown as { destroy: () => void }).destroy();
              callback(null, null);
              resolve();
            });
          });
        req.catch((error: Error) => (/aborted|socket hang up|ECONNRESET|Premature close/.test(error.message) ? resolve() : reject(error)));
      });
    }
    await eventually(async () => {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND (query LIKE 'COPY%' OR query LIKE 'FETCH%') AND state <> 'idle'`);
      return n === 0 ? true : undefined;
    }, 20_000, 'the cut-off exports to stop');
    expect(csvOf(await exportAs(admin, { format: 'csv', kind: 'enrollments', period: 'month:2024-03' }).expect(200)).length - 1).toBe(DIRECT_EXPORT_MAX_ROWS);
  }, 120_000);

  it('queues one more as a job: a report_export row, its outbox event and the audit entry, then 202', async () => {
    const res = await exportAs(admin, { format: 'xlsx', kind: 'enrollments', period: 'fy:2567' }, 'en').expect(202);
    const body = json(res);
    expect(body).toMatchObject({ format: 'xlsx', kind: 'enrollments', period: 'fy:2567', status: 'queued', progress: 0, rowCount: DIRECT_EXPORT_MAX_ROWS + 1, fileName: 'enrolments-fy-2567.xlsx', downloadUrl: null, expiresAt: null });
    const [row] = await db.query(`SELECT requested_by_id, locale, query FROM report_export WHERE id = $1`, [body.id]);
    expect(row).toMatchObject({ requested_by_id: admin.id, locale: 'en', query: { period: 'fy:2567', from: '2023-10-01', to: '2024-09-30', filters: {}, scopeInstructorId: null } });
    const events = await db.query(`SELECT payload FROM outbox_event WHERE type = 'report.export-requested'`);
    expect(events.map((e: { payload: unknown }) => e.payload)).toContainEqual({ exportId: body.id });
    expect((await audits(admin.id)).at(-1)).toEqual({ target_id: body.id, details: expect.objectContaining({ kind: 'enrollments', rows: DIRECT_EXPORT_MAX_ROWS + 1, delivery: 'job' }) });
  });

  it('queues a report too large to answer with the result it computed, for the worker to render', async () => {
    runner.extraRows = DIRECT_EXPORT_MAX_ROWS;
    try {
      const body = json(await exportAs(admin, { format: 'csv', kind: 'report', period: 'fy:2569' }).expect(202));
      const [row] = await db.query(`SELECT query FROM report_export WHERE id = $1`, [body.id]);
      const stored = row.query as StoredExportQuery;
      expect(stored.result?.breakdowns.map((b) => [b.dimension, b.rows.length])).toEqual([
        ['target_group', 2],
        ['course', 2],
        ['district', DIRECT_EXPORT_MAX_ROWS],
      ]);
    } finally {
      runner.extraRows = 0;
    }
  });
});

describe('an export run by the worker', () => {
  async function queued(owner: Signed): Promise<string> {
    const [{ id }] = await db.query(
      `INSERT INTO report_export (requested_by_id, format, kind, query, locale, status, row_count) VALUES ($1, 'csv', 'enrollments', '{"period": "fy:2567"}', 'th', 'queued', 20001) RETURNING id`,
      [owner.id],
    );
    return id;
  }

  /** What the worker leaves: the file under its final key and the row ready until `expiresAt`. */
  async function ready(id: string, expiresAt: Date): Promise<void> {
    const key = `exports/${id}/export.csv`;
    await createMediaStorage(config.media).put(key, Readable.from([Buffer.from('\ufeffรายวิชา\r\nก\r\n')]), 'text/csv');
    await db.query(`UPDATE report_export SET status = 'ready', progress = 100, storage_key = $2, byte_size = 22, expires_at = $3, finished_at = now() WHERE id = $1`, [id, key, expiresAt]);
  }

  const get = (who: Signed, url: string) => http().get(url).set(bearer(who.accessToken)).set('Accept-Language', 'en');
  const withoutRequest = (body: Record<string, unknown>) => ({ ...body, instance: undefined, requestId: undefined });

  it('shows its progress to the requester, in the list and alone; the file waits until it is ready', async () => {
    const id = await queued(admin);
    await db.query(`UPDATE report_export SET status = 'running', progress = 35 WHERE id = $1`, [id]);
    expect((await get(admin, `/api/v1/reports/exports/${id}`).expect(200)).body).toMatchObject({ id, status: 'running', progress: 35, downloadUrl: null });
    expect((await get(admin, '/api/v1/reports/exports').expect(200)).body.map((e: { id: string }) => e.id)).toContain(id);
    expect((await get(admin, `/api/v1/reports/exports/${id}/file`).expect(409)).body).toMatchObject({ code: 'REPORT_EXPORT_NOT_READY', status: 409, exportStatus: 'running' });
  });

  it('sends the finished file to its requester only: anyone else gets the unknown-id 404', async () => {
    const id = await queued(instructor);
    await ready(id, new Date(Date.now() + 3600_000));
    const dto = (await get(instructor, `/api/v1/reports/exports/${id}`).expect(200)).body;
    expect(dto).toMatchObject({ status: 'ready', progress: 100, downloadUrl: `/api/v1/reports/exports/${id}/file`, fileName: 'การลงทะเบียน-fy-2567.csv' });
    const file = await get(instructor, dto.downloadUrl).expect(200);
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('การลงทะเบียน-fy-2567.csv')}`);
    expect(file.text).toBe('\ufeffรายวิชา\r\nก\r\n');
    const unknown = await get(admin, `/api/v1/reports/exports/${randomUUID()}/file`).expect(404);
    for (const url of [`/api/v1/reports/exports/${id}/file`, `/api/v1/reports/exports/${id}`]) {
      for (const stranger of [admin, otherInstructor, learner]) {
        const res = await get(stranger, url).expect(404);
        expect(withoutRequest(res.body)).toEqual(withoutRequest(unknown.body));
      }
    }
    expect((await get(otherInstructor, '/api/v1/reports/exports').expect(200)).body.map((e: { id: string }) => e.id)).not.toContain(id);
  });

  it('sends a stored CSV as it is, with its length, never compressed on the fly and never cached', async () => {
    const id = await queued(admin);
    const key = `exports/${id}/export.csv`;
    const csv = Buffer.from(`\ufeffรายวิชา,ผู้เรียน\r\n${'การใช้สมาร์ตโฟน,สมศรี\r\n'.repeat(2000)}`);
    await createMediaStorage(config.media).put(key, Readable.from([csv]), 'text/csv');
    await db.query(`UPDATE report_export SET status = 'ready', progress = 100, storage_key = $2, byte_size = $3, expires_at = now() + interval '1 hour', finished_at = now() WHERE id = $1`, [id, key, csv.length]);
    // A browser asks for gzip; the compression middleware would otherwise deflate these 100 kB on the API's core.
    const res = await get(admin, `/api/v1/reports/exports/${id}/file`).set('Accept-Encoding', 'gzip, deflate, br').buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-length']).toBe(String(csv.length));
    expect(res.headers['cache-control']).toBe('private, no-store, no-transform');
    expect(Buffer.compare(res.body as Buffer, csv)).toBe(0);
  });

  it('sends a file many times the size of its buffers whole to a slow reader, answers HEAD with the length alone, and lets go of the file when the reader goes away', async () => {
    const id = await queued(admin);
    const key = `exports/${id}/export.csv`;
    // Every line different, so a buffer taken again before its bytes had left would show as a wrong line.
    const csv = Buffer.from(Array.from({ length: 300_000 }, (_, i) => `การใช้สมาร์ตโฟน,ผู้เรียน ${i}\r\n`).join(''));
    await createMediaStorage(config.media).put(key, Readable.from([csv]), 'text/csv');
    await db.query(`UPDATE report_export SET status = 'ready', progress = 100, storage_key = $2, byte_size = $3, expires_at = now() + interval '1 hour', finished_at = now() WHERE id = $1`, [id, key, csv.length]);
    const head = await http().head(`/api/v1/reports/exports/${id}/file`).set(bearer(admin.accessToken)).expect(200);
    expect(head.headers['content-length']).toBe(String(csv.length));
    const file = path.join(config.media.dir, key);
    const openHandles = () => readdirSync('/proc/self/fd').filter((fd) => { try { return readlinkSync(`/proc/self/fd/${fd}`) === file; } catch { return false; } }).length;
    const server = app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/reports/exports/${id}/file`;
      // A reader that stops for 300 ms after its first chunk, while the API's writes queue up behind it.
      const slow = await new Promise<Buffer>((resolve, reject) => {
        httpGet(url, { headers: bearer(admin.accessToken) }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => {
            if (!chunks.length) {
              res.pause();
              setTimeout(() => res.resume(), 300);
            }
            chunks.push(chunk);
          });
          res.on('end', () => resolve(Buffer.concat(chunks)));
          res.on('error', reject);
        }).once('error', reject);
      });
      expect(slow.length).toBe(csv.length);
      expect(Buffer.compare(slow, csv)).toBe(0);
      // One that goes away after its first chunk: the API holds the file while it waits, then closes it.
      const heldWhileWaiting = await new Promise<number>((resolve, reject) => {
        const req = httpGet(url, { headers: bearer(admin.accessToken) }, (res) => {
          res.once('data', () => {
            res.pause();
            setTimeout(() => {
              const held = openHandles();
              req.destroy();
              resolve(held);
            }, 100);
          });
        });
        req.once('error', (error) => (req.destroyed ? undefined : reject(error)));
      });
      expect(heldWhileWaiting).toBe(1);
      await eventually(async () => (openHandles() === 0 ? true : undefined), 5000, 'the API to close the file');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('still sends a CSV an earlier version kept gzip-compressed as it is to a client that accepts gzip, and unpacked to one that does not', async () => {
    const id = await queued(admin);
    const key = `exports/${id}/export.csv.gz`;
    const csv = `\ufeffรายวิชา,ผู้เรียน\r\n${'การใช้สมาร์ตโฟน,สมศรี\r\n'.repeat(500)}`;
    const packed = gzipSync(Buffer.from(csv));
    await createMediaStorage(config.media).put(key, Readable.from([packed]), 'application/gzip');
    await db.query(`UPDATE report_export SET status = 'ready', progress = 100, storage_key = $2, byte_size = $3, expires_at = now() + interval '1 hour', finished_at = now() WHERE id = $1`, [id, key, packed.length]);
    // supertest unpacks a gzip answer by itself: the header says it went out compressed, the text that it unpacked whole.
    const gz = await get(admin, `/api/v1/reports/exports/${id}/file`).set('Accept-Encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(gz.text).toBe(csv);
    const plain = await get(admin, `/api/v1/reports/exports/${id}/file`).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(csv);
  });

  describe('followed while the worker writes it (?follow=true)', () => {
    const storage = () => createMediaStorage(config.media);
    const lines = (from: number, count: number) => Buffer.from(Array.from({ length: count }, (_, i) => `การใช้สมาร์ตโฟน,ผู้เรียน ${from + i}\r\n`).join(''));
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    /** What the export job does, by hand: a partial file appended in steps, moved to its final key, the row set ready. */
    async function write(id: string, parts: Buffer[], end: 'ready' | 'fail'): Promise<{ readyAt: number }> {
      const partialKey = `exports/${id}/partial-${randomUUID()}.csv`;
      const file = path.join(config.media.dir, partialKey);
      await db.query(`UPDATE report_export SET status = 'running' WHERE id = $1`, [id]);
      await storage().put(partialKey, Readable.from([parts[0]]), 'text/csv');
      for (const part of parts.slice(1)) {
        await pause(60);
        await appendFile(file, part);
      }
      await pause(60);
      if (end === 'fail') {
        await storage().delete(partialKey);
        await db.query(`UPDATE report_export SET status = 'failed', error = 'stopped' WHERE id = $1`, [id]);
      } else {
        await storage().move(partialKey, `exports/${id}/export.csv`);
        const size = parts.reduce((n, p) => n + p.length, 0);
        await db.query(`UPDATE report_export SET status = 'ready', progress = 100, storage_key = $2, byte_size = $3, expires_at = now() + interval '1 hour', finished_at = now() WHERE id = $1`, [id, `exports/${id}/export.csv`, size]);
      }
      return { readyAt: Date.now() };
    }

    /** The body as bytes, with the moment its first bytes came. */
    const followed = (who: Signed, id: string) =>
      get(who, `/api/v1/reports/exports/${id}/file?follow=true`).buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        let firstAt = 0;
        r.on('data', (c: Buffer) => {
          firstAt ||= Date.now();
          chunks.push(c);
        });
        r.on('end', () => done(null, { body: Buffer.concat(chunks), firstAt }));
      });

    it('sends the file as it is written, without a length, and ends it only once the row is ready: every byte, in order', async () => {
      const id = await queued(admin);
      const parts = [Buffer.concat([Buffer.from('\ufeffรายวิชา,ผู้เรียน\r\n'), lines(0, 3000)]), lines(3000, 3000), lines(6000, 3000), lines(9000, 3000)];
      const download = followed(admin, id).expect(200);
      const [res, written] = await Promise.all([download, write(id, parts, 'ready')]);
      const { body, firstAt } = res.body as { body: Buffer; firstAt: number };
      expect(res.headers['content-length']).toBeUndefined();
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('การลงทะเบียน-fy-2567.csv'));
      expect(Buffer.compare(body, Buffer.concat(parts))).toBe(0);
      // The first bytes left before the job was done (it took 4 × 60 ms after the first part).
      expect(firstAt).toBeLessThan(written.readyAt);
    });

    it('cuts the connection when the job fails half-way, so no client takes a part for the whole', async () => {
      const id = await queued(admin);
      const parts = [Buffer.concat([Buffer.from('\ufeffรายวิชา\r\n'), lines(0, 2000)]), lines(2000, 2000)];
      // node:http, to see the cut as a client does (supertest reports it twice).
      const server = app.getHttpServer() as Server;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const download = new Promise<{ status: number; bytes: number; outcome: string }>((resolve) => {
          httpGet(`http://127.0.0.1:${port}/api/v1/reports/exports/${id}/file?follow=true`, { headers: bearer(admin.accessToken) }, (res) => {
            let bytes = 0;
            res.on('data', (chunk: Buffer) => (bytes += chunk.length));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, outcome: 'ended' }));
            res.on('error', (error) => resolve({ status: res.statusCode ?? 0, bytes, outcome: error.message }));
          });
        });
        await write(id, parts, 'fail');
        const result = await download;
        expect(result).toMatchObject({ status: 200, outcome: 'aborted' });
        expect(result.bytes).toBeLessThanOrEqual(parts[0].length + parts[1].length);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('answers a follow of an export that failed before writing anything with the not-ready problem, and a ready one as the stored file', async () => {
      const failed = await queued(admin);
      await db.query(`UPDATE report_export SET status = 'failed', error = 'stopped' WHERE id = $1`, [failed]);
      expect((await get(admin, `/api/v1/reports/exports/${failed}/file?follow=true`).expect(409)).body).toMatchObject({ code: 'REPORT_EXPORT_NOT_READY', exportStatus: 'failed' });
      const done = await queued(admin);
      await ready(done, new Date(Date.now() + 3600_000));
      const res = await get(admin, `/api/v1/reports/exports/${done}/file?follow=true`).expect(200);
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength('\ufeffรายวิชา\r\nก\r\n')));
      expect(res.text).toBe('\ufeffรายวิชา\r\nก\r\n');
      // Someone else's export stays the unknown-id 404 with follow too.
      expect((await get(otherInstructor, `/api/v1/reports/exports/${done}/file?follow=true`).expect(404)).body.code).toBe('REPORT_EXPORT_NOT_FOUND');
    });
  });

  describe('signed download links (the browser downloads by itself)', () => {
    const link = (who: Signed, id: string, follow = false) => http().post(`/api/v1/reports/exports/${id}/link${follow ? '?follow=true' : ''}`).set(bearer(who.accessToken)).set('Accept-Language', 'en');
    const tokenOf = (url: string) => new URL(url, 'http://x').searchParams.get('token') as string;

    it('gives the requester a link of a couple of minutes that downloads the file without the access token', async () => {
      const id = await queued(instructor);
      await ready(id, new Date(Date.now() + 3600_000));
      const started = Date.now();
      const { body } = await link(instructor, id).expect(201);
      expect(body.url).toMatch(new RegExp(`^/api/v1/reports/exports/${id}/download\\?token=`));
      const expires = Date.parse(body.expiresAt);
      expect(expires - started).toBeGreaterThan(60_000);
      expect(expires - started).toBeLessThanOrEqual(EXPORT_LINK_SECONDS * 1000 + 1000);
      // No Authorization header, no cookie: the token is the only credential.
      const file = await http().get(body.url).expect(200);
      expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('การลงทะเบียน-fy-2567.csv')}`);
      expect(file.headers['cache-control']).toContain('no-store');
      expect(file.text).toBe('\ufeffรายวิชา\r\nก\r\n');
      // It can be used again within its time (a browser may retry a download).
      expect((await http().get(body.url).expect(200)).text).toBe(file.text);
    });

    it('refuses a link for anyone but the requester, before the file is ready, or once the export expired', async () => {
      const id = await queued(instructor);
      for (const stranger of [admin, otherInstructor, learner]) expect((await link(stranger, id).expect(404)).body.code).toBe('REPORT_EXPORT_NOT_FOUND');
      expect((await link(instructor, id).expect(409)).body).toMatchObject({ code: 'REPORT_EXPORT_NOT_READY', exportStatus: 'queued' });
      // A followed download may start while the worker writes.
      expect((await link(instructor, id, true).expect(201)).body.url).toContain('/download?token=');
      const old = await queued(instructor);
      await ready(old, new Date(Date.now() - 1000));
      expect((await link(instructor, old).expect(410)).body.code).toBe('REPORT_EXPORT_EXPIRED');
    });

    it('refuses a token altered, moved to another export, past its time, or of someone who can no longer sign in: 404 in the asked language', async () => {
      const id = await queued(instructor);
      await ready(id, new Date(Date.now() + 3600_000));
      const other = await queued(instructor);
      await ready(other, new Date(Date.now() + 3600_000));
      const token = tokenOf((await link(instructor, id).expect(201)).body.url);
      const links = app.get(ReportExportLinks);
      const [userId, follow, expires, mac] = token.split('.');
      const late = links.sign(id, { userId: instructor.id, follow: false }, new Date(Date.now() - (EXPORT_LINK_SECONDS + 5) * 1000)).token;
      const someoneElse = `${admin.id}.${follow}.${expires}.${mac}`;
      const longer = `${userId}.${follow}.${Number(expires) + 3600}.${mac}`;
      for (const [url, what] of [
        [`/api/v1/reports/exports/${other}/download?token=${token}`, 'another export'],
        [`/api/v1/reports/exports/${id}/download?token=${late}`, 'past its time'],
        [`/api/v1/reports/exports/${id}/download?token=${someoneElse}`, 'another user'],
        [`/api/v1/reports/exports/${id}/download?token=${longer}`, 'a later expiry'],
      ]) {
        const res = await http().get(url).set('Accept-Language', 'vi');
        expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status: 404, code: 'REPORT_EXPORT_LINK_INVALID' });
        expect(res.body.title).toBe('Liên kết tải xuống này không hợp lệ hoặc đã hết thời gian. Vui lòng bấm Tải xuống lần nữa.');
      }
      expect((await http().get(`/api/v1/reports/exports/${id}/download?token=nonsense`).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await http().get(`/api/v1/reports/exports/${id}/download`).expect(400)).body.code).toBe('VALIDATION_FAILED');
      // The same genuine token stops working once its requester is disabled.
      const blocked = await withRole(await signUp(http), 'admin');
      const mine = await queued(blocked);
      await ready(mine, new Date(Date.now() + 3600_000));
      const url = (await link(blocked, mine).expect(201)).body.url;
      await http().get(url).expect(200);
      await db.query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [blocked.id]);
      expect((await http().get(url).expect(404)).body.code).toBe('REPORT_EXPORT_LINK_INVALID');
    });

    it('keeps the token out of the access log line', () => {
      const line = withoutLinkToken({ url: `/api/v1/reports/exports/x/download?token=abc.def&x=1`, method: 'GET' });
      expect(line).toEqual({ url: '/api/v1/reports/exports/x/download?token=[redacted]&x=1', method: 'GET' });
      expect(withoutLinkToken({ url: '/api/v1/catalog?token=1' }).url).toBe('/api/v1/catalog?token=1');
    });
  });

  it('answers 410 once the link has expired, before and after the hourly sweep marks it', async () => {
    const id = await queued(admin);
    await ready(id, new Date(Date.now() - 1000));
    expect((await get(admin, `/api/v1/reports/exports/${id}`).expect(200)).body).toMatchObject({ status: 'expired', downloadUrl: null });
    expect((await get(admin, `/api/v1/reports/exports/${id}/file`).expect(410)).body).toMatchObject({ code: 'REPORT_EXPORT_EXPIRED', status: 410, title: 'This download link has expired. Please export the report again.' });
    await db.query(`UPDATE report_export SET status = 'expired', storage_key = NULL WHERE id = $1`, [id]);
    expect((await get(admin, `/api/v1/reports/exports/${id}/file`).expect(410)).body.code).toBe('REPORT_EXPORT_EXPIRED');
  });
});
