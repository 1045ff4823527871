import type { ExportFormat, ExportKind, Locale } from '@baanrian/contracts';
import { word } from './export.labels';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export function exportContentType(format: ExportFormat): string {
  return CONTENT_TYPES[format];
}

/** `รายงาน-fy-2569.xlsx`, `enrolments-range-2026-01-05-2026-02-10.csv`: in the file's language (sent as UTF-8). */
export function exportFileName(kind: ExportKind, format: ExportFormat, periodKey: string, locale: Locale): string {
  const base = word(kind === 'report' ? 'fileReport' : 'fileEnrollments', locale);
  return `${base}-${periodKey.replace(/[^0-9a-z]+/gi, '-').replace(/^-|-$/g, '')}.${format}`;
}

/*
 * Media-storage keys of export files, all under `exports/<id>/` (outside `tmp/` and `media/`, which
 * media housekeeping sweeps). A job writes a `partial-<nonce>` file and moves it to `export.<ext>`
 * only once it is complete; the row points at the file only after that.
 */
export const exportPrefix = (exportId: string) => `exports/${exportId.toLowerCase()}/`;
export const exportFinalKey = (exportId: string, format: ExportFormat) => `${exportPrefix(exportId)}export.${format}${exportStoredEncoding(format) ? '.gz' : ''}`;
export const exportTempKey = (exportId: string, nonce: string, format: ExportFormat) => `${exportPrefix(exportId)}partial-${nonce.toLowerCase()}.${format}`;

/**
 * How a finished export is kept. CSV is stored gzip-compressed (level 1: about a fifth of the
 * bytes at several hundred MB/s) and sent as it is to clients that accept gzip, which is every
 * browser: compressing a 700 MB enrolment file again on each download took the API's core for
 * longer than PostgreSQL took to produce the rows. XLSX is already a zip; PDF streams are deflated.
 */
export function exportStoredEncoding(format: ExportFormat): 'gzip' | null {
  return format === 'csv' ? 'gzip' : null;
}
