import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { EXPORT_TTL_HOURS, type ExportFormat, type ExportKind, type Locale, type ReportExportReadyData } from '@baanrian/contracts';
import { createMediaStorage, type MediaStorage } from '@baanrian/db';
import type { JobData } from '@baanrian/jobs';
import {
  type BlockWriter,
  copySocket,
  exportContentType,
  exportEnrollmentCsvInto,
  exportEnrollmentRows,
  exportFileName,
  exportFinalKey,
  exportPrefix,
  exportTempKey,
  renderReportExport,
  reportRowCount,
  type StoredExportQuery,
} from '@baanrian/reports';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { PassThrough, type Writable } from 'node:stream';
import { Client, type Pool } from 'pg';
import type { DataSource } from 'typeorm';

interface ExportRow {
  id: string;
  requested_by_id: string | null;
  format: ExportFormat;
  kind: ExportKind;
  locale: Locale;
  status: string;
  row_count: number | null;
  query: StoredExportQuery;
}

/** Progress is written when it moved by this many percent: ~20 updates a file. */
const PROGRESS_STEP = 5;

/**
 * Writes a large export (outbox event `report.export-requested`). The file goes to a temporary key;
 * only once it is complete is it moved to its final key and the row set to `ready` (with its
 * expiry and the requester's notification) in one transaction, so a worker killed mid-file never
 * leaves a half file on offer. A rerun (BullMQ redelivers a job whose worker died) deletes what an
 * earlier run left under the export's prefix and starts the file again. Finished exports are skipped.
 */
