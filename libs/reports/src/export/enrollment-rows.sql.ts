import { type Locale, REPORT_FORMATS, type ReportFilters, TARGET_GROUPS } from '@baanrian/contracts';
import { escapeLiteral } from 'pg';
import { CHANNEL_LABELS, ENROLLMENT_COLUMN_LABELS, ENROLLMENT_COLUMNS, STATUS_LABELS, TARGET_GROUP_LABELS, word } from './export.labels';
import { sqlNeutralise } from './export.safety';

/** Which enrolments an export holds: those that took a seat in the period (Bangkok days), filtered. */
export interface EnrollmentRowsQuery {
  /** First day, inclusive (YYYY-MM-DD, Bangkok). */
  from: string;
  /** Last day, inclusive. */
  to: string;
  /** As in a report; `instructorId` also carries an instructor's forced scope. */
  filters: ReportFilters;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * COPY takes no bind parameters, so values are written into the statement. Each is checked against
 * its shape first (the API validated them already; this is the second lock) and then quoted with
 * pg's escapeLiteral, which is what the driver itself would send.
 */
function checked(value: string, shape: RegExp | readonly string[], what: string): string {
  const ok = Array.isArray(shape) ? shape.includes(value) : (shape as RegExp).test(value);
  if (!ok) throw new Error(`enrollment export: invalid ${what} ${JSON.stringify(value)}`);
  return escapeLiteral(value);
}

/** Bangkok midnight of a day, as an instant. */
const bangkokMidnight = (day: string, plusDays = 0) => `((${checked(day, DAY, 'day')}::date + ${plusDays})::timestamp AT TIME ZONE 'Asia/Bangkok')`;

/**
 * The FROM and WHERE shared by the count and the rows, so both always agree. `joins: 'needed'`
 * leaves out a join no filter reads: every enrolment has exactly one course and one learner
 * (NOT NULL foreign keys), so the count is the same, and at 1.8 million rows the joins were most
 * of the time an export spent counting before it started.
 */
export function enrollmentRowsFrom(query: EnrollmentRowsQuery, joins: 'all' | 'needed' = 'all'): string {
  const f = query.filters;
  const needsLearner = Boolean(f.targetGroups?.length) || f.province !== undefined || f.district !== undefined;
  const needsCourse = Boolean(f.instructorId);
  const where = [`e.activated_at >= ${bangkokMidnight(query.from)}`, `e.activated_at < ${bangkokMidnight(query.to, 1)}`];
  if (f.targetGroups?.length) where.push(`u.target_group IN (${f.targetGroups.map((g) => checked(g, TARGET_GROUPS, 'target group')).join(', ')})`);
  if (f.courseIds?.length) where.push(`e.course_id IN (${f.courseIds.map((id) => `${checked(id, UUID, 'course id')}::uuid`).join(', ')})`);
  // Online/onsite of a learner is the enrolment's channel (reports contract).
  if (f.format) where.push(`e.channel = ${checked(f.format, REPORT_FORMATS, 'format')}`);
  if (f.province !== undefined) where.push(`coalesce(u.province, '') = ${escapeLiteral(f.province)}`);
  if (f.district !== undefined) where.push(`coalesce(u.district, '') = ${escapeLiteral(f.district)}`);
  if (f.instructorId) {
    const id = `${checked(f.instructorId, UUID, 'instructor id')}::uuid`;
    where.push(`(c.owner_id = ${id} OR EXISTS (SELECT 1 FROM course_instructor ci WHERE ci.course_id = c.id AND ci.user_id = ${id} AND ci.accepted_at IS NOT NULL))`);
  }
  const course = joins === 'all' || needsCourse ? ' JOIN course c ON c.id = e.course_id' : '';
  const learner = joins === 'all' || needsLearner ? ' JOIN app_user u ON u.id = e.user_id' : '';
  return `FROM enrollment e${course}${learner} WHERE ${where.join(' AND ')}`;
}

export function enrollmentCountSql(query: EnrollmentRowsQuery): string {
  return `SELECT count(*)::int AS rows ${enrollmentRowsFrom(query, 'needed')}`;
}

const labelCase = (column: string, labels: Record<string, Record<Locale, string>>, locale: Locale) =>
  `CASE ${column} ${Object.entries(labels)
    .map(([value, words]) => `WHEN ${escapeLiteral(value)} THEN ${escapeLiteral(words[locale])}`)
    .join(' ')} ELSE ${column} END`;

const bangkokTime = (column: string) => `to_char(${column} AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM-DD HH24:MI')`;

/**
 * One row per enrolment, every column text (labels in the file's language, times in Bangkok as
 * `YYYY-MM-DD HH:MM`). People are a display name, or "anonymous" once erased: never an email,
 * a phone number or an account code. Text typed by people is neutralised here, in SQL, so COPY
 * can stream it without a pass through JavaScript.
 */
export function enrollmentRowsSql(query: EnrollmentRowsQuery, locale: Locale): string {
  const title = locale === 'th' ? `c.title->>'th'` : `coalesce(nullif(c.title->>${escapeLiteral(locale)}, ''), c.title->>'th')`;
  const columns = [
    sqlNeutralise(title),
    `CASE WHEN u.erased_at IS NOT NULL OR u.display_name = '' THEN ${escapeLiteral(word('anonymous', locale))} ELSE ${sqlNeutralise('u.display_name')} END`,
    labelCase('u.target_group', TARGET_GROUP_LABELS, locale),
    sqlNeutralise(`coalesce(u.province, '')`),
    sqlNeutralise(`coalesce(u.district, '')`),
    labelCase('e.channel', CHANNEL_LABELS, locale),
    labelCase('e.status', STATUS_LABELS, locale),
    bangkokTime('e.activated_at'),
    bangkokTime('e.started_at'),
    bangkokTime('e.completed_at'),
  ];
  // In the order enrolments happened; the id breaks ties so two runs give the same file.
  return `SELECT ${columns.join(', ')} ${enrollmentRowsFrom(query)} ORDER BY e.activated_at, e.id`;
}

export function enrollmentHeader(locale: Locale): string[] {
  return ENROLLMENT_COLUMNS.map((column) => ENROLLMENT_COLUMN_LABELS[column][locale]);
}

/** Columns holding Bangkok times (typed as dates in XLSX), by index. */
export const ENROLLMENT_TIME_COLUMNS = [7, 8, 9];
