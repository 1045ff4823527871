import {
  DIRECT_EXPORT_MAX_ROWS,
  type ExportFormat,
  type ExportKind,
  isPeriodError,
  type Locale,
  parsePeriod,
  type ReportResult,
} from '@baanrian/contracts';
import { type ByteReader, type MediaStorage, ReportExportEntity, writeOutboxEvent } from '@baanrian/db';
import { enrollmentCountSql, exportContentType, exportFileName, exportStoredEncoding, reportRowCount, type StoredExportQuery } from '@baanrian/reports';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { writeAudit } from '../accounts/user-accounts';
import type { AuthUser } from '../authz/authz.types';
import { MEDIA_STORAGE } from '../media/media.service';
import { currentRequestId } from '../observability/request-context';
import { directEnrollmentRows, directReport } from './report-export.direct';
import { followExport } from './report-export.follow';
import { scopedFilters } from './report-export.scope';
import { REPORT_RUNNER, type ReportRunner } from './report-runner';
import { ReportExportLinks } from './report-export.link';
import type { CreateReportExportDto, ReportExportDto, ReportExportLinkDto } from './report-exports.dto';
import { ReportExportsException } from './report-exports.exception';

/** A file to send now, or a job the worker runs. */
export type ReportExportOutcome = { kind: 'file'; stream: Readable; fileName: string; contentType: string } | { kind: 'job'; export: ReportExportDto };

export interface ReportExportFile {
  /** A local file is read into the sender's own buffers (see ByteReader); an S3 object, or a gzip-stored one, streams. */
  body: { reader: ByteReader } | { stream: Readable };
  fileName: string;
  contentType: string;
  /** `gzip`: the stream is the stored gzip bytes (see exportStoredEncoding); the controller decides how to send them. */
  encoding: 'gzip' | null;
  /** Bytes as stored (sent as Content-Length when the file goes out as it is); null while the worker is still writing it. */
  byteSize: number | null;
}

type ExportRow = Pick<ReportExportEntity, 'id' | 'format' | 'kind' | 'locale' | 'status' | 'progress' | 'rowCount' | 'byteSize' | 'storageKey' | 'expiresAt' | 'createdAt' | 'finishedAt'> & {
  period: string;
};

const SUMMARY_COLUMNS = `id, format, kind, locale, status, progress, row_count AS "rowCount", byte_size::float8 AS "byteSize", storage_key AS "storageKey",
  expires_at AS "expiresAt", created_at AS "createdAt", finished_at AS "finishedAt", query->>'period' AS period`;

/**
 * Report exports (issue 10): counts the rows first, answers small exports at once and hands large
 * ones to the worker (a `report_export` row and its outbox event, in one transaction). Every
 * export is audited (`report.export`). Downloads are the requester's only.
 */
