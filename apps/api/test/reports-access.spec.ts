import { randomUUID } from 'node:crypto';
import { LOCALES } from '@baanrian/contracts';
import { bearer } from './accounts-helpers';
import { useTestApi } from './api-app';
import { checkReport, type CheckContext } from './reports-check';
import { buildReportWorld, type ReportWorld } from './reports-fixture';
import { PROBLEM_TITLES } from '../src/problem/problem.messages';
import { REPORTS_ERROR_STATUS } from '../src/reports/reports.exception';

/*
 * Who sees which report (administrators everything, instructors their own courses, learners
 * nothing), the 400s for bad input, recorded campaigns' validation, and the builder's options.
 */

let world: ReportWorld;
const api = useTestApi();
const http = api.http;
let ctx: CheckContext;

beforeAll(async () => {
  world = await buildReportWorld(http, api.db(), 77);
  ctx = { http, db: api.db(), taughtBy: world.taughtBy, allCourses: Object.values(world.courses) };
}, 60_000);

const get = (token: string, query: Record<string, string>, language = 'en') => http().get('/api/v1/reports').query(query).set(bearer(token)).set('Accept-Language', language);

describe('report problem codes', () => {
  it.each(Object.keys(REPORTS_ERROR_STATUS))('%s has a title in Thai, English and Vietnamese', (code) => {
    for (const locale of LOCALES) expect(PROBLEM_TITLES[code]?.[locale]).toMatch(/\S/);
  });
});

describe('scope', () => {
  it('an instructor sees exactly their own and co-taught courses (an unaccepted invitation gives nothing)', async () => {
    const b = world.instructorB;
    const report = await checkReport(ctx, b.accessToken, { period: 'fy:2569', breakdowns: 'course,instructor,month,target_group', measures: 'classes_online,classes_onsite,enrollments,learners,participants,certificates,reach_measured,reach_recorded' }, { courseIds: world.taughtBy[b.id] });
    const courses = report.breakdowns[0].rows.map((r) => r.key);
    expect(courses.every((id) => world.taughtBy[b.id].includes(id))).toBe(true);
    expect(courses).not.toContain(world.courses.c6);
    await checkReport(ctx, world.instructorA.accessToken, { period: 'fy:2568', preset: 'fiscal_year_summary' }, { courseIds: world.taughtBy[world.instructorA.id] });
    await checkReport(ctx, world.instructorA.accessToken, { period: 'cy:2025', preset: 'online_vs_onsite', instructorId: world.instructorA.id }, { courseIds: world.taughtBy[world.instructorA.id] });
    await checkReport(ctx, world.instructorA.accessToken, { period: 'fy:2569', preset: 'course_detail', courseIds: world.courses.c5 }, { courseIds: [world.courses.c5] });
  });

  it("an instructor asking for another instructor's report or a course they do not teach gets 403", async () => {
    const a = world.instructorA.accessToken;
    const queries: Record<string, string>[] = [{ instructorId: world.instructorB.id }, { courseIds: world.courses.c3 }, { courseIds: `${world.courses.c0},${world.courses.c9}` }, { instructorId: randomUUID() }];
    for (const query of queries) {
      const res = await get(a, { period: 'fy:2569', ...query }).expect(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'REPORT_OUT_OF_SCOPE', title: 'You can only see reports on the courses you teach' });
    }
    expect((await get(a, { period: 'fy:2569', courseIds: world.courses.c3 }, 'th').expect(403)).body.title).toBe('คุณดูรายงานได้เฉพาะรายวิชาที่คุณสอน');
  });

  it('learners get 403 on every report endpoint; instructors on plans and recorded reach', async () => {
    const learner = world.learner.accessToken;
    const instructor = world.instructorA.accessToken;
    expect((await get(learner, { period: 'fy:2569' }).expect(403)).body.code).toBe('FORBIDDEN');
    await http().get('/api/v1/reports/options').set(bearer(learner)).expect(403);
    for (const token of [learner, instructor]) {
      await http().get('/api/v1/reports/plans').query({ fiscalYear: 2569 }).set(bearer(token)).expect(403);
      await http().put('/api/v1/reports/plans').set(bearer(token)).send({ fiscalYear: 2569, targets: [] }).expect(403);
      await http().get('/api/v1/reports/reach-campaigns').set(bearer(token)).expect(403);
      await http().post('/api/v1/reports/reach-campaigns').set(bearer(token)).send({ channel: 'line', startsOn: '2026-01-01', endsOn: '2026-01-02', reach: 1 }).expect(403);
    }
    await http().get('/api/v1/reports').query({ period: 'fy:2569' }).expect(401);
  });

  it('options list what the caller can report on', async () => {
    const admin = (await http().get('/api/v1/reports/options').set(bearer(world.admin.accessToken)).set('Accept-Language', 'en').expect(200)).body;
    expect(admin.fiscalYears).toEqual(expect.arrayContaining([2569, 2568]));
    expect(admin.fiscalYears).toEqual([...admin.fiscalYears].sort((x: number, y: number) => y - x));
    expect(admin.provinces).toEqual(expect.arrayContaining(['เชียงใหม่', 'ลำพูน']));
    expect(admin.districts).toEqual(expect.arrayContaining([{ province: 'ลำพูน', district: 'ป่าซาง' }]));
    const published = Object.entries(world.courses).filter(([name]) => name !== 'c8');
    expect(admin.courses.map((c: { id: string }) => c.id).sort()).toEqual(published.map(([, id]) => id).sort());
    expect(admin.courses).toEqual(expect.arrayContaining([{ id: world.courses.c2, title: 'Lanna weaving' }]));
    expect(admin.instructors.map((i: { id: string }) => i.id).sort()).toEqual([world.instructorA.id, world.instructorB.id].sort());

    const b = (await http().get('/api/v1/reports/options').set(bearer(world.instructorB.accessToken)).expect(200)).body;
    expect(b.courses.map((c: { id: string }) => c.id).sort()).toEqual(['c3', 'c4', 'c5', 'c7'].map((n) => world.courses[n]).sort());
    expect(b.instructors).toEqual([{ id: world.instructorB.id, name: 'Teacher Bee' }]);
  });
});

