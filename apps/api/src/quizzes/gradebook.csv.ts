/**
 * CSV for spreadsheets: a UTF-8 byte order mark so Excel reads Thai and Vietnamese as UTF-8,
 * CRLF line ends, every field quoted, and any cell a spreadsheet could read as a formula
 * (starting with = + - @, a tab or a carriage return) prefixed with an apostrophe (OWASP's
 * advice on CSV injection), so `=HYPERLINK(...)` in a learner's name stays text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '""';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(rows: (string | number | boolean | null)[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
