import type { ExportFormat, Locale, ReportResult } from '@baanrian/contracts';
import { exportEnrollmentRows, renderReportExport, type StoredExportQuery } from '@baanrian/reports';
import { PassThrough, Readable } from 'node:stream';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/*
 * Small exports. Enrolment rows are streamed into the HTTP answer as they are written: a failure
 * half-way destroys the stream, so the client sees a cut connection rather than a file that looks
 * complete. A report (at most DIRECT_EXPORT_MAX_ROWS rows, already computed) is rendered first,
 * so a failure is an ordinary problem answer.
 */

/** A stream whose failure ends the answer (StreamableFile listens) but can never crash the process unheard. */
function answerStream(): PassThrough {
  const out = new PassThrough();
  out.on('error', () => undefined);
  return out;
}

export async function directReport(result: ReportResult, format: ExportFormat, locale: Locale): Promise<Readable> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await renderReportExport(result, format, locale, out);
  return Readable.from([Buffer.concat(chunks)]);
}

/**
 * Enrolment rows need a connection of their own for COPY or a cursor: taken from TypeORM's pool,
 * returned when the file is written, and thrown away (not returned) when the export stopped half-way,
 * since the connection may still be inside the COPY.
 */
export async function directEnrollmentRows(db: DataSource, query: StoredExportQuery, format: 'csv' | 'xlsx', locale: Locale): Promise<Readable> {
  const pool = (db.driver as unknown as { master: Pool }).master;
  const client = await pool.connect();
  const out = answerStream();
  exportEnrollmentRows(client, query, format, locale, out).then(
    () => client.release(),
    (error: Error) => {
      client.release(error);
      out.destroy(error);
    },
  );
  return out;
}
