import { FORMULA_CORPUS, rebuildRollups } from '@baanrian/reports';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Response } from 'supertest';
import { bearer } from './accounts-helpers';
import { useTestApi } from './api-app';
import { addModule, addTextLesson, createCourse, type Person, publish, setupPeople } from './courses-helpers';
import { addQuestion, addQuiz, closedAttempt } from './quizzes-helpers';

/**
 * Formula injection ("CSV injection") in every file the API exports for a spreadsheet, one table
 * of exports: the gradebook CSV, the report as CSV, XLSX and PDF, and the enrolment rows as CSV
 * and XLSX. People type course titles, display names, provinces, districts and quiz titles; here
 * each of them starts with `=`, `+`, `-`, `@`, a tab or a carriage return (and a Thai name starts
 * with `=`). Each file is produced through the API, parsed back (csv-parse, exceljs, pdftotext),
 * and every such cell must come back with the project's rule applied (a leading apostrophe,
 * `neutralise` in libs/reports), while a negative number in a numeric column stays a number.
 *
 * Not spreadsheet files, so out of this table: the personal data download (JSON), the GIFT question
 * export (Moodle's text format, where an apostrophe would change the question), the sessions
 * calendar (ICS) and the credential documents (JSON-LD, JWT).
 */
const api = useTestApi();
const http = api.http;
const work = mkdtempSync(path.join(tmpdir(), 'export-injection-'));

/** What people could type: the shared corpus, a Thai name starting with `=`, and Thai after `@`, `+` and `-`. */
const HOSTILE = [...FORMULA_CORPUS, '=สมชาย ใจดี', '@ครูเอ ใจงาม', '+66 81 234 5678', '-ผู้เรียน ลำพูน'];
/** The instructor's display name, shown in the report's instructor breakdown. */
const INSTRUCTOR_NAME = '=สมชาย ใจดี';
const QUIZ_TITLE = '=1+1 แบบทดสอบท้ายบท';
/** A recorded reach correction: the API refuses negatives, so it is in the data as an older import left it. */
const NEGATIVE_REACH = -250;
const NEGATIVE_PERCENT = -12.5;
/** What a spreadsheet could run: the project's rule, plus a leading LF (XLSX's XML reads a CR back as LF). */
const RUNNABLE = /^[=+\-@\t\r\n]/;

let admin: Person;
let instructor: Person;
let gradebookCourse: string;

const sql = (query: string, params: unknown[] = []) => api.db().query(query, params);

