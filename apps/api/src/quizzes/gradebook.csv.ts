import { neutralise } from '@baanrian/reports';

/**
 * CSV for spreadsheets: a UTF-8 byte order mark so Excel reads Thai and Vietnamese as UTF-8,
 * CRLF line ends, every field quoted, and text a spreadsheet could read as a formula neutralised
 * by the one rule every export shares (`neutralise`, libs/reports/src/export/export.safety.ts),
 * so `=HYPERLINK(...)` in a learner's name stays text. Numbers are written as numbers.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '""';
  const text = typeof value === 'string' ? neutralise(value) : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(rows: (string | number | boolean | null)[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