describe('bad input answers 400 problems, never 500', () => {
  it.each([
    ['fy:25', 'REPORT_PERIOD_INVALID'],
    ['month:2026-13', 'REPORT_PERIOD_INVALID'],
    ['range:2026-02-30..2026-03-01', 'REPORT_PERIOD_INVALID'],
    ['range:2026-03-01..2026-02-01', 'REPORT_PERIOD_ORDER'],
    ['range:2000-01-01..2026-01-01', 'REPORT_PERIOD_TOO_LONG'],
  ])('period %s → %s', async (period, code) => {
    const res = await get(world.admin.accessToken, { period }).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe(code);
  });

  it('unknown preset, dimension or measure, in the caller language', async () => {
    const admin = world.admin.accessToken;
    expect((await get(admin, { period: 'fy:2569', breakdowns: 'month,colour' }).expect(400)).body).toMatchObject({ code: 'REPORT_DIMENSION_UNKNOWN', title: 'Unknown breakdown "colour"' });
    expect((await get(admin, { period: 'fy:2569', measures: 'smiles' }, 'vi').expect(400)).body).toMatchObject({ code: 'REPORT_MEASURE_UNKNOWN', title: 'Không rõ chỉ số "smiles"' });
    expect((await get(admin, { period: 'fy:2569', preset: 'yearly' }, 'th').expect(400)).body).toMatchObject({ code: 'REPORT_PRESET_UNKNOWN', title: 'ไม่รู้จักรูปแบบรายงาน "yearly"' });
  });

  it('bad filters and unknown parameters are field errors', async () => {
    const admin = world.admin.accessToken;
    const queries: Record<string, string>[] = [{ targetGroups: 'youth,martians' }, { courseIds: 'not-a-uuid' }, { format: 'hybrid' }, { instructorId: '42' }, { colour: 'red' }];
    for (const query of queries) {
      const res = await get(admin, { period: 'fy:2569', ...query }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors[0].field).toBe(Object.keys(query)[0]);
    }
    expect((await get(admin, {}).expect(400)).body.errors[0].field).toBe('period');
  });

  it('a missing rollup row, an unknown course or an empty scope still answers zeros', async () => {
    const res = await get(world.admin.accessToken, { period: 'fy:2569', courseIds: randomUUID(), breakdowns: 'course,instructor', measures: 'enrollments,learners,reach_measured,classes_online' }).expect(200);
    expect(Object.values(res.body.totals).map((v) => (v as { actual: number }).actual)).toEqual([0, 0, 0, 0]);
    expect(res.body.breakdowns.map((b: { rows: unknown[] }) => b.rows)).toEqual([[], []]);
  });
});

