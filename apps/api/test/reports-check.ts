import { fiscalMonthIndex, fiscalYearOfDay, parsePeriod, type ReportDimension, type ReportMeasure, type ReportPeriod, type ReportResult } from '@baanrian/contracts';
import type { DataSource } from 'typeorm';
import { bearer, type Http } from './accounts-helpers';
import { expected, type Slice } from './reports-oracle';

/*
 * Fetches a report and compares every total and every breakdown row, measure by measure, with
 * the raw-table counts of reports-oracle.ts; rows a dimension leaves out must count zero.
 */

const CLASSES: ReportMeasure[] = ['classes_online', 'classes_onsite'];
const REACH: ReportMeasure[] = ['reach_measured', 'reach_recorded', 'reach_total'];

/** Classes have no learner area; reach has no learner slice. */
export function applicable(dimension: ReportDimension, measures: ReportMeasure[]): ReportMeasure[] {
  return measures.filter((m) => {
    if (CLASSES.includes(m)) return dimension !== 'province' && dimension !== 'district';
    if (REACH.includes(m)) return ['month', 'quarter', 'half', 'course', 'instructor'].includes(dimension);
    return true;
  });
}

const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** The months from `from` to `to`, and their fiscal quarter and half keys (written out, not from the API). */
function timeBuckets(from: string, to: string): Record<'month' | 'quarter' | 'half', string[]> {
  const months: string[] = [];
  for (let [y, m] = from.split('-').map(Number); `${y}-${String(m).padStart(2, '0')}` <= to.slice(0, 7); m === 12 ? ((m = 1), (y += 1)) : (m += 1)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  const key = (month: string, size: number, letter: string) => `fy:${fiscalYearOfDay(`${month}-01`)}:${letter}${Math.floor(fiscalMonthIndex(`${month}-01`) / size) + 1}`;
  return { month: months, quarter: [...new Set(months.map((m) => key(m, 3, 'q')))], half: [...new Set(months.map((m) => key(m, 6, 'h')))] };
}

const intersectIds = (a: string[] | undefined, b: string[]) => (a ? a.filter((id) => b.includes(id)) : b);

export interface CheckContext {
  http: Http;
  db: DataSource;
  /** Courses each instructor teaches (owner or accepted co-instructor), from the fixture. */
  taughtBy: Record<string, string[]>;
  allCourses: string[];
}

type Base = Omit<Slice, 'from' | 'to'>;

function rowSlice(ctx: CheckContext, dimension: ReportDimension, key: string, base: Base, period: Pick<ReportPeriod, 'from' | 'to'>): Slice {
  const clip = (from: string, to: string) => ({ from: from > period.from ? from : period.from, to: to < period.to ? to : period.to });
  switch (dimension) {
    case 'month':
      return { ...base, ...clip(`${key}-01`, lastDay(key)) };
    case 'quarter':
    case 'half': {
      const p = parsePeriod(key) as ReportPeriod;
      return { ...base, ...clip(p.from, p.to) };
    }
    case 'target_group':
      return { ...base, ...period, targetGroups: [key] };
    case 'format':
      return { ...base, ...period, channel: key };
    case 'province':
      return { ...base, ...period, province: key };
    case 'district':
      return { ...base, ...period, district: key };
    case 'course':
      return { ...base, ...period, courseIds: intersectIds(base.courseIds, [key]) };
    case 'instructor':
      return { ...base, ...period, courseIds: intersectIds(base.courseIds, ctx.taughtBy[key] ?? []) };
  }
}

async function candidates(ctx: CheckContext, dimension: ReportDimension, base: Base): Promise<string[]> {
  if (dimension === 'course') return intersectIds(base.courseIds, ctx.allCourses);
  if (dimension === 'instructor') return Object.keys(ctx.taughtBy);
  const column = dimension === 'province' ? 'province' : 'district';
  if (base[column] !== undefined) return [base[column] as string];
  const rows: { v: string }[] = await ctx.db.query(`SELECT DISTINCT coalesce(${column}, '') AS v FROM app_user`);
  return rows.map((r) => r.v);
}

/**
 * GET /reports with `query` as `token`, then every number against the oracle. `base` holds the
 * report's filters as the oracle sees them (courseIds: the caller's scope and course filters).
 * Returns the report for further assertions.
 */
export async function checkReport(ctx: CheckContext, token: string, query: Record<string, string>, base: Base = {}): Promise<ReportResult> {
  const res = await ctx.http().get('/api/v1/reports').query(query).set(bearer(token));
  if (res.status !== 200) throw new Error(`GET /reports ${JSON.stringify(query)} → ${res.status} ${JSON.stringify(res.body)}`);
  const report = res.body as ReportResult;
  const period = { from: report.period.from, to: report.period.to };
  const mismatches: string[] = [];
  const compare = async (where: string, slice: Slice, measures: ReportMeasure[], values: Partial<Record<ReportMeasure, number>>) => {
    await Promise.all(
      measures.map(async (m) => {
        const want = await expected(ctx.db, m, slice);
        if (values[m] !== want) mismatches.push(`${where} ${m}: report ${values[m]}, raw tables ${want}`);
      }),
    );
  };
  const actuals = Object.fromEntries(Object.entries(report.totals).map(([m, v]) => [m, v?.actual]));
  expect(Object.keys(report.totals).sort()).toEqual([...report.measures].sort());
  await compare(`${query.period} totals`, { ...base, ...period }, report.measures, actuals);
  for (const breakdown of report.breakdowns) {
    const measures = applicable(breakdown.dimension, report.measures);
    const keys = breakdown.rows.map((row) => row.key);
    const where = (key: string) => `${query.period} ${breakdown.dimension}=${key}`;
    for (const row of breakdown.rows) {
      expect({ key: row.key, measures: Object.keys(row.values).sort() }).toEqual({ key: row.key, measures: [...measures].sort() });
      expect(row.label).toMatch(/\S/);
      await compare(where(row.key), rowSlice(ctx, breakdown.dimension, row.key, base, period), measures, row.values);
    }
    if (breakdown.dimension === 'month' || breakdown.dimension === 'quarter' || breakdown.dimension === 'half') {
      expect(keys).toEqual(timeBuckets(period.from, period.to)[breakdown.dimension]);
    } else if (breakdown.dimension === 'target_group') {
      expect(keys).toEqual(['early_childhood', 'youth', 'general_public', 'education_staff', 'elderly'].filter((g) => !base.targetGroups || base.targetGroups.includes(g)));
    } else if (breakdown.dimension === 'format') {
      expect(keys).toEqual(['online', 'onsite'].filter((f) => !base.channel || base.channel === f));
    } else {
      // Values left out of an open dimension must have nothing to count.
      for (const key of (await candidates(ctx, breakdown.dimension, base)).filter((k) => !keys.includes(k))) {
        await compare(`${where(key)} (absent)`, rowSlice(ctx, breakdown.dimension, key, base, period), measures, Object.fromEntries(measures.map((m) => [m, 0])));
      }
    }
  }
  expect(mismatches).toEqual([]);
  return report;
}