@Injectable()
export class ReportExportJob {
  private readonly logger = new Logger(ReportExportJob.name);
  private readonly storage: MediaStorage;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.storage = createMediaStorage(config.media);
  }

  async handle(data: JobData<'report.export-requested'>, options: { finalAttempt?: boolean } = {}): Promise<{ status: string; rows?: number }> {
    // TypeORM answers an UPDATE with [rows, count].
    const [[row]]: [ExportRow[], number] = await this.db.query(
      `UPDATE report_export SET status = 'running', progress = 0, error = NULL WHERE id = $1 AND status IN ('queued', 'running')
       RETURNING id, requested_by_id, format, kind, locale, status, row_count, query`,
      [data.exportId],
    );
    if (!row) return { status: 'skipped' };
    await this.removeLeftovers(row.id);
    const tempKey = exportTempKey(row.id, randomUUID(), row.format);
    try {
      const { rows, bytes } = await this.writeFile(row, tempKey);
      await this.storage.move(tempKey, exportFinalKey(row.id, row.format));
      await this.finish(row, rows, bytes);
      this.logger.log({ exportId: row.id, rows, bytes }, 'report export ready');
      return { status: 'ready', rows };
    } catch (error) {
      await this.storage.delete(tempKey).catch(() => undefined);
      if (options.finalAttempt) {
        await this.db.query(`UPDATE report_export SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status = 'running'`, [row.id, String((error as Error).message).slice(0, 500)]);
      }
      throw error;
    }
  }

  /** Whatever an earlier, interrupted run wrote (partial files, or a final file whose row never became ready). */
  private async removeLeftovers(exportId: string): Promise<void> {
    for await (const object of this.storage.list(exportPrefix(exportId))) await this.storage.delete(object.key);
  }

  private async writeFile(row: ExportRow, key: string): Promise<{ rows: number; bytes: number }> {
    const writer = row.kind === 'enrollments' && row.format === 'csv' ? await this.storage.writer?.(key) : undefined;
    const rows = writer ? await this.writeCsvBlocks(row, writer) : await this.writeStream(row, key);
    const stored = await this.storage.stat(key);
    if (!stored) throw new Error(`export ${row.id}: the written file is missing`);
    return { rows, bytes: stored.size };
  }

  /**
   * The enrolment CSV on local disk: COPY's bytes go into the file from a few reused blocks, read
   * through a reused buffer on a connection of the export's own (copy-socket.ts). Writing 734 MB
   * through streams allocated a buffer per socket read, and the worker paid 45–47 major garbage
   * collections an export for that churn.
   */
  private async writeCsvBlocks(row: ExportRow, writer: BlockWriter): Promise<number> {
    const progress = new ExportProgress(this.db, row.id, row.row_count);
    const pool = (this.db.driver as unknown as { master: Pool }).master;
    // The pool's own settings (URL, TLS, application name), with the socket as the only change.
    const client = new Client({ ...pool.options, stream: copySocket });
    // A server shutting down sends a FATAL: the rejected query reports it, the listener keeps the process alive.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await writer.abort();
      throw error;
    }
    try {
      return await exportEnrollmentCsvInto(client, row.query, row.locale, writer, { progressEvery: 2_000, onRows: (n) => progress.rows(n) });
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async writeStream(row: ExportRow, key: string): Promise<number> {
    const body = new PassThrough();
    // A failed write is reported by `upload` (and the writer): no 'error' may go unheard and crash the worker.
    body.on('error', () => undefined);
    const upload = this.storage.put(key, body, exportContentType(row.format));
    try {
      const rows = await this.write(row, body);
      await upload;
      return rows;
    } catch (error) {
      body.destroy(error as Error);
      await upload.catch(() => undefined);
      throw error;
    }
  }

  private async write(row: ExportRow, out: Writable): Promise<number> {
    if (row.kind === 'report') {
      if (!row.query.result) throw new Error(`export ${row.id}: no report result stored`);
      await renderReportExport(row.query.result, row.format, row.locale, out);
      return reportRowCount(row.query.result);
    }
    if (row.format === 'pdf') throw new Error(`export ${row.id}: enrolment rows have no PDF form`);
    const progress = new ExportProgress(this.db, row.id, row.row_count);
    const pool = (this.db.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    try {
      const rows = await exportEnrollmentRows(client, row.query, row.format, row.locale, out, { progressEvery: 2_000, onRows: (n) => progress.rows(n) });
      client.release();
      return rows;
    } catch (error) {
      // The connection may be inside an unfinished COPY: close it rather than reuse it.
      client.release(error as Error);
      throw error;
    }
  }

  private async finish(row: ExportRow, rows: number, bytes: number): Promise<void> {
    await this.db.transaction(async (manager) => {
      const [[ready]]: [{ expires_at: Date }[], number] = await manager.query(
        `UPDATE report_export SET status = 'ready', progress = 100, storage_key = $2, byte_size = $3, row_count = $4,
                expires_at = now() + make_interval(hours => $5), finished_at = now()
          WHERE id = $1 AND status = 'running' RETURNING expires_at`,
        [row.id, exportFinalKey(row.id, row.format), bytes, rows, EXPORT_TTL_HOURS],
      );
      if (!ready || !row.requested_by_id) return;
      const notice: ReportExportReadyData = {
        exportId: row.id,
        format: row.format,
        kind: row.kind,
        period: row.query.period,
        fileName: exportFileName(row.kind, row.format, row.query.period, row.locale),
        expiresAt: ready.expires_at.toISOString(),
      };
      await manager.query(
        `INSERT INTO notification (user_id, type, data, dedupe_key) VALUES ($1, 'report.export-ready', $2, $3) ON CONFLICT (dedupe_key) DO NOTHING`,
        [row.requested_by_id, notice, `report.export-ready:${row.id}`],
      );
    });
  }
}

/** Writes the share done to the row when it moved by PROGRESS_STEP %; 100 is set with `ready`. */
class ExportProgress {
  private written = 0;

  constructor(
    private readonly db: DataSource,
    private readonly exportId: string,
    private readonly total: number | null,
  ) {}

  async rows(done: number): Promise<void> {
    if (!this.total) return;
    const percent = Math.min(99, Math.floor((done / this.total) * 100));
    if (percent - this.written < PROGRESS_STEP) return;
    this.written = percent;
    await this.db.query(`UPDATE report_export SET progress = $2 WHERE id = $1 AND status = 'running'`, [this.exportId, percent]);
  }
}
