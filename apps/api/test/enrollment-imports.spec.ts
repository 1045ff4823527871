import ExcelJS from 'exceljs';
import { bearer } from './accounts-helpers';
import { setupPeople, type Person } from './courses-helpers';
import { insertLearners, outboxEvents, publishedCourse, useEnrollmentApi } from './enrollments-helpers';

const api = useEnrollmentApi(10);
const http = api.http;
let people: Awaited<ReturnType<typeof setupPeople>>;
let teacher: Person;

beforeAll(async () => {
  people = await setupPeople(http);
  teacher = await people.instructor();
});

const upload = (courseId: string, bytes: Buffer, name = 'learners.csv', lang = 'en') =>
  http()
    .post(`/api/v1/studio/courses/${courseId}/enrollment-imports`)
    .set(bearer(teacher.token))
    .set('Content-Type', name.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv')
    .set('X-Filename', encodeURIComponent(name))
    .set('Accept-Language', lang)
    .send(bytes);
const confirm = (importId: string) => http().post(`/api/v1/studio/enrollment-imports/${importId}/confirm`).set(bearer(teacher.token));
const enrolled = async (courseId: string) => Number((await api.db().query(`SELECT count(*) AS n FROM enrollment WHERE course_id = $1`, [courseId]))[0].n);

describe('bulk enrolment files', () => {
  it('reports each bad line, imports nothing before the uploader confirms, then enrols the good rows at once', async () => {
    const course = await publishedCourse(http, teacher.token, { capacity: 3, format: 'blended' });
    const [a, b, c, d] = await insertLearners(api.db(), 4, 'csv');
    const csv = [
      'Email,Account_Code,Channel',
      `${a.email},,online`, // 2: accepted
      'nobody@example.org,,', // 3: unknown account
      `${a.email.toUpperCase()},,`, // 4: duplicate of line 2
      ',,onsite', // 5: missing identifier
      `${b.email},,by-post`, // 6: invalid channel
      `,${c.account_code.toLowerCase()},onsite`, // 7: accepted by account code
      `${d.email},,`, // 8: accepted
      `"${b.email}",,online,extra`, // 9: a cell outside the columns
    ].join('\r\n');
    const preview = await upload(course.id, Buffer.from(`\uFEFF${csv}\r\n`), 'ห้อง ม.1.csv').expect(201);
    expect(preview.body).toMatchObject({ status: 'preview', fileName: 'ห้อง ม.1.csv', totalRows: 8, accepted: 3, result: null });
    expect(preview.body.rejected.map((r: { line: number; reason: string }) => [r.line, r.reason])).toEqual([
      [3, 'UNKNOWN_ACCOUNT'],
      [4, 'DUPLICATE_ROW'],
      [5, 'MISSING_IDENTIFIER'],
      [6, 'INVALID_CHANNEL'],
      [9, 'UNKNOWN_COLUMNS'],
    ]);
    expect(preview.body.rejected[0]).toMatchObject({ identifier: 'nobody@example.org', message: 'No account has this email address or account code' });
    expect(preview.body.acceptedPreview.map((r: { line: number; userId: string; channel: string }) => [r.line, r.userId, r.channel])).toEqual([
      [2, a.id, 'online'],
      [7, c.id, 'onsite'],
      [8, d.id, 'online'],
    ]);
    expect(await enrolled(course.id)).toBe(0);

    // Someone enrols on their own between preview and confirm: counted as already enrolled, seats respected.
    await http().post(`/api/v1/studio/courses/${course.id}/enrollments`).set(bearer(teacher.token)).send({ identifier: d.email }).expect(201);
    const result = await confirm(preview.body.id).expect(200);
    expect(result.body).toEqual({ enrolled: 2, waitlisted: 0, alreadyEnrolled: 1 });
    const rows = await api.db().query(`SELECT user_id, status, channel, source FROM enrollment WHERE course_id = $1 ORDER BY user_id`, [course.id]);
    expect(rows).toEqual(
      [
        { user_id: a.id, status: 'active', channel: 'online', source: 'bulk' },
        { user_id: c.id, status: 'active', channel: 'onsite', source: 'bulk' },
        { user_id: d.id, status: 'active', channel: 'online', source: 'bulk' },
      ].sort((x, y) => x.user_id.localeCompare(y.user_id)),
    );
    expect((await outboxEvents(api.db(), 'enrollment.created', course.id)).length).toBe(3);
    // Confirming twice changes nothing and answers the same.
    expect((await confirm(preview.body.id).expect(200)).body).toEqual(result.body);
    expect(await enrolled(course.id)).toBe(3);
  });

  it('reports Thai saved in a non-UTF-8 encoding (TIS-620/Latin-1) by line, and a file with wrong columns as a whole', async () => {
    const course = await publishedCourse(http, teacher.token);
    const [a] = await insertLearners(api.db(), 1, 'enc');
    const tis620Thai = Buffer.from([0xca, 0xc1, 0xc8, 0xc3, 0xd5]); // "สมศรี" in TIS-620
    const latin1 = Buffer.from('José,\n', 'latin1');
    const bytes = Buffer.concat([Buffer.from(`email,channel\n${a.email},online\n`), tis620Thai, Buffer.from('@example.org,online\n'), latin1]);
    const preview = await upload(course.id, bytes, 'latin1.csv', 'th').expect(201);
    expect(preview.body.rejected.map((r: { line: number; reason: string }) => [r.line, r.reason])).toEqual([
      [3, 'INVALID_ENCODING'],
      [4, 'INVALID_ENCODING'],
    ]);
    expect(preview.body.rejected[0].message).toContain('UTF-8');
    expect(preview.body.accepted).toBe(1);

    const wrong = await upload(course.id, Buffer.from(`name,phone\nสมศรี,0812345678\n`)).expect(201);
    expect(wrong.body).toMatchObject({ accepted: 0, rejected: [{ line: 1, reason: 'UNKNOWN_COLUMNS', identifier: 'name, phone' }] });
    expect((await confirm(wrong.body.id).expect(200)).body).toEqual({ enrolled: 0, waitlisted: 0, alreadyEnrolled: 0 });
    expect(await enrolled(course.id)).toBe(0);
  });

  it('reads XLSX (built with exceljs), fills the seats in line order and waitlists the rest', async () => {
    const course = await publishedCourse(http, teacher.token, { capacity: 2 });
    const learners = await insertLearners(api.db(), 3, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('นักเรียน');
    sheet.addRow(['account_code', 'email']);
    learners.forEach((l, i) => sheet.addRow(i === 1 ? ['', { text: l.email, hyperlink: `mailto:${l.email}` }] : [l.account_code, '']));
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await upload(course.id, bytes, 'class.xlsx').expect(201);
    expect(preview.body).toMatchObject({ totalRows: 3, accepted: 3, rejected: [] });
    expect((await confirm(preview.body.id).expect(200)).body).toEqual({ enrolled: 2, waitlisted: 1, alreadyEnrolled: 0 });
    const rows = await api.db().query(`SELECT user_id, status FROM enrollment WHERE course_id = $1`, [course.id]);
    expect(Object.fromEntries(rows.map((r: { user_id: string; status: string }) => [r.user_id, r.status]))).toEqual({
      [learners[0].id]: 'active',
      [learners[1].id]: 'active',
      [learners[2].id]: 'waitlisted',
    });
    const [seat] = await api.db().query(`SELECT taken, waitlisted FROM course_seat WHERE course_id = $1`, [course.id]);
    expect(seat).toEqual({ taken: 2, waitlisted: 1 });
  });

  it('an expired preview cannot be confirmed; another instructor cannot see or confirm it', async () => {
    const course = await publishedCourse(http, teacher.token);
    const [a] = await insertLearners(api.db(), 1, 'exp');
    const preview = await upload(course.id, Buffer.from(`email\n${a.email}\n`)).expect(201);
    const other = await people.instructor();
    await http().post(`/api/v1/studio/enrollment-imports/${preview.body.id}/confirm`).set(bearer(other.token)).expect(403);
    await api.db().query(`UPDATE enrollment_import SET expires_at = now() - interval '1 minute' WHERE id = $1`, [preview.body.id]);
    expect((await confirm(preview.body.id).expect(410)).body.code).toBe('ENROLLMENT_IMPORT_EXPIRED');
    expect(await enrolled(course.id)).toBe(0);
  });
});
