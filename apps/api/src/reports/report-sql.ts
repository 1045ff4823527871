import { fiscalMonthIndex, fiscalYearOfDay, periodMonths, type ReportDimension, type ReportFormat, type ReportPeriod, type TargetGroup } from '@baanrian/contracts';

/*
 * SQL pieces every report source shares: period bounds, the keys of time buckets (the same
 * strings in SQL and in TypeScript), the learner-slice filters and the course ↔ instructor link.
 */

/** What one report reads: its period, its slice filters and the courses it may see. */
export interface ReportContext {
  period: ReportPeriod;
  targetGroups: TargetGroup[] | null;
  format: ReportFormat | null;
  province: string | null;
  district: string | null;
  /** The courses in scope (course filter ∩ instructor filter ∩ the viewer's own courses); null = all. */
  courseIds: string[] | null;
}

export type TimeDimension = 'month' | 'quarter' | 'half';
export const TIME_DIMENSIONS: readonly ReportDimension[] = ['month', 'quarter', 'half'];
export const isTimeDimension = (d: ReportDimension | null): d is TimeDimension => d !== null && TIME_DIMENSIONS.includes(d);

/** Positional parameters collected while a statement is written. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A Bangkok calendar day's first instant, as a timestamptz expression (keeps range scans on indexed timestamps). */
const bangkokStart = (dayParam: string) => `(${dayParam}::date::timestamp AT TIME ZONE 'Asia/Bangkok')`;

/** `column` (timestamptz) lies in the period's Bangkok days. */
export function instantInPeriod(column: string, period: ReportPeriod, params: SqlParams): string {
  return `${column} >= ${bangkokStart(params.add(period.from))} AND ${column} < ${bangkokStart(`(${params.add(period.to)}::date + 1)`)}`;
}

/** `column` (a date) lies in the period. */
export function dayInPeriod(column: string, period: ReportPeriod, params: SqlParams): string {
  return `${column} BETWEEN ${params.add(period.from)}::date AND ${params.add(period.to)}::date`;
}

const fiscalYearSql = (day: string) => `(extract(year FROM ${day})::int + CASE WHEN extract(month FROM ${day}) >= 10 THEN 1 ELSE 0 END + 543)`;
const fiscalIndexSql = (day: string) => `((extract(month FROM ${day})::int + 2) % 12)`;

/** The bucket key of a date expression: `2026-03`, `fy:2569:q2`, `fy:2569:h1`. */
export function timeKeySql(dimension: TimeDimension, day: string): string {
  if (dimension === 'month') return `to_char(${day}, 'YYYY-MM')`;
  const [letter, size] = dimension === 'quarter' ? ['q', 3] : ['h', 6];
  return `('fy:' || ${fiscalYearSql(day)} || ':${letter}' || (${fiscalIndexSql(day)} / ${size} + 1))`;
}

/** The same key in TypeScript, for a month `YYYY-MM`. */
export function timeKeyOfMonth(dimension: TimeDimension, month: string): string {
  if (dimension === 'month') return month;
  const day = `${month}-01`;
  const index = fiscalMonthIndex(day);
  return dimension === 'quarter' ? `fy:${fiscalYearOfDay(day)}:q${Math.floor(index / 3) + 1}` : `fy:${fiscalYearOfDay(day)}:h${Math.floor(index / 6) + 1}`;
}

/** Every bucket of a time dimension the period touches, in order (rows show even when zero). */
export function timeKeys(dimension: TimeDimension, period: ReportPeriod): string[] {
  return [...new Set(periodMonths(period).map((month) => timeKeyOfMonth(dimension, month)))];
}

/** Whether the period is made of whole calendar months (the learner-year bitmasks can answer it). */
export function coversWholeMonths(period: ReportPeriod): boolean {
  const [y, m, d] = period.to.split('-').map(Number);
  const lastOfMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return period.from.endsWith('-01') && d === lastOfMonth;
}

/**
 * Each course with each of its teachers: the owner and accepted co-instructors (an invitation
 * grants nothing). A course taught by two people counts in both instructors' rows, as it does in
 * each one's own report.
 */
export const COURSE_TEACHER = `(SELECT c.id AS course_id, c.owner_id AS user_id FROM course c WHERE c.owner_id IS NOT NULL
  UNION SELECT ci.course_id, ci.user_id FROM course_instructor ci WHERE ci.accepted_at IS NOT NULL)`;

/** Column names of a learner slice in one source (rollup row or raw enrolment facts). */
export interface SliceColumns {
  course: string;
  targetGroup: string;
  province: string;
  district: string;
  channel: string;
}

/** The slice filters (course set, target groups, area, channel) as AND-ed conditions. */
export function sliceConditions(ctx: ReportContext, cols: SliceColumns, params: SqlParams): string[] {
  const where: string[] = [];
  if (ctx.courseIds) where.push(`${cols.course} = ANY(${params.add(ctx.courseIds)}::uuid[])`);
  if (ctx.targetGroups) where.push(`${cols.targetGroup} = ANY(${params.add(ctx.targetGroups)}::text[])`);
  if (ctx.province !== null) where.push(`${cols.province} = ${params.add(ctx.province)}`);
  if (ctx.district !== null) where.push(`${cols.district} = ${params.add(ctx.district)}`);
  if (ctx.format) where.push(`${cols.channel} = ${params.add(ctx.format)}`);
  return where;
}

/** The key expression of a slice dimension, and the join it needs (instructor). */
export function sliceDimension(dimension: ReportDimension, cols: SliceColumns & { day: string }): { key: string; join: string } {
  if (isTimeDimension(dimension)) return { key: timeKeySql(dimension, cols.day), join: '' };
  switch (dimension) {
    case 'target_group':
      return { key: cols.targetGroup, join: '' };
    case 'course':
      return { key: `${cols.course}::text`, join: '' };
    case 'format':
      return { key: cols.channel, join: '' };
    case 'province':
      return { key: cols.province, join: '' };
    case 'district':
      return { key: cols.district, join: '' };
    case 'instructor':
      return { key: 't.user_id::text', join: `JOIN ${COURSE_TEACHER} t ON t.course_id = ${cols.course}` };
  }
  throw new Error(`unhandled dimension ${String(dimension)}`);
}

export const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');
