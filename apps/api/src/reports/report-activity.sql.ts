import type { ReportDimension } from '@baanrian/contracts';
import { bkkDay } from '@baanrian/reports';
import type { MeasureRows, Queryable } from './report-learners.sql';
import { TOTAL } from './report-learners.sql';
import { COURSE_TEACHER, dayInPeriod, instantInPeriod, isTimeDimension, type ReportContext, SqlParams, timeKeySql, where } from './report-sql';

/*
 * Classes held from the course table; reach from the reach rollup and the recorded campaigns.
 * Each returns the rows of one dimension, or null when the dimension does not apply to it
 * (classes have no area; reach has no learner slice).
 */

const ONLINE_FORMATS = `('self_paced', 'online_class', 'blended')`;
const ONSITE_FORMATS = `('onsite_workshop', 'blended')`;

/**
 * Classes held: published courses whose start (starts_at, else published_at) falls in the period,
 * online and onsite by course format (a blended course is both). A target-group filter or row
 * counts courses offered to that group. The format dimension and filter pick the matching count.
 */
export async function classRows(db: Queryable, ctx: ReportContext, dimension: ReportDimension | null): Promise<MeasureRows | null> {
  if (dimension === 'province' || dimension === 'district') return null;
  const params = new SqlParams();
  const held = 'coalesce(c.starts_at, c.published_at)';
  const conditions = ['c.published_at IS NOT NULL', instantInPeriod(held, ctx.period, params)];
  if (ctx.courseIds) conditions.push(`c.id = ANY(${params.add(ctx.courseIds)}::uuid[])`);
  let key = `'${TOTAL}'`;
  let join = '';
  if (ctx.targetGroups) conditions.push(`c.target_groups && ${params.add(ctx.targetGroups)}::text[]`);
  if (isTimeDimension(dimension)) key = timeKeySql(dimension, bkkDay(held));
  else if (dimension === 'course') key = 'c.id::text';
  else if (dimension === 'instructor') [key, join] = ['t.user_id::text', `JOIN ${COURSE_TEACHER} t ON t.course_id = c.id`];
  else if (dimension === 'target_group') {
    [key, join] = ['tg.value', 'CROSS JOIN LATERAL unnest(c.target_groups) AS tg(value)'];
    if (ctx.targetGroups) conditions.push(`tg.value = ANY(${params.add(ctx.targetGroups)}::text[])`);
  }
  const rows = (await db.query(
    `SELECT ${key} AS key, count(*) FILTER (WHERE c.format IN ${ONLINE_FORMATS})::int AS online, count(*) FILTER (WHERE c.format IN ${ONSITE_FORMATS})::int AS onsite
       FROM course c ${join} ${where(conditions)} GROUP BY 1`,
    params.values,
  )) as { key: string; online: number; onsite: number }[];
  const only = (online: number, onsite: number) => ({ classes_online: ctx.format === 'onsite' ? 0 : online, classes_onsite: ctx.format === 'online' ? 0 : onsite });
  if (dimension === 'format') {
    const total = rows[0] ?? { online: 0, onsite: 0 };
    return new Map([
      ['online', only(total.online, 0)],
      ['onsite', only(0, total.onsite)],
    ]);
  }
  return new Map(rows.map((row) => [String(row.key), only(row.online, row.onsite)]));
}

/**
 * Reach, each source separately: measured = Σ daily unique visitors over the period's days (all
 * pages, row '*'; course pages when courses are in question); recorded = Σ campaign reach of
 * campaigns starting in the period. Not sliced by learner attributes.
 */
export async function reachRows(db: Queryable, ctx: ReportContext, dimension: ReportDimension | null): Promise<MeasureRows | null> {
  if (dimension !== null && !isTimeDimension(dimension) && dimension !== 'course' && dimension !== 'instructor') return null;
  const byCourse = ctx.courseIds !== null || dimension === 'course' || dimension === 'instructor';
  const keyOf = (day: string, course: string) => {
    if (isTimeDimension(dimension)) return { key: timeKeySql(dimension, day), join: '' };
    if (dimension === 'course') return { key: `${course}::text`, join: '' };
    if (dimension === 'instructor') return { key: 't.user_id::text', join: `JOIN ${COURSE_TEACHER} t ON t.course_id = ${course}` };
    return { key: `'${TOTAL}'`, join: '' };
  };
  const courseCondition = (column: string, params: SqlParams) => (ctx.courseIds ? [`${column} = ANY(${params.add(ctx.courseIds)}::uuid[])`] : []);

  const mp = new SqlParams();
  const m = keyOf('v.day', 'v.course_id');
  const measuredWhere = [dayInPeriod('v.day', ctx.period, mp), byCourse ? `v.page_key LIKE 'course:%' AND v.course_id IS NOT NULL` : `v.page_key = '*'`, ...courseCondition('v.course_id', mp)];
  const rp = new SqlParams();
  const r = keyOf('rc.starts_on', 'rc.course_id');
  const recordedWhere = [dayInPeriod('rc.starts_on', ctx.period, rp), ...(byCourse ? ['rc.course_id IS NOT NULL'] : []), ...courseCondition('rc.course_id', rp)];
  const [measured, recorded] = (await Promise.all([
    db.query(`SELECT ${m.key} AS key, sum(v.visitors)::int AS n FROM report_reach_day v ${m.join} ${where(measuredWhere)} GROUP BY 1`, mp.values),
    db.query(`SELECT ${r.key} AS key, sum(rc.reach)::int AS n FROM reach_campaign rc ${r.join} ${where(recordedWhere)} GROUP BY 1`, rp.values),
  ])) as { key: string; n: number }[][];
  const out: MeasureRows = new Map();
  const add = (key: string, field: 'reach_measured' | 'reach_recorded', n: number) => {
    const row = out.get(key) ?? { reach_measured: 0, reach_recorded: 0 };
    row[field] = n;
    row.reach_total = (row.reach_measured ?? 0) + (row.reach_recorded ?? 0);
    out.set(key, row);
  };
  for (const row of measured) add(String(row.key), 'reach_measured', row.n);
  for (const row of recorded) add(String(row.key), 'reach_recorded', row.n);
  return out;
}
