import { randomUUID } from 'node:crypto';
import { PRESET_LAYOUTS, REPORT_DIMENSIONS, REPORT_MEASURES, REPORT_PRESETS, type ReportMeasure, type ReportResult } from '@baanrian/contracts';
import { recomputeCourses, recomputeLearners } from '@baanrian/reports';
import { bearer } from './accounts-helpers';
import { useTestApi } from './api-app';
import { checkReport, type CheckContext } from './reports-check';
import type { Slice } from './reports-oracle';
import { BOUNDARY, buildReportWorld, type ReportWorld } from './reports-fixture';

/*
 * Participation reports on generated data: every number the API gives (totals and every
 * breakdown row, in every preset and period kind) equals a plain SQL count over the raw tables;
 * fiscal years split at midnight in Bangkok; plans, reach sources, empty periods and labels.
 */

let world: ReportWorld;
const api = useTestApi();
const http = api.http;
let ctx: CheckContext;

beforeAll(async () => {
  world = await buildReportWorld(http, api.db());
  ctx = { http, db: api.db(), taughtBy: world.taughtBy, allCourses: Object.values(world.courses) };
}, 60_000);

const admin = () => world.admin.accessToken;
/** A measure's total actual (0 when the report does not show it). */
const actual = (r: ReportResult, m: ReportMeasure) => r.totals[m]?.actual ?? 0;
const rowsOf = (r: ReportResult, dimension: string) => r.breakdowns.find((b) => b.dimension === dimension)?.rows ?? [];
const report = async (query: Record<string, string>, language = 'th'): Promise<ReportResult> =>
  (await http().get('/api/v1/reports').query(query).set(bearer(admin())).set('Accept-Language', language).expect(200)).body;

describe('every measure equals the raw tables', () => {
  it.each(REPORT_PRESETS.flatMap((preset) => ['fy:2568', 'fy:2569'].map((period) => [preset, period])))('preset %s, %s: totals and every breakdown row', async (preset, period) => {
    const result = await checkReport(ctx, admin(), { period, preset });
    expect(result.measures).toEqual(PRESET_LAYOUTS[preset as keyof typeof PRESET_LAYOUTS].measures);
    expect(result.breakdowns.map((b) => b.dimension)).toEqual(PRESET_LAYOUTS[preset as keyof typeof PRESET_LAYOUTS].breakdowns);
    // Generated data gives every preset something to count.
    expect(Object.values(result.totals).some((v) => (v?.actual ?? 0) > 0)).toBe(true);
  });

  it.each(['fy:2569:q1', 'fy:2568:h2', 'month:2025-10', 'month:2025-09', 'cy:2025', 'range:2025-09-15..2025-10-20', 'range:2024-10-01..2026-09-30'])(
    'period %s: every measure by every dimension',
    async (period) => {
      await checkReport(ctx, admin(), { period, breakdowns: REPORT_DIMENSIONS.join(','), measures: REPORT_MEASURES.join(',') });
    },
  );

  // Distinct measures over whole months of two fiscal years (previous-year masks, no DISTINCT),
  // ranges cutting months (whole months plus edge days), and three fiscal years (DISTINCT).
  it.each([
    'cy:2026',
    'range:2025-04-01..2026-03-31',
    'range:2025-08-10..2025-11-20',
    'range:2025-10-05..2026-09-20',
    'range:2024-10-31..2026-09-01',
    'range:2023-09-15..2026-10-10',
  ])('period %s: distinct measures by every learner dimension', async (period) => {
    await checkReport(ctx, admin(), {
      period,
      breakdowns: 'month,quarter,half,target_group,province,district',
      measures: 'learners,learners_online,learners_onsite,attendees,completers,participants,enrollments',
    });
  });

  it('a range cutting months and spanning two fiscal years, filtered to two groups and one district', async () => {
    const query = { period: 'range:2025-08-10..2025-11-20', breakdowns: 'month,quarter,target_group', measures: 'learners,attendees,completers,participants' };
    await checkReport(ctx, admin(), { ...query, targetGroups: 'youth,elderly' }, { targetGroups: ['youth', 'elderly'] });
    await checkReport(ctx, admin(), { ...query, province: 'เชียงใหม่', district: 'สันทราย' }, { province: 'เชียงใหม่', district: 'สันทราย' });
  });

  it('a calendar year spanning two fiscal years counts each person once', async () => {
    const result = await checkReport(ctx, admin(), { period: 'cy:2025', breakdowns: 'quarter', measures: 'learners,participants' });
    const rows = result.breakdowns[0].rows;
    expect(rows.map((r) => r.key)).toEqual(['fy:2568:q2', 'fy:2568:q3', 'fy:2568:q4', 'fy:2569:q1']);
    // People active in several quarters are counted once in the year, so the year is at most the sum.
    expect(result.totals.learners?.actual).toBeLessThan(rows.reduce((sum, r) => sum + (r.values.learners ?? 0), 0));
  });

  it.each([
    ['two target groups', { targetGroups: 'youth,elderly' }, { targetGroups: ['youth', 'elderly'] }],
    ['onsite enrolments', { format: 'onsite' }, { channel: 'onsite' }],
    ['one district', { province: 'เชียงใหม่', district: 'สันทราย' }, { province: 'เชียงใหม่', district: 'สันทราย' }],
    ['people without a known district', { district: '' }, { district: '' }],
  ] as [string, Record<string, string>, Omit<Slice, 'from' | 'to'>][])('filtered to %s', async (_name, filters, slice) => {
    await checkReport(ctx, admin(), { period: 'fy:2569', breakdowns: 'month,target_group,format,course,instructor', measures: REPORT_MEASURES.join(','), ...filters }, { ...slice });
  });

  it('filtered to courses, and to one instructor (an administrator may ask for anyone)', async () => {
    const courseIds = [world.courses.c0, world.courses.c2];
    await checkReport(ctx, admin(), { period: 'fy:2569', preset: 'course_detail', courseIds: courseIds.join(',') }, { courseIds });
    await checkReport(ctx, admin(), { period: 'fy:2568', preset: 'quarterly', instructorId: world.instructorB.id }, { courseIds: world.taughtBy[world.instructorB.id] });
  });
});

