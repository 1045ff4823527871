import type { Locale } from '@baanrian/contracts';
import { stringify } from 'csv-stringify';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { word } from './export.labels';
import { neutralise } from './export.safety';
import type { Cell, ReportLayout } from './report-table';

/**
 * A report as one rectangular CSV table, so a spreadsheet or a script reads it without sections:
 * `table, key, item, <one column per measure>`. The first three rows are the totals (actual,
 * target, % of plan), then one row per breakdown row. UTF-8 with a BOM, which Excel needs to read
 * Thai and Vietnamese as UTF-8; numbers as plain digits with a dot.
 */
export async function writeReportCsv(layout: ReportLayout, locale: Locale, out: Writable): Promise<void> {
  await pipeline(Readable.from(reportCsvRows(layout, locale)), stringify({ bom: true, eof: true }), out);
}

function* reportCsvRows(layout: ReportLayout, locale: Locale): Generator<Cell[]> {
  yield [word('table', locale), word('key', locale), word('item', locale), ...layout.totals.rows.map((row) => row[0])];
  const column = (index: number) => layout.totals.rows.map((row) => row[index]);
  yield [word('total', locale), '', layout.periodLabel, ...column(1)];
  yield [word('target', locale), '', layout.periodLabel, ...column(2)];
  yield [word('percentOfPlan', locale), '', layout.periodLabel, ...column(3)];
  for (const table of layout.breakdowns) {
    for (const [i, row] of table.rows.entries()) yield [table.name, neutralise(table.keys[i]), ...row];
  }
}
