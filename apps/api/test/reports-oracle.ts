import type { ReportMeasure } from '@baanrian/contracts';
import type { DataSource } from 'typeorm';

/*
 * The expected value of every measure, counted straight from the raw tables (enrollment,
 * app_user, course, credential, report_reach_day, reach_campaign) with the contract's definitions,
 * written here without the API's SQL builders or the rollups.
 */

export interface Slice {
  /** Bangkok days, inclusive. */
  from: string;
  to: string;
  targetGroups?: string[];
  /** Enrolment channel; for classes, the course format it selects. */
  channel?: string;
  province?: string;
  district?: string;
  courseIds?: string[];
}

const bkk = (column: string) => `(${column} AT TIME ZONE 'Asia/Bangkok')::date`;

class Q {
  params: unknown[] = [];
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

/** Conditions on one enrolment `e` of learner `u`. */
function learnerSlice(s: Slice, q: Q): string {
  const c = ['true'];
  if (s.targetGroups) c.push(`u.target_group = ANY(${q.p(s.targetGroups)}::text[])`);
  if (s.channel) c.push(`e.channel = ${q.p(s.channel)}`);
  if (s.province !== undefined) c.push(`coalesce(u.province, '') = ${q.p(s.province)}`);
  if (s.district !== undefined) c.push(`coalesce(u.district, '') = ${q.p(s.district)}`);
  if (s.courseIds) c.push(`e.course_id = ANY(${q.p(s.courseIds)}::uuid[])`);
  return c.join(' AND ');
}

const within = (column: string, s: Slice, q: Q) => `${column} IS NOT NULL AND ${bkk(column)} BETWEEN ${q.p(s.from)}::date AND ${q.p(s.to)}::date`;

async function one(db: DataSource, sql: string, q: Q): Promise<number> {
  const [row]: { n: string | number | null }[] = await db.query(sql, q.params);
  return Number(row?.n ?? 0);
}

const ENROLMENT = `FROM enrollment e JOIN app_user u ON u.id = e.user_id`;

export async function expected(db: DataSource, measure: ReportMeasure, s: Slice): Promise<number> {
  const q = new Q();
  switch (measure) {
    case 'enrollments':
      return one(db, `SELECT count(*) AS n ${ENROLMENT} WHERE ${within('e.activated_at', s, q)} AND ${learnerSlice(s, q)}`, q);
    case 'certificates':
      return one(db, `SELECT count(*) AS n FROM credential cr JOIN enrollment e ON e.id = cr.enrollment_id JOIN app_user u ON u.id = e.user_id WHERE cr.kind = 'course' AND ${within('cr.issued_at', s, q)} AND ${learnerSlice(s, q)}`, q);
    case 'learning_hours':
      return one(db, `SELECT coalesce(sum(coalesce(c.learning_hours, 0)), 0) AS n ${ENROLMENT} JOIN course c ON c.id = e.course_id WHERE ${within('e.completed_at', s, q)} AND ${learnerSlice(s, q)}`, q);
    case 'completion_rate':
      return one(
        db,
        `SELECT CASE WHEN count(*) = 0 THEN 0 ELSE round(100.0 * count(*) FILTER (WHERE e.completed_at IS NOT NULL) / count(*), 1) END AS n ${ENROLMENT} WHERE ${within('e.activated_at', s, q)} AND ${learnerSlice(s, q)}`,
        q,
      );
    case 'learners':
      return one(db, `SELECT count(DISTINCT e.user_id) AS n ${ENROLMENT} WHERE ${within('e.activated_at', s, q)} AND ${learnerSlice(s, q)}`, q);
    case 'learners_online':
    case 'learners_onsite': {
      const channel = measure === 'learners_online' ? 'online' : 'onsite';
      if (s.channel && s.channel !== channel) return 0;
      return expected(db, 'learners', { ...s, channel });
    }
    case 'attendees':
      return one(db, `SELECT count(DISTINCT e.user_id) AS n ${ENROLMENT} WHERE ${within('e.started_at', s, q)} AND ${learnerSlice(s, q)}`, q);
    case 'completers':
      return one(db, `SELECT count(DISTINCT e.user_id) AS n ${ENROLMENT} WHERE ${within('e.completed_at', s, q)} AND ${learnerSlice(s, q)}`, q);
    case 'participants':
      return one(db, `SELECT count(DISTINCT e.user_id) AS n ${ENROLMENT} WHERE ((${within('e.activated_at', s, q)}) OR (${within('e.started_at', s, q)})) AND ${learnerSlice(s, q)}`, q);
    case 'classes_online':
    case 'classes_onsite': {
      const channel = measure === 'classes_online' ? 'online' : 'onsite';
      if (s.channel && s.channel !== channel) return 0;
      const formats = channel === 'online' ? ['self_paced', 'online_class', 'blended'] : ['onsite_workshop', 'blended'];
      const c = [`c.published_at IS NOT NULL`, within('coalesce(c.starts_at, c.published_at)', s, q), `c.format = ANY(${q.p(formats)}::text[])`];
      if (s.courseIds) c.push(`c.id = ANY(${q.p(s.courseIds)}::uuid[])`);
      if (s.targetGroups) c.push(`c.target_groups && ${q.p(s.targetGroups)}::text[]`);
      return one(db, `SELECT count(*) AS n FROM course c WHERE ${c.join(' AND ')}`, q);
    }
    case 'reach_measured': {
      const pages = s.courseIds ? `v.page_key = ANY(${q.p(s.courseIds.map((id) => `course:${id}`))}::text[])` : `v.page_key = '*'`;
      return one(db, `SELECT coalesce(sum(v.visitors), 0) AS n FROM report_reach_day v WHERE v.day BETWEEN ${q.p(s.from)}::date AND ${q.p(s.to)}::date AND ${pages}`, q);
    }
    case 'reach_recorded': {
      const course = s.courseIds ? `AND rc.course_id = ANY(${q.p(s.courseIds)}::uuid[])` : '';
      return one(db, `SELECT coalesce(sum(rc.reach), 0) AS n FROM reach_campaign rc WHERE rc.starts_on BETWEEN ${q.p(s.from)}::date AND ${q.p(s.to)}::date ${course}`, q);
    }
    case 'reach_total':
      return (await expected(db, 'reach_measured', s)) + (await expected(db, 'reach_recorded', s));
  }
}
