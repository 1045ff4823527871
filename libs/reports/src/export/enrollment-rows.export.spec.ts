import type { Locale } from '@baanrian/contracts';
import { createTestDatabase, type TestDatabase } from '@baanrian/testing';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Pool, type PoolClient } from 'pg';
import { FORMULA_CORPUS } from './export.fixtures';
import { ENROLLMENT_COLUMN_LABELS } from './export.labels';
import { FORMULA_START } from './export.safety';
import { exportEnrollmentRows } from './enrollment-rows.export';
import { enrollmentCountSql, type EnrollmentRowsQuery } from './enrollment-rows.sql';

/**
 * One row per enrolment, straight out of PostgreSQL: parsed back from CSV (COPY) and XLSX
 * (cursor), compared with the raw table, with hostile and erased people among the learners.
 */
let database: TestDatabase;
let pool: Pool;
let client: PoolClient;
const FY2569: EnrollmentRowsQuery = { from: '2025-10-01', to: '2026-09-30', filters: {} };
let fixture: { courseId: string; otherCourseId: string; instructorId: string; erasedId: string; emails: string[] };

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new Pool({ connectionString: database.url, max: 2 });
  client = await pool.connect();
  fixture = await seed();
});

afterAll(async () => {
  client?.release();
  await pool?.end();
  await database?.drop();
});

async function user(name: string, extra: { province?: string | null; district?: string | null; group?: string; erased?: boolean } = {}): Promise<{ id: string; email: string }> {
  const email = `${randomUUID()}@example.org`;
  const [row] = (
    await client.query(
      `INSERT INTO app_user (email, account_code, display_name, phone, target_group, province, district, erased_at)
       VALUES ($1, $2, $3, '0812345678', $4, $5, $6, CASE WHEN $7 THEN now() END) RETURNING id`,
      [extra.erased ? null : email, `BR-${randomUUID().slice(0, 8)}`, extra.erased ? '' : name, extra.group ?? 'elderly', extra.province ?? null, extra.district ?? null, extra.erased ?? false],
    )
  ).rows;
  return { id: row.id, email };
}

async function course(title: Record<string, string>, ownerId: string | null): Promise<string> {
  const { rows } = await client.query(
    `INSERT INTO course (slug, owner_id, title, summary, language, target_groups, format, status, published_version, published_at)
     VALUES ($1, $2, $3, '{"th": "สรุป"}', 'th', '{elderly}', 'online_class', 'published', 1, now()) RETURNING id`,
    [`c-${randomUUID()}`, ownerId, title],
  );
  return rows[0].id;
}