describe('fiscal-year boundary (Asia/Bangkok)', () => {
  beforeAll(async () => {
    // Two people in their own province: one enrolled at 23:59:59 on 30 Sep 2025 in Bangkok, one a
    // second later (00:00 on 1 Oct). In UTC both are 30 Sep; in Bangkok they are in different fiscal years.
    const db = api.db();
    const ids = [randomUUID(), randomUUID()];
    for (const [i, id] of ids.entries()) {
      await db.query(`INSERT INTO app_user (id, account_code, display_name, target_group, province, district) VALUES ($1, $2, 'ขอบปี', 'youth', 'ขอบปีงบ', 'ในเมือง')`, [id, `EDGE-${id.slice(0, 8)}-${i}`]);
    }
    await db.query(`INSERT INTO enrollment (course_id, user_id, status, channel, activated_at, started_at) VALUES ($1, $2, 'active', 'online', $3, $3), ($1, $4, 'active', 'online', $5, $5)`, [
      world.courses.c0,
      ids[0],
      BOUNDARY.lastOf2568,
      ids[1],
      BOUNDARY.firstOf2569,
    ]);
    await db.transaction(async (manager) => {
      await recomputeCourses(manager, [world.courses.c0]);
      await recomputeLearners(manager, ids);
    });
  });

  const edge = { province: 'ขอบปีงบ', measures: 'enrollments,learners,attendees,participants' };

  it('30 Sep 23:59:59 counts in FY 2568 and 1 Oct 00:00 in FY 2569', async () => {
    for (const period of ['fy:2568', 'fy:2569']) {
      const result = await report({ period, ...edge, breakdowns: 'month' });
      for (const m of ['enrollments', 'learners', 'attendees', 'participants'] as const) expect(result.totals[m]?.actual).toBe(1);
      const month = period === 'fy:2568' ? '2025-09' : '2025-10';
      expect(result.breakdowns[0].rows.filter((r) => r.values.learners).map((r) => [r.key, r.values.learners])).toEqual([[month, 1]]);
    }
    const year = await report({ period: 'cy:2025', ...edge });
    expect(year.totals.learners?.actual).toBe(2);
    const utcDay = await report({ period: 'range:2025-09-30..2025-09-30', ...edge });
    expect(utcDay.totals.enrollments?.actual).toBe(1);
  });

  it('classes are held on the Bangkok day of their start', async () => {
    const one = async (period: string, course: string) => (await report({ period, courseIds: world.courses[course], measures: 'classes_online,classes_onsite' })).totals;
    // c1 (online) starts 30 Sep 23:59:59, c2 (onsite workshop) 1 Oct 00:00, c7 (onsite) 1 Oct 2026 00:00.
    expect((await one('fy:2568', 'c1')).classes_online?.actual).toBe(1);
    expect((await one('fy:2569', 'c1')).classes_online?.actual).toBe(0);
    expect((await one('fy:2568', 'c2')).classes_onsite?.actual).toBe(0);
    expect((await one('fy:2569', 'c2')).classes_onsite?.actual).toBe(1);
    expect((await one('fy:2569', 'c7')).classes_onsite?.actual).toBe(0);
    expect((await one('fy:2570', 'c7')).classes_onsite?.actual).toBe(1);
  });

  it('the rollups still equal the raw tables after the change', async () => {
    await checkReport(ctx, admin(), { period: 'fy:2569', preset: 'fiscal_year_summary' });
  });
});

