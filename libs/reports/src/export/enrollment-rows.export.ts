import type { Locale } from '@baanrian/contracts';
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { type BlockWriter, copyOut } from './copy-out';
import { excelJs } from './exceljs.load';
import { word } from './export.labels';
import { ENROLLMENT_TIME_COLUMNS, enrollmentHeader, enrollmentRowsSql, type EnrollmentRowsQuery } from './enrollment-rows.sql';

export interface EnrollmentExportOptions {
  /** Called with the rows written so far, at most every `progressEvery` rows (and at the end). */
  onRows?: (rows: number) => void | Promise<void>;
  progressEvery?: number;
}

/** Excel holds 1,048,576 rows a sheet; past this many, rows continue on a new sheet. */
export const XLSX_ROWS_PER_SHEET = 1_000_000;
/** Rows fetched from the cursor at a time: small enough to keep memory flat, large enough to amortise round trips. */
const FETCH_ROWS = 2_000;

/**
 * Streams one row per enrolment to `out` (and ends it). `client` is a dedicated connection (the
 * XLSX path opens a transaction on it). Returns the number of rows written.
 *
 * CSV goes straight from PostgreSQL's COPY to `out`, after a BOM and a header row written here (COPY's
 * own HEADER would take the column names from identifiers, which PostgreSQL cuts at 63 bytes: about
 * 20 Thai letters). XLSX reads a server-side cursor in batches into exceljs's streaming writer, and
 * waits for `out` to drain between batches, so memory stays flat however many rows there are.
 */
export async function exportEnrollmentRows(
  client: ClientBase,
  query: EnrollmentRowsQuery,
  format: 'csv' | 'xlsx',
  locale: Locale,
  out: Writable,
  options: EnrollmentExportOptions = {},
): Promise<number> {
  return format === 'csv' ? copyCsv(client, query, locale, out, options) : cursorXlsx(client, query, locale, out, options);
}

/** The caller's `onRows`, passed on only once `progressEvery` more rows are written; the final count is reported apart. */
function throttled(options: EnrollmentExportOptions): (rows: number) => void | Promise<void> {
  const every = options.progressEvery ?? 10_000;
  let reported = 0;
  return (rows) => {
    if (!options.onRows || rows - reported < every) return;
    reported = rows;
    return options.onRows(rows);
  };
}

/**
 * The CSV form into a file written from reused blocks (a local disk's ByteWriter): the same bytes
 * as exportEnrollmentRows, without a stream between the COPY and the file, so that with a
 * ReusedBufferSocket under `client` nothing is allocated per read (copy-out.sinks.ts). Ends the
 * writer, or aborts it (removing the file) on failure. Returns the number of rows written.
 */
export async function exportEnrollmentCsvInto(
  client: ClientBase,
  query: EnrollmentRowsQuery,
  locale: Locale,
  writer: BlockWriter,
  options: EnrollmentExportOptions = {},
): Promise<number> {
  let rows: number;
  try {
    await writer.write(Buffer.from(stringify([enrollmentHeader(locale)], { bom: true })));
    rows = await copyOut(client, csvCopySql(query, locale), writer, { onRows: throttled(options) });
    await writer.end();
  } catch (error) {
    await writer.abort().catch(() => undefined);
    throw error;
  }
  // PostgreSQL's own count, from COPY's command tag.
  await options.onRows?.(rows);
  return rows;
}

const csvCopySql = (query: EnrollmentRowsQuery, locale: Locale) => `COPY (${enrollmentRowsSql(query, locale)}) TO STDOUT WITH (FORMAT csv)`;

async function copyCsv(client: ClientBase, query: EnrollmentRowsQuery, locale: Locale, out: Writable, options: EnrollmentExportOptions): Promise<number> {
  const done = finished(out, { readable: false });
  // Awaited at the end; a failure before that must not become an unhandled rejection.
  done.catch(() => undefined);
  const onRows = throttled(options);
  out.write(stringify([enrollmentHeader(locale)], { bom: true }));
  let rows: number;
  try {
    rows = await copyOut(client, csvCopySql(query, locale), out, { onRows });
  } catch (error) {
    out.destroy(error as Error);
    throw error;
  }
  out.end();
  await done;
  // PostgreSQL's own count, from COPY's command tag.
  await options.onRows?.(rows);
  return rows;
}

