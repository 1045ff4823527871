import type { TargetGroup } from './target-group';

/**
 * Report measures. Each has one definition (README, "Reports"), the same in every report and
 * export. Online = enrolment channel `online`; onsite = channel `onsite`.
 */
export const REPORT_MEASURES = [
  /** Online classes held: published courses with format self_paced, online_class or blended whose start (starts_at, else published_at) falls in the period. */
  'classes_online',
  /** Onsite classes held: published onsite_workshop (and blended) courses whose start falls in the period. */
  'classes_onsite',
  /** Enrolments that took a seat in the period. */
  'enrollments',
  /** Distinct learners with an enrolment activated in the period (any channel). */
  'learners',
  /** Distinct learners with an online enrolment activated in the period. */
  'learners_online',
  /** Distinct learners with an onsite enrolment activated in the period. */
  'learners_onsite',
  /** Distinct learners who attended a session or started a self-paced course in the period. */
  'attendees',
  /** Distinct learners who completed a course in the period. */
  'completers',
  /** Of the enrolments activated in the period, the share completed by now (0–100). */
  'completion_rate',
  /** Course certificates issued in the period (revoked ones included). */
  'certificates',
  /** Sum of the course's learning hours over completions in the period. */
  'learning_hours',
  /** Distinct people enrolled online or onsite in the period, each counted once. */
  'participants',
  /** Daily unique visitors to the catalog and course pages, summed over the period's days. */
  'reach_measured',
  /** Reach recorded by administrators for campaigns starting in the period. */
  'reach_recorded',
  /** reach_measured + reach_recorded (shown beside both, never instead of them). */
  'reach_total',
] as const;
export type ReportMeasure = (typeof REPORT_MEASURES)[number];

/** Measures an administrator can set a plan target for. */
export const PLANNABLE_MEASURES: readonly ReportMeasure[] = [
  'classes_online',
  'classes_onsite',
  'enrollments',
  'learners',
  'learners_online',
  'learners_onsite',
  'attendees',
  'completers',
  'certificates',
  'learning_hours',
  'participants',
  'reach_total',
];

/** What a report's rows can be broken down by. */
export const REPORT_DIMENSIONS = ['month', 'quarter', 'half', 'target_group', 'course', 'format', 'province', 'district', 'instructor'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export const REPORT_FORMATS = ['online', 'onsite'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_PRESETS = ['fiscal_year_summary', 'quarterly', 'half_year', 'by_target_group', 'online_vs_onsite', 'course_detail'] as const;
export type ReportPreset = (typeof REPORT_PRESETS)[number];

/** What each preset shows: its breakdowns (one table, sheet and chart each) and measures. */
export const PRESET_LAYOUTS: Record<ReportPreset, { breakdowns: ReportDimension[]; measures: ReportMeasure[] }> = {
  // The Chiang Mai layout: online classes and learners, onsite workshops and participants, all participants, reach.
  fiscal_year_summary: {
    breakdowns: ['target_group', 'month'],
    measures: ['classes_online', 'learners_online', 'classes_onsite', 'learners_onsite', 'participants', 'completers', 'certificates', 'learning_hours', 'reach_measured', 'reach_recorded', 'reach_total'],
  },
  quarterly: { breakdowns: ['quarter', 'target_group'], measures: ['classes_online', 'classes_onsite', 'enrollments', 'learners', 'attendees', 'completers', 'completion_rate', 'participants', 'reach_total'] },
  half_year: { breakdowns: ['half', 'target_group'], measures: ['classes_online', 'classes_onsite', 'enrollments', 'learners', 'attendees', 'completers', 'completion_rate', 'participants', 'reach_total'] },
  by_target_group: { breakdowns: ['target_group'], measures: ['enrollments', 'learners', 'attendees', 'completers', 'completion_rate', 'certificates', 'learning_hours', 'participants'] },
  online_vs_onsite: { breakdowns: ['format'], measures: ['enrollments', 'learners', 'attendees', 'completers', 'completion_rate', 'certificates', 'learning_hours'] },
  course_detail: { breakdowns: ['course'], measures: ['enrollments', 'learners', 'attendees', 'completers', 'completion_rate', 'certificates', 'learning_hours', 'reach_measured', 'reach_recorded'] },
};

/** Filters narrowing a report; all optional, combined with AND. */
export interface ReportFilters {
  targetGroups?: TargetGroup[];
  courseIds?: string[];
  format?: ReportFormat;
  province?: string;
  district?: string;
  instructorId?: string;
}

/** GET /api/v1/reports query, after validation. */
export interface ReportQuery {
  /** A period string (see report-period.ts). */
  period: string;
  preset?: ReportPreset;
  /** Overrides the preset's breakdowns. */
  breakdowns?: ReportDimension[];
  /** Overrides the preset's measures. */
  measures?: ReportMeasure[];
  filters?: ReportFilters;
}

export interface ReportValue {
  actual: number;
  /** The plan target for the period's fiscal year (whole-year target, for a fiscal-year period only), or null. */
  target: number | null;
  /** actual ÷ target × 100, one decimal; null without a target. */
  percentOfPlan: number | null;
}

export interface ReportRow {
  /** The dimension value: a month `2026-03`, `fy:2569:q1`, a target group, a course id, `online` … */
  key: string;
  /** Display label in the request's language (course title, instructor name, "ต.ค. 2568"). */
  label: string;
  values: Partial<Record<ReportMeasure, number>>;
}

export interface ReportBreakdown {
  dimension: ReportDimension;
  rows: ReportRow[];
}

export interface ReportResult {
  period: { key: string; kind: string; from: string; to: string; fiscalYear: number; label: string };
  preset: ReportPreset | null;
  measures: ReportMeasure[];
  filters: ReportFilters;
  totals: Partial<Record<ReportMeasure, ReportValue>>;
  breakdowns: ReportBreakdown[];
  /** The funnel reach → enrolled → attended → completed, for the dashboard. */
  funnel: { reach: number; enrolled: number; attended: number; completed: number };
  /** When the rollups were last brought up to date (ISO instant). */
  freshAt: string;
}

export const REACH_CHANNELS = ['facebook', 'line', 'youtube', 'tiktok', 'website', 'radio', 'print', 'other'] as const;
export type ReachChannel = (typeof REACH_CHANNELS)[number];

/** Referrer sources of measured visits, from the Referer host or `utm_source`. */
export const REACH_SOURCES = ['direct', 'facebook', 'line', 'google', 'youtube', 'tiktok', 'x', 'email', 'other'] as const;
export type ReachSource = (typeof REACH_SOURCES)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_KINDS = ['report', 'enrollments'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_STATUSES = ['queued', 'running', 'ready', 'failed', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** Above this many rows an export runs as a worker job instead of answering directly. */
export const DIRECT_EXPORT_MAX_ROWS = 20_000;
/** How long a finished export's download link works. */
export const EXPORT_TTL_HOURS = 24;