describe('people across two fiscal years and cut months (literal numbers)', () => {
  const province = 'สองปีงบ';
  beforeAll(async () => {
    // P1 enrols on 20 Sep 2025 (FY 2568) and starts on 3 Oct (FY 2569); P2 enrols on 2 Oct; P3 on 5 Sep.
    const db = api.db();
    const people = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of people.entries()) {
      await db.query(`INSERT INTO app_user (id, account_code, display_name, target_group, province, district) VALUES ($1, $2, 'สองปี', 'elderly', $3, 'ในเมือง')`, [id, `TWO-${id.slice(0, 8)}-${i}`, province]);
    }
    const noonBkk = (day: string) => new Date(`${day}T05:00:00Z`);
    await db.query(
      `INSERT INTO enrollment (course_id, user_id, status, channel, activated_at, started_at) VALUES ($1, $2, 'active', 'online', $3, $4), ($5, $6, 'active', 'onsite', $7, NULL), ($1, $8, 'active', 'online', $9, NULL)`,
      [world.courses.c3, people[0], noonBkk('2025-09-20'), noonBkk('2025-10-03'), world.courses.c4, people[1], noonBkk('2025-10-02'), people[2], noonBkk('2025-09-05')],
    );
    await db.transaction(async (manager) => {
      await recomputeCourses(manager, [world.courses.c3, world.courses.c4]);
      await recomputeLearners(manager, people);
    });
  });

  const totals = async (period: string) => {
    const result = await report({ period, province, measures: 'learners,attendees,participants' });
    return Object.fromEntries(Object.entries(result.totals).map(([m, v]) => [m, v?.actual]));
  };

  it('a calendar year holding both fiscal years counts each of them once', async () => {
    expect(await totals('cy:2025')).toEqual({ learners: 3, attendees: 1, participants: 3 });
    expect(await totals('range:2025-09-01..2025-10-31')).toEqual({ learners: 3, attendees: 1, participants: 3 });
  });

  it('a range cutting September counts the days it holds, each person once', async () => {
    // 10–30 Sep (edge) and the whole of October: P1 enrolled on the edge and started in October.
    expect(await totals('range:2025-09-10..2025-10-31')).toEqual({ learners: 2, attendees: 1, participants: 2 });
    // From 21 Sep: P1's enrolment is outside, their start is inside.
    expect(await totals('range:2025-09-21..2025-10-31')).toEqual({ learners: 1, attendees: 1, participants: 2 });
    // A range ending on 2 October: October is an edge too (no whole month at all).
    expect(await totals('range:2025-09-21..2025-10-02')).toEqual({ learners: 1, attendees: 0, participants: 1 });
  });

  it('and every breakdown row of them equals the raw tables', async () => {
    for (const period of ['cy:2025', 'range:2025-09-10..2025-10-31', 'range:2025-09-21..2026-01-15']) {
      await checkReport(ctx, admin(), { period, province, breakdowns: 'month,quarter,target_group,district', measures: 'learners,learners_online,learners_onsite,attendees,participants' }, { province });
    }
  });
});

