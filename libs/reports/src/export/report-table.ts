import type { Locale, ReportMeasure, ReportResult } from '@baanrian/contracts';
import { DIMENSION_LABELS, MEASURE_LABELS, PRESET_LABELS, word } from './export.labels';
import { neutralise } from './export.safety';

/** One cell: text (neutralised), a number, or nothing (a missing value or target). */
export type Cell = string | number | null;

export interface ExportTable {
  /** Sheet name, CSV section and PDF heading. */
  name: string;
  columns: string[];
  rows: Cell[][];
}

/** A breakdown as a table: the row label, then one column per measure. */
export interface BreakdownTable extends ExportTable {
  dimension: string;
  /** Row keys (`2026-03`, `youth`…), parallel to `rows`. */
  keys: string[];
  measures: ReportMeasure[];
}

/** A report laid out once for every writer, so CSV, XLSX and PDF show the same cells. */
export interface ReportLayout {
  title: string;
  periodLabel: string;
  /** Measure | Actual | Target | % of plan. */
  totals: ExportTable;
  breakdowns: BreakdownTable[];
  measures: ReportMeasure[];
}

const num = (value: number | null | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function reportTitle(result: ReportResult, locale: Locale): string {
  const title = word('title', locale);
  return result.preset ? `${title}: ${PRESET_LABELS[result.preset][locale]}` : title;
}

export function layoutReport(result: ReportResult, locale: Locale): ReportLayout {
  const measures = result.measures;
  const totals: ExportTable = {
    name: word('totals', locale),
    columns: [word('measure', locale), word('actual', locale), word('target', locale), word('percentOfPlan', locale)],
    rows: measures.map((measure) => {
      const value = result.totals[measure];
      return [MEASURE_LABELS[measure][locale], num(value?.actual), num(value?.target), num(value?.percentOfPlan)];
    }),
  };
  const breakdowns = result.breakdowns.map((breakdown): BreakdownTable => ({
    name: DIMENSION_LABELS[breakdown.dimension][locale],
    dimension: breakdown.dimension,
    measures,
    keys: breakdown.rows.map((row) => row.key),
    columns: [DIMENSION_LABELS[breakdown.dimension][locale], ...measures.map((m) => MEASURE_LABELS[m][locale])],
    // Labels come from course titles and people's names: neutralised like every text cell.
    rows: breakdown.rows.map((row) => [neutralise(row.label), ...measures.map((m) => num(row.values[m]))]),
  }));
  return { title: neutralise(reportTitle(result, locale)), periodLabel: neutralise(result.period.label), totals, breakdowns, measures };
}

/** Rows a report export holds (totals plus every breakdown row): decides direct answer or job. */
export function reportRowCount(result: ReportResult): number {
  return result.measures.length + result.breakdowns.reduce((sum, b) => sum + b.rows.length, 0);
}
