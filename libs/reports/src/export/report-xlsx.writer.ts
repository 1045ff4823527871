import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { excelJs } from './exceljs.load';
import type { ExportTable, ReportLayout } from './report-table';

const HEADER_FONT = { bold: true } as const;

/**
 * A report as a workbook: a totals sheet (measure, actual, target, % of plan) and one sheet per
 * breakdown, with numbers as numbers. Written with exceljs's streaming writer and without shared
 * strings, so rows leave memory as they are committed.
 */
export async function writeReportXlsx(layout: ReportLayout, out: Writable): Promise<void> {
  const done = finished(out);
  // Awaited below; a failure before that must not become an unhandled rejection.
  done.catch(() => undefined);
  const workbook = new (excelJs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  const names = new SheetNames();
  const totals = workbook.addWorksheet(names.take(layout.totals.name));
  totals.columns = [{ width: 36 }, { width: 16 }, { width: 16 }, { width: 14, style: { numFmt: '0.0' } }];
  const title = totals.addRow([layout.title]);
  title.font = { bold: true, size: 14 };
  title.commit();
  totals.addRow([layout.periodLabel]).commit();
  totals.addRow([]).commit();
  writeTable(totals, layout.totals);
  totals.commit();
  for (const table of layout.breakdowns) {
    const sheet = workbook.addWorksheet(names.take(table.name));
    sheet.columns = table.columns.map((_, i) => ({ width: i === 0 ? 40 : 16, style: table.measures[i - 1] === 'completion_rate' ? { numFmt: '0.0' } : {} }));
    writeTable(sheet, table);
    sheet.commit();
  }
  await workbook.commit();
  await done;
}

function writeTable(sheet: ExcelJS.Worksheet, table: ExportTable): void {
  const header = sheet.addRow(table.columns);
  header.font = HEADER_FONT;
  header.commit();
  for (const row of table.rows) sheet.addRow(row).commit();
}

/** Excel sheet names: at most 31 characters, none of `[]:*?/\`, no quote at either end, unique ignoring case. */
export class SheetNames {
  private readonly used = new Set<string>();

  take(wanted: string): string {
    const base = wanted.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 3)} (${n})`;
    this.used.add(name.toLowerCase());
    return name;
  }
}
