import type { ExportFormat, Locale, ReportResult } from '@baanrian/contracts';
import type { Writable } from 'node:stream';
import { writeReportCsv } from './report-csv.writer';
import { writeReportPdf } from './report-pdf.writer';
import { layoutReport } from './report-table';
import { writeReportXlsx } from './report-xlsx.writer';

/**
 * Writes a report in the asked format to `out` and ends it; resolves once `out` has finished.
 * The same layout feeds every format, so a CSV, a workbook and a PDF of one report agree.
 */
export async function renderReportExport(result: ReportResult, format: ExportFormat, locale: Locale, out: Writable, generatedAt = new Date()): Promise<void> {
  const layout = layoutReport(result, locale);
  if (format === 'csv') return writeReportCsv(layout, locale, out);
  if (format === 'xlsx') return writeReportXlsx(layout, out);
  return writeReportPdf(layout, locale, out, generatedAt);
}