async function cursorXlsx(client: ClientBase, query: EnrollmentRowsQuery, locale: Locale, out: Writable, options: EnrollmentExportOptions): Promise<number> {
  const done = finished(out);
  // Awaited at the end; a failure before that must not become an unhandled rejection.
  done.catch(() => undefined);
  // The reader went away (a client closed the download): stop fetching instead of waiting for a drain that never comes.
  const closed = new Promise<void>((resolve) => out.once('close', resolve));
  const stopIfClosed = () => {
    if (out.destroyed) throw new Error('enrollment export: the output was closed before the end');
  };
  // Deflate level 1: about twice the rows per second of the default 6 for a file a few percent larger
  // (measured on 200,000 rows; deflate is where a streamed workbook spends most of its time).
  const workbook = new (excelJs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  const header = enrollmentHeader(locale);
  const columns = header.map((_, i) => (ENROLLMENT_TIME_COLUMNS.includes(i) ? { width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } } : { width: i < 2 ? 36 : 16 }));
  let sheets = 0;
  const newSheet = (): ExcelJS.Worksheet => {
    sheets += 1;
    const sheet = workbook.addWorksheet(sheets === 1 ? word('enrollments', locale) : `${word('enrollments', locale)} (${sheets})`);
    sheet.columns = columns;
    const head = sheet.addRow(header);
    head.font = { bold: true };
    head.commit();
    return sheet;
  };
  let sheet = newSheet();
  let sheetRows = 0;
  let rows = 0;
  const progress = throttled(options);
  await client.query('BEGIN READ ONLY');
  try {
    await client.query(`DECLARE enrollment_rows NO SCROLL CURSOR FOR ${enrollmentRowsSql(query, locale)}`);
    for (;;) {
      const batch = await client.query<string[]>({ text: `FETCH ${FETCH_ROWS} FROM enrollment_rows`, rowMode: 'array' });
      if (batch.rows.length === 0) break;
      for (const values of batch.rows) {
        if (sheetRows === XLSX_ROWS_PER_SHEET) {
          sheet.commit();
          sheet = newSheet();
          sheetRows = 0;
        }
        sheet.addRow(values.map((value, i) => (ENROLLMENT_TIME_COLUMNS.includes(i) ? bangkokDate(value) : value))).commit();
        sheetRows += 1;
        rows += 1;
      }
      await progress(rows);
      await zipCaughtUp(sheet, closed);
      // The zip stream buffers what `out` has not taken yet: wait rather than let it grow.
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), closed]);
      stopIfClosed();
    }
    await client.query('CLOSE enrollment_rows');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    out.destroy(error as Error);
    throw error;
  }
  sheet.commit();
  await workbook.commit();
  await done;
  await options.onRows?.(rows);
  return rows;
}

/**
 * exceljs writes a sheet's XML into a buffer piped to the zip entry's deflate stream without
 * looking at the return of write(): when rows come faster than deflate compresses them, the
 * deflate stream's queue grows without bound (hundreds of MB over a million rows). Waiting for
 * that stream to drain between batches is the backpressure exceljs leaves out.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet, closed: Promise<void>): Promise<void> {
  // The entry is a readable-stream v3 PassThrough: it has no `writableNeedDrain` getter, so its state is read.
  type Entry = Writable & { _writableState?: { needDrain?: boolean } };
  const pipes = (sheet as unknown as { stream?: { pipes?: Entry[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) if (pipe._writableState?.needDrain ?? pipe.writableNeedDrain) await Promise.race([once(pipe, 'drain'), closed]);
}

/**
 * A Bangkok wall-clock time as the Date exceljs writes: Excel has no time zones, and exceljs
 * stores a Date's UTC fields, so the UTC fields are set to the Bangkok time.
 */
function bangkokDate(value: string | null): Date | null {
  return value ? new Date(`${value.replace(' ', 'T')}:00Z`) : null;
}