async function enrol(courseId: string, userId: string, activatedAt: string, extra: { channel?: string; status?: string; startedAt?: string; completedAt?: string } = {}): Promise<void> {
  await client.query(
    `INSERT INTO enrollment (course_id, user_id, status, channel, activated_at, started_at, completed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [courseId, userId, extra.status ?? 'active', extra.channel ?? 'online', activatedAt, extra.startedAt ?? null, extra.completedAt ?? null],
  );
}

async function seed() {
  const instructor = await user('ครูสมชาย');
  const courseId = await course({ th: 'การใช้สมาร์ตโฟนสำหรับผู้สูงอายุ', en: 'Smartphones for seniors' }, instructor.id);
  const otherCourseId = await course({ th: '=HYPERLINK("http://x.example","คลิก")' }, null);
  const emails: string[] = [];
  // Hostile names, one per corpus entry, all in FY 2569.
  for (const [i, name] of FORMULA_CORPUS.entries()) {
    const person = await user(name, { province: i % 2 ? '-เชียงใหม่' : 'เชียงใหม่', district: "O'Brien \\ เมือง" });
    emails.push(person.email);
    await enrol(i % 2 ? courseId : otherCourseId, person.id, `2026-0${(i % 9) + 1}-15T03:00:00Z`, { channel: i % 3 ? 'online' : 'onsite' });
  }
  const somsri = await user('สมศรี ใจดี', { province: 'เชียงใหม่', district: 'เมืองเชียงใหม่', group: 'youth' });
  emails.push(somsri.email);
  // 1 Oct 2025 00:30 in Bangkok is 30 Sep 17:30 UTC: FY 2569. One second before midnight in Bangkok is FY 2568.
  await enrol(courseId, somsri.id, '2025-09-30T17:30:00Z', { status: 'completed', startedAt: '2025-10-02T01:00:00Z', completedAt: '2025-11-20T10:15:00Z' });
  const early = await user('ก่อนปีงบ');
  await enrol(courseId, early.id, '2025-09-30T16:59:59Z');
  const erased = await user('ลบแล้ว', { erased: true, province: 'ลำพูน' });
  await enrol(courseId, erased.id, '2026-02-01T05:00:00Z', { channel: 'onsite' });
  return { courseId, otherCourseId, instructorId: instructor.id, erasedId: erased.id, emails };
}

async function exported(format: 'csv' | 'xlsx', query: EnrollmentRowsQuery, locale: Locale): Promise<{ bytes: Buffer; rows: number; progress: number[] }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const progress: number[] = [];
  const rows = await exportEnrollmentRows(client, query, format, locale, out, { progressEvery: 3, onRows: (n) => void progress.push(n) });
  return { bytes: Buffer.concat(chunks), rows, progress };
}

async function count(query: EnrollmentRowsQuery): Promise<number> {
  return (await client.query(enrollmentCountSql(query))).rows[0].rows;
}

const plainCount = async (sql: string, params: unknown[] = []) => Number((await client.query(sql, params)).rows[0].n);

describe('enrolment rows as CSV (COPY)', () => {
  it('holds every enrolment activated in the fiscal year, in Bangkok days, one row each', async () => {
    const { bytes, rows, progress } = await exported('csv', FY2569, 'th');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table: string[][] = parse(bytes.toString('utf8'), { bom: true });
    expect(table[0]).toEqual(Object.values(ENROLLMENT_COLUMN_LABELS).map((w) => w.th));
    const expected = await plainCount(
      `SELECT count(*) AS n FROM enrollment WHERE (activated_at AT TIME ZONE 'Asia/Bangkok')::date BETWEEN '2025-10-01' AND '2026-09-30'`,
    );
    expect(table.length - 1).toBe(expected);
    expect(rows).toBe(expected);
    expect(await count(FY2569)).toBe(expected);
    expect(progress.at(-1)).toBe(expected);
    const somsri = table.find((r) => r[1] === 'สมศรี ใจดี');
    expect(somsri).toEqual(['การใช้สมาร์ตโฟนสำหรับผู้สูงอายุ', 'สมศรี ใจดี', 'เยาวชน', 'เชียงใหม่', 'เมืองเชียงใหม่', 'ออนไลน์', 'เรียนจบ', '2025-10-01 00:30', '2025-10-02 08:00', '2025-11-20 17:15']);
    expect(table.some((r) => r[1] === 'ก่อนปีงบ')).toBe(false);
  });

  it('names an erased learner "anonymous" and never holds an email, a phone or an account code', async () => {
    const { bytes } = await exported('csv', FY2569, 'en');
    const text = bytes.toString('utf8');
    const table: string[][] = parse(text, { bom: true });
    expect(table.filter((r) => r[1] === 'anonymous')).toEqual([['Smartphones for seniors', 'anonymous', 'Elderly', 'ลำพูน', '', 'On-site', 'Active', '2026-02-01 12:00', '', '']]);
    for (const email of fixture.emails) expect(text).not.toContain(email);
    expect(text).not.toContain('0812345678');
    expect(text).not.toMatch(/BR-/);
  });

  it('neutralises formula-like names, titles and areas in SQL', async () => {
    const table: string[][] = parse((await exported('csv', FY2569, 'th')).bytes.toString('utf8'), { bom: true });
    expect(table.flat().filter((cell) => FORMULA_START.test(cell))).toEqual([]);
    const names = table.map((r) => r[1]);
    for (const name of FORMULA_CORPUS) expect(names).toContain(`'${name}`);
    expect(table.map((r) => r[0])).toContain(`'=HYPERLINK("http://x.example","คลิก")`);
    expect(table.map((r) => r[3])).toContain(`'-เชียงใหม่`);
  });

  it('applies filters, quoting text values safely', async () => {
    const district = { ...FY2569, filters: { district: "O'Brien \\ เมือง", province: '-เชียงใหม่' } };
    expect(await count(district)).toBe(FORMULA_CORPUS.length / 2);
    expect((await exported('csv', district, 'th')).rows).toBe(FORMULA_CORPUS.length / 2);
    const taught = { ...FY2569, filters: { instructorId: fixture.instructorId } };
    expect((await exported('csv', taught, 'th')).rows).toBe(await plainCount(`SELECT count(*) AS n FROM enrollment e WHERE e.course_id = $1 AND e.activated_at >= '2025-09-30T17:00:00Z'`, [fixture.courseId]));
    const onsiteYouth = { ...FY2569, filters: { format: 'onsite' as const, targetGroups: ['youth' as const] } };
    expect((await exported('csv', onsiteYouth, 'th')).rows).toBe(0);
    expect(() => enrollmentCountSql({ ...FY2569, filters: { courseIds: ["x' OR '1'='1"] } })).toThrow(/invalid course id/);
  });

  it('counts exactly the rows it exports, whichever joins the count leaves out', async () => {
    for (const query of [FY2569, { ...FY2569, filters: { instructorId: fixture.instructorId } }, { ...FY2569, filters: { province: '-เชียงใหม่' } }, { ...FY2569, filters: { format: 'online' as const } }]) {
      expect({ filters: query.filters, rows: await count(query) }).toEqual({ filters: query.filters, rows: (await exported('csv', query, 'th')).rows });
    }
    expect(enrollmentCountSql(FY2569)).not.toMatch(/JOIN/);
  });
});

describe('enrolment rows as XLSX (cursor)', () => {
  it('has the same rows as the CSV, with times as dates and text neutralised', async () => {
    const csv: string[][] = parse((await exported('csv', FY2569, 'vi')).bytes.toString('utf8'), { bom: true });
    const { bytes, rows } = await exported('xlsx', FY2569, 'vi');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(book.worksheets.map((s) => s.name)).toEqual(['Ghi danh']);
    expect(sheet.rowCount - 1).toBe(rows);
    expect(rows).toBe(csv.length - 1);
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(csv[0]);
    for (let n = 2; n <= sheet.rowCount; n++) {
      const cells = values(n);
      const asText = Array.from(cells, (v) => (v instanceof Date ? v.toISOString().slice(0, 16).replace('T', ' ') : ((v as string | undefined) ?? '').replace(/\n/g, '\r')));
      expect(asText.concat(Array(10 - asText.length).fill(''))).toEqual(csv[n - 1]);
      expect(cells[7]).toBeInstanceOf(Date);
    }
  });
});