@Injectable()
export class ReportExportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REPORT_RUNNER) private readonly runner: ReportRunner,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly links: ReportExportLinks,
  ) {}

  async create(viewer: AuthUser, dto: CreateReportExportDto, locale: Locale): Promise<ReportExportOutcome> {
    const period = parsePeriod(dto.period);
    if (isPeriodError(period)) throw new ReportExportsException('REPORT_EXPORT_PERIOD_INVALID', {}, { reason: period.error });
    if (dto.kind === 'enrollments' && dto.format === 'pdf') throw new ReportExportsException('REPORT_EXPORT_FORMAT_UNSUPPORTED');
    const { filters, scopeInstructorId } = await scopedFilters(this.db.manager, viewer, plain(dto.filters));
    const stored: StoredExportQuery = { period: period.key, from: period.from, to: period.to, preset: dto.preset, breakdowns: dto.breakdowns, measures: dto.measures, filters, scopeInstructorId };
    const fileName = exportFileName(dto.kind, dto.format, period.key, locale);
    let result: ReportResult | null = null;
    let rows: number;
    if (dto.kind === 'report') {
      result = await this.runner.run({ period: period.key, preset: dto.preset, breakdowns: dto.breakdowns, measures: dto.measures, filters }, viewer, locale);
      rows = reportRowCount(result);
    } else {
      [{ rows }] = await this.db.query(enrollmentCountSql(stored));
    }
    if (rows <= DIRECT_EXPORT_MAX_ROWS) {
      // A report is rendered before it is audited; enrolment rows are audited, then streamed.
      const rendered = result ? await directReport(result, dto.format, locale) : null;
      await this.db.transaction((manager) => this.audit(manager, viewer, dto, stored, rows, null));
      const stream = rendered ?? (await directEnrollmentRows(this.db, stored, dto.format as 'csv' | 'xlsx', locale));
      return { kind: 'file', stream, fileName, contentType: exportContentType(dto.format) };
    }
    // The worker cannot call the report service (it lives here): it renders the result computed now.
    if (result) stored.result = result;
    const id = await this.db.transaction(async (manager) => {
      const row = await manager.save(
        ReportExportEntity,
        manager.create(ReportExportEntity, { requestedById: viewer.id, format: dto.format, kind: dto.kind, query: { ...stored }, locale, status: 'queued', rowCount: rows }),
      );
      await writeOutboxEvent(manager, 'report.export-requested', { exportId: row.id }, currentRequestId());
      await this.audit(manager, viewer, dto, stored, rows, row.id);
      return row.id;
    });
    return { kind: 'job', export: await this.get(viewer, id) };
  }

  /** The caller's own exports, newest first. */
  async list(viewer: AuthUser): Promise<ReportExportDto[]> {
    const rows: ExportRow[] = await this.db.query(`SELECT ${SUMMARY_COLUMNS} FROM report_export WHERE requested_by_id = $1 ORDER BY created_at DESC, id LIMIT 100`, [viewer.id]);
    return rows.map(toDto);
  }

  async get(viewer: AuthUser, id: string): Promise<ReportExportDto> {
    return toDto(await this.own(viewer, id));
  }

  /**
   * The finished file: 404 unless the caller asked for it, 410 once expired, 409 before it is ready.
   * With `follow`, a queued or running export is sent as the worker writes it (report-export.follow.ts).
   */
  async file(viewer: AuthUser, id: string, follow = false): Promise<ReportExportFile> {
    let row = await this.own(viewer, id);
    if (isExpired(row)) throw new ReportExportsException('REPORT_EXPORT_EXPIRED');
    if (follow && (row.status === 'queued' || row.status === 'running')) {
      const reader = await followExport(this.db, this.storage, row.id);
      if (reader) return { body: { reader }, ...this.described(row), encoding: null, byteSize: null };
      // It finished (or failed) before a file could be followed: answer as for any export.
      row = await this.own(viewer, id);
    }
    if (row.status !== 'ready' || !row.storageKey) throw new ReportExportsException('REPORT_EXPORT_NOT_READY', {}, { exportStatus: row.status });
    const encoding = exportStoredEncoding(row.storageKey);
    let body: ReportExportFile['body'];
    let stored: Awaited<ReturnType<MediaStorage['stat']>>;
    try {
      // The length sent is the file's own, not the row's copy of it: a wrong Content-Length breaks the download.
      stored = await this.storage.stat(row.storageKey);
      if (!stored) throw new Error('gone');
      body = this.storage.reader && !encoding ? { reader: await this.storage.reader(row.storageKey) } : { stream: await this.storage.get(row.storageKey) };
    } catch {
      // Expiry deleted the file between the check and the read.
      throw new ReportExportsException('REPORT_EXPORT_EXPIRED');
    }
    return { body, ...this.described(row), encoding, byteSize: stored.size };
  }

  /**
   * A link the browser downloads from by itself (to disk, showing its own progress): for a ready
   * export, or with `follow` for one still being written. Refused as `file` would refuse it.
   */
  async link(viewer: AuthUser, id: string, follow = false): Promise<ReportExportLinkDto> {
    const row = await this.own(viewer, id);
    if (isExpired(row)) throw new ReportExportsException('REPORT_EXPORT_EXPIRED');
    const writing = row.status === 'queued' || row.status === 'running';
    if (row.status !== 'ready' && !(follow && writing)) throw new ReportExportsException('REPORT_EXPORT_NOT_READY', {}, { exportStatus: row.status });
    const { token, expiresAt } = this.links.sign(row.id, { userId: viewer.id, follow });
    return { url: `/api/v1/reports/exports/${row.id}/download?token=${token}`, expiresAt: expiresAt.toISOString() };
  }

  /** The file behind a download link: as `file` for the link's requester, while they may still sign in. */
  async fileByLink(id: string, token: string): Promise<ReportExportFile> {
    const claims = this.links.verify(id, token);
    const [user]: { id: string; display_name: string }[] = claims
      ? await this.db.query(`SELECT id, display_name FROM app_user WHERE id = $1 AND disabled_at IS NULL AND erased_at IS NULL`, [claims.userId])
      : [];
    if (!claims || !user) throw new ReportExportsException('REPORT_EXPORT_LINK_INVALID');
    return this.file({ id: user.id, displayName: user.display_name, roles: [] }, id, claims.follow);
  }

  private described(row: ExportRow): Pick<ReportExportFile, 'fileName' | 'contentType'> {
    return { fileName: exportFileName(row.kind as ExportKind, row.format as ExportFormat, row.period, row.locale as Locale), contentType: exportContentType(row.format as ExportFormat) };
  }

  private async own(viewer: AuthUser, id: string): Promise<ExportRow> {
    const [row]: ExportRow[] = await this.db.query(`SELECT ${SUMMARY_COLUMNS} FROM report_export WHERE id = $1 AND requested_by_id = $2`, [id, viewer.id]);
    if (!row) throw new ReportExportsException('REPORT_EXPORT_NOT_FOUND');
    return row;
  }

  private audit(manager: EntityManager, viewer: AuthUser, dto: CreateReportExportDto, stored: StoredExportQuery, rows: number, exportId: string | null): Promise<void> {
    return writeAudit(manager, {
      actorId: viewer.id,
      action: 'report.export',
      targetId: exportId,
      details: { format: dto.format, kind: dto.kind, period: stored.period, preset: dto.preset ?? null, filters: stored.filters, rows, delivery: exportId ? 'job' : 'direct' },
    });
  }
}

/** The validated filters as a plain object without unset keys (it is stored as JSON). */
function plain<T extends object>(value: T | undefined): T {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as T;
}

const isExpired = (row: ExportRow) => row.status === 'expired' || (row.expiresAt !== null && row.expiresAt.getTime() <= Date.now());

function toDto(row: ExportRow): ReportExportDto {
  const expired = isExpired(row);
  return {
    id: row.id,
    format: row.format as ExportFormat,
    kind: row.kind as ExportKind,
    period: row.period,
    // A ready export past its time reads as expired before the hourly sweep marks it.
    status: expired ? 'expired' : (row.status as ReportExportDto['status']),
    progress: row.progress,
    rowCount: row.rowCount,
    byteSize: row.byteSize,
    fileName: exportFileName(row.kind as ExportKind, row.format as ExportFormat, row.period, row.locale as Locale),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    downloadUrl: row.status === 'ready' && !expired ? `/api/v1/reports/exports/${row.id}/file` : null,
  };
}
