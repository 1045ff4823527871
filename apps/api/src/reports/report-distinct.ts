import type { ReportMeasure } from '@baanrian/contracts';

/*
 * What the distinct-people sources share: the measures and the learner-year mask columns each
 * reads, the same measures over raw enrolment facts, and how rows of two sources add up.
 */

export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Measure values per row key ('total' when there is no dimension). */
export type MeasureRows = Map<string, Partial<Record<ReportMeasure, number>>>;

export const TOTAL = 'total';

/** Distinct-people measures, and the learner-year mask columns each one reads (OR-ed). */
export const DISTINCT_MEASURES = {
  learners: ['enrolled_months'],
  learners_online: ['online_months'],
  learners_onsite: ['onsite_months'],
  attendees: ['started_months'],
  completers: ['completed_months'],
  participants: ['enrolled_months', 'started_months'],
} as const satisfies Partial<Record<ReportMeasure, readonly string[]>>;
export type DistinctMeasure = keyof typeof DISTINCT_MEASURES;

/** A measure's mask in a learner-year row `r`: this year's (`''`) or the previous year's (`'prev_'`). */
export const maskOf = (measure: DistinctMeasure, prefix: '' | 'prev_' = '') => `(${DISTINCT_MEASURES[measure].map((c) => `r.${prefix}${c}`).join(' | ')})`;

/** The same measures over raw enrolment facts `f` (`e` activated, `s` started, `c` completed). */
export const RAW_FILTERS: Record<DistinctMeasure, string> = {
  learners: `f.fact = 'e'`,
  learners_online: `f.fact = 'e' AND f.channel = 'online'`,
  learners_onsite: `f.fact = 'e' AND f.channel = 'onsite'`,
  attendees: `f.fact = 's'`,
  completers: `f.fact = 'c'`,
  participants: `f.fact IN ('e', 's')`,
};

/** Row-wise sum of two sources that count disjoint sets of people. */
export function addRows(a: MeasureRows, b: MeasureRows): MeasureRows {
  const out: MeasureRows = new Map(a);
  for (const [key, values] of b) {
    const sum = { ...out.get(key) };
    for (const [measure, n] of Object.entries(values) as [ReportMeasure, number][]) sum[measure] = (sum[measure] ?? 0) + n;
    out.set(key, sum);
  }
  return out;
}