beforeAll(async () => {
  const people = await setupPeople(http);
  admin = people.admin;
  instructor = await people.instructor();
  await http().patch('/api/v1/me').set(bearer(instructor.token)).send({ displayName: INSTRUCTOR_NAME }).expect(200);

  // One published course per hostile title, and one learner per hostile name, province and district,
  // written through the studio and profile APIs. Those APIs trim text, so a leading tab or CR can
  // only come from older or imported data: it is written in SQL after the API call.
  const courses: string[] = [];
  for (const title of HOSTILE) {
    const course = await createCourse(http, instructor.token, { title: { th: title } });
    const moduleId = await addModule(http, instructor.token, course.id);
    await addTextLesson(http, instructor.token, moduleId);
    await publish(http, instructor.token, course.id);
    await sql(`UPDATE course SET title = jsonb_set(title, '{th}', to_jsonb($2::text)) WHERE id = $1 AND title->>'th' <> $2`, [course.id, title]);
    courses.push(course.id);
  }
  gradebookCourse = courses[0];
  const learners: string[] = [];
  for (const [i, name] of HOSTILE.entries()) {
    const learner = await people.learner();
    const profile = { displayName: name, province: HOSTILE[(i + 1) % HOSTILE.length], district: HOSTILE[(i + 2) % HOSTILE.length] };
    await http().patch('/api/v1/me').set(bearer(learner.token)).send(profile).expect(200);
    await sql(`UPDATE app_user SET display_name = $2, province = $3, district = $4 WHERE id = $1`, [learner.id, profile.displayName, profile.province, profile.district]);
    learners.push(learner.id);
  }
  const stored: { display_name: string }[] = await sql(`SELECT display_name FROM app_user WHERE id = ANY($1::uuid[])`, [learners]);
  expect(stored.map((u) => u.display_name).sort()).toEqual([...HOSTILE].sort());

  // Learner i holds a seat in course i and in the gradebook's course, in FY 2569 (March 2026, Bangkok).
  const enrolments: Record<string, string> = {};
  for (const [i, userId] of learners.entries()) {
    for (const courseId of new Set([courses[i], gradebookCourse])) {
      const [row] = await sql(`INSERT INTO enrollment (course_id, user_id, status, channel, source, activated_at) VALUES ($1, $2, 'active', 'online', 'self', $3) RETURNING id`, [
        courseId,
        userId,
        `2026-03-${String(i + 2).padStart(2, '0')}T03:00:00Z`,
      ]);
      if (courseId === gradebookCourse) enrolments[userId] = row.id;
    }
  }

  // A quiz with a hostile title; the first learner's grade is negative, the second's ordinary.
  const question = await addQuestion(http, instructor.token, gradebookCourse);
  const quiz = await addQuiz(http, instructor.token, gradebookCourse, { title: QUIZ_TITLE, questionIds: [question.id], gradingMethod: 'highest', passingPercent: 60, attemptsAllowed: null });
  const stem = { quizId: quiz.id, number: 1, questionIds: [question.id] };
  await closedAttempt(api.db(), { ...stem, userId: learners[0], enrollmentId: enrolments[learners[0]], percent: NEGATIVE_PERCENT });
  await closedAttempt(api.db(), { ...stem, userId: learners[1], enrollmentId: enrolments[learners[1]], percent: 80 });

  const refused = await http()
    .post('/api/v1/reports/reach-campaigns')
    .set(bearer(admin.token))
    .send({ channel: 'facebook', startsOn: '2026-03-01', endsOn: '2026-03-31', programme: 'บ้านเรียน', reach: NEGATIVE_REACH })
    .expect(400);
  expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['reach']);
  await sql(`INSERT INTO reach_campaign (channel, starts_on, ends_on, programme, reach) VALUES ('radio', '2026-03-01', '2026-03-31', 'บ้านเรียน', $1)`, [NEGATIVE_REACH]);
  await rebuildRollups(api.db().manager);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const binary = (res: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

async function exported(body: object): Promise<Buffer> {
  const res = await http().post('/api/v1/reports/exports').set(bearer(admin.token)).set('Accept-Language', 'en').send(body).buffer(true).parse(binary);
  if (res.status !== 200) throw new Error(`export ${JSON.stringify(body)}: ${res.status} ${res.body.toString()}`);
  return res.body as Buffer;
}

type Cell = string | number | Date | null;

/** A CSV cell that is a plain number is a number to a spreadsheet (and to this check); the rest is text. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const csvCells = (file: Buffer): Cell[][] =>
  (parse(file.toString('utf8'), { bom: true, relax_column_count: true }) as string[][]).map((row) => row.map((cell) => (PLAIN_NUMBER.test(cell) ? Number(cell) : cell)));

/** Every cell of every sheet; a formula cell comes back as `=formula` so it fails the check. */
async function xlsxCells(file: Buffer): Promise<Cell[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  return book.worksheets.flatMap((sheet) =>
    (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((row) =>
      row.slice(1).map((value): Cell => {
        if (value && typeof value === 'object' && !(value instanceof Date)) {
          const v = value as { formula?: string; sharedFormula?: string; richText?: { text: string }[] };
          if (v.formula ?? v.sharedFormula) return `=${v.formula ?? v.sharedFormula}`;
          if (v.richText) return v.richText.map((part) => part.text).join('');
          return JSON.stringify(value);
        }
        return (value ?? null) as Cell;
      }),
    ),
  );
}

/** The PDF's text, one line a cell row (pdftotext -raw keeps drawing order). */
function pdfLines(file: Buffer): string[] {
  const target = path.join(work, `${Date.now()}.pdf`);
  writeFileSync(target, file);
  return execFileSync('pdftotext', ['-raw', target, '-'], { encoding: 'utf8' }).split('\n');
}

interface ExportCase {
  name: string;
  /** Produces the file through the API and returns its cells. */
  cells: () => Promise<Cell[][]>;
  /** The hostile values this file holds as text (each must come back with an apostrophe in front). */
  holds: string[];
  /** A negative number that must stay a number, found by the row's label (first cell) or anywhere. */
  negative?: { row: (cells: Cell[]) => boolean; value: number };
}

const REPORT = { kind: 'report', period: 'fy:2569', breakdowns: ['course', 'instructor', 'province', 'district'], measures: ['enrollments', 'reach_recorded'] };
const ENROLMENTS = { kind: 'enrollments', period: 'fy:2569' };
/** The recorded reach total: the CSV's "Total" row, the XLSX totals sheet's "Reach (recorded)" row (files in English). */
const totalRow = (cells: Cell[]) => cells[0] === 'Total' || cells[0] === 'Reach (recorded)';
const REPORT_HOLDS = [...HOSTILE];

const EXPORTS: ExportCase[] = [
  {
    name: 'gradebook CSV',
    cells: async () => {
      const res = await http().get(`/api/v1/studio/courses/${gradebookCourse}/gradebook.csv`).set(bearer(instructor.token)).buffer(true).parse(binary).expect(200);
      return csvCells(res.body as Buffer);
    },
    holds: [...HOSTILE, `${QUIZ_TITLE} (%)`],
    negative: { row: (cells) => cells[0] === `'${HOSTILE[0]}`, value: NEGATIVE_PERCENT },
  },
  { name: 'report CSV', cells: async () => csvCells(await exported({ ...REPORT, format: 'csv' })), holds: REPORT_HOLDS, negative: { row: totalRow, value: NEGATIVE_REACH } },
  { name: 'report XLSX', cells: async () => xlsxCells(await exported({ ...REPORT, format: 'xlsx' })), holds: REPORT_HOLDS, negative: { row: totalRow, value: NEGATIVE_REACH } },
  { name: 'enrolment rows CSV', cells: async () => csvCells(await exported({ ...ENROLMENTS, format: 'csv' })), holds: HOSTILE },
  { name: 'enrolment rows XLSX', cells: async () => xlsxCells(await exported({ ...ENROLMENTS, format: 'xlsx' })), holds: HOSTILE },
];

/** XLSX is XML: a CR in a cell is read back as LF. */
const asRead = (name: string, text: string) => (name.endsWith('XLSX') ? text.replace(/\r/g, '\n') : text);

describe.each(EXPORTS)('$name', ({ name, cells, holds, negative }) => {
  let rows: Cell[][];
  beforeAll(async () => {
    rows = await cells();
  });

  it('has no text cell a spreadsheet would run', () => {
    const texts = rows.flat().filter((cell): cell is string => typeof cell === 'string');
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.filter((cell) => RUNNABLE.test(cell))).toEqual([]);
  });

  it('keeps each hostile value whole, as text behind an apostrophe', () => {
    const texts = new Set(rows.flat().filter((cell): cell is string => typeof cell === 'string'));
    const missing = holds.map((value) => asRead(name, `'${value}`)).filter((cell) => !texts.has(cell));
    expect(missing).toEqual([]);
  });

  if (negative) {
    it('leaves a negative number in a numeric column a number', () => {
      const row = rows.find(negative.row);
      expect(row).toBeDefined();
      // CSV: plain digits, which a spreadsheet reads as a number; XLSX: a typed number.
      expect((row as Cell[]).filter((cell) => cell === negative.value)).toHaveLength(1);
      expect((row as Cell[]).filter((cell) => typeof cell === 'string' && cell.includes(String(negative.value)))).toEqual([]);
    });
  }
});

describe('report PDF', () => {
  let lines: string[];
  beforeAll(async () => {
    lines = pdfLines(await exported({ ...REPORT, format: 'pdf' }));
  });

  it('prints each hostile value that fits a line behind an apostrophe, and never bare', () => {
    // Tabs and CRs are drawn as spaces; the printable starts are checked.
    const printable = HOSTILE.filter((value) => !/^[\t\r]/.test(value));
    const text = lines.join('\n');
    for (const value of printable) expect(text).toContain(`'${value.slice(0, 12)}`);
    const bare = lines.filter((line) => printable.some((value) => line.trim().startsWith(value.slice(0, 12))));
    expect(bare).toEqual([]);
  });

  it('prints the negative recorded reach as a number', () => {
    const text = lines.join(' ');
    expect(text).toMatch(/-250(?!\d)/);
    expect(text).not.toContain(`'${NEGATIVE_REACH}`);
  });
});
