import { REPORT_MEASURES } from '@baanrian/contracts';
import { recomputeCourses, recomputeLearners } from '@baanrian/reports';
import { useTestApi } from './api-app';
import { checkReport, type CheckContext } from './reports-check';
import type { Slice } from './reports-oracle';
import { buildReportWorld, type ReportWorld } from './reports-fixture';

/*
 * Reports over exactly one fiscal year, half, quarter or month take their distinct people from
 * `report_learner_bucket`, summed over target groups and areas. Every total and every row of the
 * time, target-group and area breakdowns, with target-group and area filters, equals plain SQL
 * counts over the raw tables; and a person who moves to another group and district is counted in
 * the new ones as soon as their rows are recounted (the buckets move by delta in that recount).
 */

let world: ReportWorld;
const api = useTestApi();
let ctx: CheckContext;

beforeAll(async () => {
  world = await buildReportWorld(api.http, api.db(), 23);
  ctx = { http: api.http, db: api.db(), taughtBy: world.taughtBy, allCourses: Object.values(world.courses) };
}, 60_000);

const admin = () => world.admin.accessToken;
const DISTINCT = 'learners,learners_online,learners_onsite,attendees,completers,participants';

describe('reports over one bucket', () => {
  it.each(['fy:2568', 'fy:2569:h1', 'fy:2569:q3', 'month:2025-10', 'range:2025-01-01..2025-03-31'])('%s: every measure by time, target group and area', async (period) => {
    await checkReport(ctx, admin(), { period, breakdowns: 'month,quarter,half,target_group,province,district', measures: REPORT_MEASURES.join(',') });
  });

  it.each([
    ['two target groups and a province, by district', { targetGroups: 'youth,elderly', province: 'เชียงใหม่', breakdowns: 'district,month' }, { targetGroups: ['youth', 'elderly'], province: 'เชียงใหม่' }],
    ['one district, by target group', { province: 'เชียงใหม่', district: 'สันทราย', breakdowns: 'target_group,quarter' }, { province: 'เชียงใหม่', district: 'สันทราย' }],
    ['no known district, by province', { district: '', breakdowns: 'province,half' }, { district: '' }],
  ] as [string, Record<string, string>, Omit<Slice, 'from' | 'to'>][])('fy:2569 filtered to %s', async (_name, query, slice) => {
    await checkReport(ctx, admin(), { period: 'fy:2569', measures: DISTINCT, ...query }, slice);
  });

  it('a person who moves to another target group and district counts there once recounted, and nowhere else', async () => {
    const db = api.db();
    const [mover]: { user_id: string }[] = await db.query(
      `SELECT e.user_id FROM enrollment e JOIN app_user u ON u.id = e.user_id
        WHERE e.activated_at >= '2025-10-01' AND u.target_group <> 'education_staff' AND u.district IS NOT NULL ORDER BY e.user_id LIMIT 1`,
    );
    await db.query(`UPDATE app_user SET target_group = 'education_staff', province = 'ลำพูน', district = 'บ้านธิ', updated_at = now() WHERE id = $1`, [mover.user_id]);
    const courses: { course_id: string }[] = await db.query(`SELECT DISTINCT course_id FROM enrollment WHERE user_id = $1`, [mover.user_id]);
    await db.transaction(async (manager) => {
      await recomputeCourses(manager, courses.map((c) => c.course_id));
      await recomputeLearners(manager, [mover.user_id]);
    });
    const report = await checkReport(ctx, admin(), { period: 'fy:2569', breakdowns: 'target_group,province,district', measures: DISTINCT });
    const row = report.breakdowns.find((b) => b.dimension === 'district')?.rows.find((r) => r.key === 'บ้านธิ');
    expect(row?.values.participants).toBe(1);
    await checkReport(ctx, admin(), { period: 'fy:2569', province: 'ลำพูน', breakdowns: 'month,target_group', measures: DISTINCT }, { province: 'ลำพูน' });
  });
});
