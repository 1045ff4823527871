import {
  isPeriodError,
  parsePeriod,
  PRESET_LAYOUTS,
  type PeriodError,
  REPORT_DIMENSIONS,
  REPORT_FORMATS,
  REPORT_MEASURES,
  REPORT_PRESETS,
  type ReportDimension,
  type ReportFilters,
  type ReportMeasure,
  type ReportPeriod,
  type ReportPreset,
  type ReportQuery,
  TARGET_GROUPS,
} from '@baanrian/contracts';
import { ReportsException } from './reports.exception';

/** A report query checked and completed: the period parsed, the preset's defaults applied. */
export interface ReportSpec {
  period: ReportPeriod;
  preset: ReportPreset | null;
  measures: ReportMeasure[];
  breakdowns: ReportDimension[];
  filters: ReportFilters;
}

const PERIOD_CODES = { period_format: 'REPORT_PERIOD_INVALID', period_order: 'REPORT_PERIOD_ORDER', period_too_long: 'REPORT_PERIOD_TOO_LONG' } as const;

export const periodError = (error: PeriodError) => new ReportsException(PERIOD_CODES[error]);

const unique = <T>(items: T[]) => [...new Set(items)];

/**
 * Checks a query the way both the API and exports need it (400 REPORT_* problems). Without a
 * preset, a report has every measure and no breakdown unless the query names them; explicit
 * `breakdowns`/`measures` override the preset's, each listed once in the order given.
 */
export function resolveSpec(query: ReportQuery): ReportSpec {
  const period = parsePeriod(String(query.period ?? ''));
  if (isPeriodError(period)) throw periodError(period.error);
  const preset = query.preset ?? null;
  if (preset !== null && !REPORT_PRESETS.includes(preset)) throw new ReportsException('REPORT_PRESET_UNKNOWN', { value: String(preset) });
  const layout = preset ? PRESET_LAYOUTS[preset] : null;
  const breakdowns = unique(query.breakdowns ?? layout?.breakdowns ?? []);
  const unknownDimension = breakdowns.find((d) => !REPORT_DIMENSIONS.includes(d));
  if (unknownDimension !== undefined) throw new ReportsException('REPORT_DIMENSION_UNKNOWN', { value: String(unknownDimension) });
  const measures = unique(query.measures?.length ? query.measures : (layout?.measures ?? [...REPORT_MEASURES]));
  const unknownMeasure = measures.find((m) => !REPORT_MEASURES.includes(m));
  if (unknownMeasure !== undefined) throw new ReportsException('REPORT_MEASURE_UNKNOWN', { value: String(unknownMeasure) });
  return { period, preset, measures, breakdowns, filters: normalizeFilters(query.filters ?? {}) };
}

/** Drops empty filters and checks values the HTTP DTO checks too (exports pass queries straight in). */
function normalizeFilters(filters: ReportFilters): ReportFilters {
  const out: ReportFilters = {};
  if (filters.targetGroups?.length) {
    const bad = filters.targetGroups.find((g) => !TARGET_GROUPS.includes(g));
    if (bad !== undefined) throw new ReportsException('REPORT_FILTER_INVALID', { value: `targetGroups: ${String(bad)}` });
    out.targetGroups = unique(filters.targetGroups);
  }
  if (filters.courseIds?.length) {
    const bad = filters.courseIds.find((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(id)));
    if (bad !== undefined) throw new ReportsException('REPORT_FILTER_INVALID', { value: `courseIds: ${String(bad)}` });
    out.courseIds = unique(filters.courseIds);
  }
  if (filters.format !== undefined) {
    if (!REPORT_FORMATS.includes(filters.format)) throw new ReportsException('REPORT_FILTER_INVALID', { value: `format: ${String(filters.format)}` });
    out.format = filters.format;
  }
  if (filters.province !== undefined) out.province = filters.province;
  if (filters.district !== undefined) out.district = filters.district;
  if (filters.instructorId) {
    if (!/^[0-9a-f-]{36}$/i.test(filters.instructorId)) throw new ReportsException('REPORT_FILTER_INVALID', { value: 'instructorId' });
    out.instructorId = filters.instructorId;
  }
  return out;
}