describe('recorded reach campaigns', () => {
  const admin = () => bearer(world.admin.accessToken);
  const valid = () => ({ channel: 'facebook', startsOn: '2026-01-05', endsOn: '2026-01-31', courseId: world.courses.c2, impressions: 9000, reach: 4321, note: 'Boosted post' });

  it('are created, listed by period, corrected and deleted', async () => {
    const created = await http().post('/api/v1/reports/reach-campaigns').set(admin()).set('Accept-Language', 'en').send(valid()).expect(201);
    expect(created.body).toMatchObject({ ...valid(), courseTitle: 'Lanna weaving', programme: null });
    const id = created.body.id as string;
    const inPeriod = await http().get('/api/v1/reports/reach-campaigns').query({ period: 'fy:2569:q2' }).set(admin()).expect(200);
    expect(inPeriod.body.map((c: { id: string }) => c.id)).toContain(id);
    const outside = await http().get('/api/v1/reports/reach-campaigns').query({ period: 'fy:2569:q1' }).set(admin()).expect(200);
    expect(outside.body.map((c: { id: string }) => c.id)).not.toContain(id);

    const patched = await http().patch(`/api/v1/reports/reach-campaigns/${id}`).set(admin()).send({ reach: 5000, courseId: null, programme: 'บ้านเรียน' }).expect(200);
    expect(patched.body).toMatchObject({ reach: 5000, courseId: null, courseTitle: null, programme: 'บ้านเรียน', impressions: 9000, channel: 'facebook' });
    const report = await get(world.admin.accessToken, { period: 'month:2026-01', measures: 'reach_recorded' }).expect(200);
    const [expected]: { n: number }[] = await api.db().query(`SELECT sum(reach)::int AS n FROM reach_campaign WHERE starts_on BETWEEN '2026-01-01' AND '2026-01-31'`);
    expect(report.body.totals.reach_recorded.actual).toBe(expected.n);

    await http().delete(`/api/v1/reports/reach-campaigns/${id}`).set(admin()).expect(204);
    await http().delete(`/api/v1/reports/reach-campaigns/${id}`).set(admin()).expect(404);
    expect((await http().patch(`/api/v1/reports/reach-campaigns/${id}`).set(admin()).send({ reach: 1 }).expect(404)).body.code).toBe('REACH_CAMPAIGN_NOT_FOUND');
  });

  it.each([
    ['negative reach', { reach: -1 }, 'reach'],
    ['the end before the start', { startsOn: '2026-02-01', endsOn: '2026-01-31' }, 'endsOn'],
    ['an unknown channel', { channel: 'myspace' }, 'channel'],
    ['a day that does not exist', { startsOn: '2026-02-30' }, 'startsOn'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('refuse %s', async (_name, change, field) => {
    const res = await http().post('/api/v1/reports/reach-campaigns').set(admin()).set('Accept-Language', 'th').send({ ...valid(), ...change }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuse a course that does not exist, and an update that puts the end before the start', async () => {
    expect((await http().post('/api/v1/reports/reach-campaigns').set(admin()).send({ ...valid(), courseId: randomUUID() }).expect(422)).body.code).toBe('REACH_CAMPAIGN_COURSE_NOT_FOUND');
    const created = await http().post('/api/v1/reports/reach-campaigns').set(admin()).send(valid()).expect(201);
    const res = await http().patch(`/api/v1/reports/reach-campaigns/${created.body.id}`).set(admin()).set('Accept-Language', 'th').send({ endsOn: '2026-01-01' }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'endsOn', message: 'ต้องไม่ก่อนวันเริ่ม' }]);
  });
});
