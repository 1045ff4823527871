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
export const exportFinalKey = (exportId: string, format: ExportFormat) => `${exportPrefix(exportId)}export.${format}`;
export const exportTempKey = (exportId: string, nonce: string, format: ExportFormat) => `${exportPrefix(exportId)}partial-${nonce.toLowerCase()}.${format}`;
/** Whether a key under an export's prefix is a file still being written (or left by an interrupted run). */
export const isExportTempKey = (key: string) => /\/partial-[^/]+$/.test(key);

/**
 * How a stored export is encoded, from its key. Files are written as they are downloaded (plain
 * CSV, XLSX, PDF). Until 24 Nov 2026 CSV was kept gzip-compressed (`export.csv.gz`); such files
 * may still be on disk until they expire, and are still sent correctly.
 *
 * Why plain: deflate at level 1 runs at roughly 100 MB/s a core, so a 713 MB enrolment file cost
 * the worker about 6 s of the core PostgreSQL's COPY also needs (7 s), and the client as long again
 * to unpack it. Downloads are not compressed on the fly either (see the download route): for large
 * files on slow links the XLSX form is the compact one (a million rows in 91 MB).
 */
export function exportStoredEncoding(storageKey: string): 'gzip' | null {
  return storageKey.endsWith('.gz') ? 'gzip' : null;
}