describe('plans and % of plan', () => {
  it('shows the whole-year target and % of plan for a fiscal year, the group target for one group, none for a quarter', async () => {
    const targets = [
      { targetGroup: 'all', measure: 'learners', target: 40 },
      { targetGroup: 'all', measure: 'participants', target: 1000 },
      { targetGroup: 'youth', measure: 'learners', target: 8 },
    ];
    const saved = await http().put('/api/v1/reports/plans').set(bearer(admin())).send({ fiscalYear: 2569, targets }).expect(200);
    expect(saved.body.targets).toEqual(expect.arrayContaining(targets));
    const listed = await http().get('/api/v1/reports/plans').query({ fiscalYear: 2569 }).set(bearer(admin())).expect(200);
    expect(listed.body.targets).toHaveLength(3);
    expect(listed.body.updatedAt).toEqual(expect.any(String));

    const year = await report({ period: 'fy:2569', measures: 'learners,participants,enrollments' });
    expect(year.totals.learners).toEqual({ actual: actual(year, 'learners'), target: 40, percentOfPlan: Math.round((actual(year, 'learners') * 1000) / 40) / 10 });
    expect(actual(year, 'learners')).toBeGreaterThan(0);
    expect(year.totals.participants).toEqual({ actual: actual(year, 'participants'), target: 1000, percentOfPlan: Math.round(actual(year, 'participants')) / 10 });
    expect(year.totals.enrollments).toEqual({ actual: expect.any(Number), target: null, percentOfPlan: null });

    const youth = await report({ period: 'fy:2569', measures: 'learners', targetGroups: 'youth' });
    expect(youth.totals.learners?.target).toBe(8);
    expect(youth.totals.learners?.percentOfPlan).toBe(Math.round((actual(youth, 'learners') * 1000) / 8) / 10);
    const twoGroups = await report({ period: 'fy:2569', measures: 'learners', targetGroups: 'youth,elderly' });
    expect(twoGroups.totals.learners?.target).toBe(40);

    const quarter = await report({ period: 'fy:2569:q1', measures: 'learners' });
    expect(quarter.totals.learners).toEqual({ actual: expect.any(Number), target: null, percentOfPlan: null });
    const otherYear = await report({ period: 'fy:2568', measures: 'learners' });
    expect(otherYear.totals.learners?.target).toBeNull();

    // PUT replaces the whole plan.
    await http().put('/api/v1/reports/plans').set(bearer(admin())).send({ fiscalYear: 2569, targets: [targets[0]] }).expect(200);
    expect((await report({ period: 'fy:2569', measures: 'participants' })).totals.participants?.target).toBeNull();
  });

  it('refuses duplicate, unplannable or negative targets', async () => {
    const put = (targets: unknown[]) => http().put('/api/v1/reports/plans').set(bearer(admin())).send({ fiscalYear: 2569, targets });
    const duplicate = await put([
      { targetGroup: 'all', measure: 'learners', target: 1 },
      { targetGroup: 'all', measure: 'learners', target: 2 },
    ]).expect(400);
    expect(duplicate.body.code).toBe('REPORT_PLAN_DUPLICATE');
    expect((await put([{ targetGroup: 'all', measure: 'completion_rate', target: 50 }]).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await put([{ targetGroup: 'martians', measure: 'learners', target: 5 }]).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await put([{ targetGroup: 'all', measure: 'learners', target: -1 }]).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});

describe('reach', () => {
  it('shows measured, recorded and their total separately', async () => {
    const created = await http()
      .post('/api/v1/reports/reach-campaigns')
      .set(bearer(admin()))
      .send({ channel: 'facebook', startsOn: '2026-02-01', endsOn: '2026-02-28', programme: 'เรียนออนไลน์ถึงบ้าน', impressions: 40000, reach: 17852, note: 'Page insights' })
      .expect(201);
    const [measured]: { n: number }[] = await api.db().query(`SELECT sum(visitors)::int AS n FROM report_reach_day WHERE page_key = '*' AND day BETWEEN '2026-02-01' AND '2026-02-28'`);
    const result = await report({ period: 'month:2026-02', measures: 'reach_measured,reach_recorded,reach_total' });
    expect(result.totals.reach_measured?.actual).toBe(measured.n ?? 0);
    expect(result.totals.reach_recorded?.actual).toBe(17852);
    expect(result.totals.reach_total?.actual).toBe((measured.n ?? 0) + 17852);
    expect(result.funnel.reach).toBe((measured.n ?? 0) + 17852);
    await http().delete(`/api/v1/reports/reach-campaigns/${created.body.id}`).set(bearer(admin())).expect(204);
    expect((await report({ period: 'month:2026-02', measures: 'reach_recorded' })).totals.reach_recorded?.actual).toBe(0);
  });
});

describe('empty periods, the funnel and freshness', () => {
  it('a period with no data answers zeros, never an error', async () => {
    const result = await report({ period: 'fy:2580', breakdowns: REPORT_DIMENSIONS.join(','), measures: REPORT_MEASURES.join(',') });
    for (const m of REPORT_MEASURES) expect(result.totals[m]).toEqual({ actual: 0, target: null, percentOfPlan: null });
    const months = rowsOf(result, 'month');
    expect(months).toHaveLength(12);
    expect(months.every((row) => Object.values(row.values).every((v) => v === 0))).toBe(true);
    expect(rowsOf(result, 'course')).toEqual([]);
    expect(result.funnel).toEqual({ reach: 0, enrolled: 0, attended: 0, completed: 0 });
  });

  it('the funnel is reach → enrolled → attended → completed, whatever measures the report shows', async () => {
    const result = await report({ period: 'fy:2569', measures: 'enrollments' });
    const full = await report({ period: 'fy:2569', measures: 'reach_total,learners,attendees,completers' });
    expect(result.funnel).toEqual({ reach: full.totals.reach_total?.actual, enrolled: full.totals.learners?.actual, attended: full.totals.attendees?.actual, completed: full.totals.completers?.actual });
    expect(result.funnel.enrolled).toBeGreaterThan(0);
  });

  it('freshAt is the oldest change still waiting for the rollups, else now', async () => {
    const before = Date.now();
    expect(Date.parse((await report({ period: 'fy:2569', measures: 'enrollments' })).freshAt)).toBeGreaterThanOrEqual(before - 1000);
    await api.db().query(`INSERT INTO report_dirty (kind, key, marked_at) VALUES ('course', $1, '2026-01-01T00:00:00Z'), ('learner', $2, '2026-01-02T00:00:00Z')`, [randomUUID(), randomUUID()]);
    expect((await report({ period: 'fy:2569', measures: 'enrollments' })).freshAt).toBe('2026-01-01T00:00:00.000Z');
    await api.db().query(`DELETE FROM report_dirty`);
  });
});

describe('labels in the request language', () => {
  it('Thai months in the Buddhist Era, English and Vietnamese Gregorian; groups, formats and course titles translated', async () => {
    const query = { period: 'fy:2569', breakdowns: 'month,target_group,format,course,quarter', measures: 'enrollments', courseIds: [world.courses.c1, world.courses.c2].join(',') };
    const th = await report(query, 'th');
    const en = await report(query, 'en-GB,en;q=0.9');
    const vi = await report(query, 'vi');
    const labels = (r: ReportResult, dimension: string) => rowsOf(r, dimension).map((row) => row.label);
    expect(th.period.label).toBe('ปีงบประมาณ 2569 (ต.ค. 2568 – ก.ย. 2569)');
    expect(en.period.label).toBe('Fiscal year 2569 (Oct 2025 – Sep 2026)');
    expect(labels(th, 'month').slice(0, 4)).toEqual(['ต.ค. 2568', 'พ.ย. 2568', 'ธ.ค. 2568', 'ม.ค. 2569']);
    expect(labels(en, 'month')[0]).toBe('Oct 2025');
    expect(labels(vi, 'month')[0]).toBe('Th10 2025');
    expect(labels(th, 'quarter')[0]).toBe('ไตรมาส 1 ปีงบประมาณ 2569 (ต.ค. 2568 – ธ.ค. 2568)');
    expect(labels(en, 'target_group')).toEqual(['Early childhood (with a guardian)', 'Youth', 'General public', 'Education personnel and staff', 'Elderly']);
    expect(labels(vi, 'target_group')[4]).toBe('Người cao tuổi');
    expect(labels(th, 'format')).toEqual(['ออนไลน์', 'ในสถานที่']);
    // c2 has an English title; c1 only a Thai one, which English readers then see.
    const courseRows = (r: ReportResult) => Object.fromEntries(rowsOf(r, 'course').map((row) => [row.key, row.label]));
    expect(courseRows(en)[world.courses.c2]).toBe('Lanna weaving');
    expect(courseRows(vi)[world.courses.c2]).toBe('Dệt vải Lanna');
    expect(courseRows(en)[world.courses.c1]).toBe('สมาร์ตโฟนสำหรับผู้สูงวัย');
  });
});
