export { renderReportExport } from './report-export.render';
export { layoutReport, reportRowCount, reportTitle, type ReportLayout } from './report-table';
export { exportEnrollmentRows, XLSX_ROWS_PER_SHEET, type EnrollmentExportOptions } from './enrollment-rows.export';
export { enrollmentCountSql, enrollmentHeader, enrollmentRowsSql, type EnrollmentRowsQuery } from './enrollment-rows.sql';
export { FORMULA_START, neutralise, sqlNeutralise } from './export.safety';
export { exportContentType, exportFileName, exportFinalKey, exportPrefix, exportStoredEncoding, exportTempKey, isExportTempKey } from './export.files';
export { FORMULA_CORPUS, sampleReportResult } from './export.fixtures';
export type { StoredExportQuery } from './export.job';
export { CHANNEL_LABELS, TARGET_GROUP_LABELS } from './export.labels';
