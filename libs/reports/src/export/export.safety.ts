/**
 * Formula injection ("CSV injection"): a spreadsheet opening a file treats a cell that starts with
 * `=`, `+`, `-` or `@` as a formula, and a leading tab or carriage return can hide such a start.
 * Course titles, names and areas are typed by people, so every TEXT cell of every export (CSV,
 * XLSX and PDF alike, so a value copied out of any of them is the same) that starts with one of
 * these gets a single quote in front, which spreadsheets show as text.
 *
 * Only text is neutralised: numbers are written as typed numbers (XLSX) or plain digits (CSV),
 * which no spreadsheet evaluates, so a negative number stays a number. Dates are produced by the
 * exporter itself and always start with a digit.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The same rule in SQL, for exports streamed straight out of PostgreSQL with COPY: the pattern is
 * FORMULA_START's own source (no copy to drift), written as a standard-conforming literal, whose
 * `\-`, `\t` and `\r` PostgreSQL's regex engine reads itself. The source holds no quote.
 */
export function sqlNeutralise(expression: string): string {
  // Parenthesised: `'''' || c.title->>'th'` would otherwise concatenate before `->>`.
  const e = `(${expression})`;
  return `(CASE WHEN ${e} ~ '${FORMULA_START.source}' THEN '''' || ${e} ELSE ${e} END)`;
}

