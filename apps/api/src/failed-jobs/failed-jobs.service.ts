import { FAILED_JOB_PAGE_SIZE, type FailedJobQueue, type FailedJobStatus } from '@baanrian/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { writeAudit } from '../accounts/user-accounts';
import type { AuthUser } from '../authz/authz.types';
import { FailedJobQueues } from './failed-job.queues';
import type { DismissFailedJobDto, FailedJobDto, FailedJobListDto, ListFailedJobsQueryDto } from './failed-jobs.dto';
import { FailedJobsException } from './failed-jobs.exception';

interface FailureRow {
  id: string;
  queue: FailedJobQueue;
  job_id: string;
  job_name: string;
  payload: Record<string, unknown>;
  error_message: string;
  error_code: string | null;
  attempts: number;
  failures: number;
  first_failed_at: Date;
  last_failed_at: Date;
  status: FailedJobStatus;
  resolved_at: Date | null;
  resolved_by_name: string | null;
  resolution_note: string | null;
  total: number;
}

const SELECT = `SELECT f.id, f.queue, f.job_id, f.job_name, f.payload, f.error_message, f.error_code, f.attempts, f.failures,
         f.first_failed_at, f.last_failed_at, f.status, f.resolved_at, u.display_name AS resolved_by_name, f.resolution_note,
         count(*) OVER ()::int AS total
  FROM job_failure f LEFT JOIN app_user u ON u.id = f.resolved_by_id`;

/**
 * Records listed by housekeeping for a mail the SMTP server may have taken before its worker died:
 * there is no job to run again, and a resend could be the recipient's second copy.
 */
const UNCONFIRMED_MAIL = 'mail.unconfirmed';

/** Jobs that failed for good (recorded by the worker): the list, a retry through BullMQ, a dismissal. */
@Injectable()
export class FailedJobsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: FailedJobQueues,
  ) {}

  /** Newest failure first; a page past the end still says how many there are. */
  async list(query: ListFailedJobsQueryDto): Promise<FailedJobListDto> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.queue) where.push(`f.queue = $${params.push(query.queue)}`);
    if (query.status) where.push(`f.status = $${params.push(query.status)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const offset = query.offset ?? 0;
    const rows: FailureRow[] = await this.db.query(
      `${SELECT} ${filter} ORDER BY f.last_failed_at DESC, f.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit ?? FAILED_JOB_PAGE_SIZE, offset],
    );
    if (rows.length > 0 || offset === 0) return { items: rows.map(toDto), total: rows[0]?.total ?? 0 };
    const [{ total }]: { total: number }[] = await this.db.query(`SELECT count(*)::int AS total FROM job_failure f ${filter}`, params);
    return { items: [], total };
  }

  /**
   * Sends the same job (name, payload, id) back to its queue and marks the record retried, with
   * an audit entry, in one transaction. The queue is touched last: if Redis refuses, the row
   * stays open and nothing is written. If the retried job fails again the worker reopens the row.
   */
  async retry(user: AuthUser, id: string): Promise<FailedJobDto> {
    await this.db.transaction(async (manager) => {
      const row = await this.lockOpen(manager, id);
      if (row.job_name === UNCONFIRMED_MAIL) throw new FailedJobsException('JOB_FAILURE_NOT_RETRYABLE');
      await manager.query(`UPDATE job_failure SET status = 'retried', resolved_at = now(), resolved_by_id = $2, resolution_note = NULL WHERE id = $1`, [id, user.id]);
      await writeAudit(manager, { actorId: user.id, action: 'job.retry', targetId: id, details: { queue: row.queue, jobId: row.job_id, jobName: row.job_name } });
      await this.queues.retry(row.queue, row.job_id);
    });
    return this.get(id);
  }

  /** Closes the record with a reason; the job stays in the failed set until BullMQ expires it. */
  async dismiss(user: AuthUser, id: string, dto: DismissFailedJobDto): Promise<FailedJobDto> {
    await this.db.transaction(async (manager) => {
      const row = await this.lockOpen(manager, id);
      await manager.query(`UPDATE job_failure SET status = 'dismissed', resolved_at = now(), resolved_by_id = $2, resolution_note = $3 WHERE id = $1`, [id, user.id, dto.reason]);
      await writeAudit(manager, { actorId: user.id, action: 'job.dismiss', targetId: id, details: { queue: row.queue, jobId: row.job_id, jobName: row.job_name, reason: dto.reason } });
    });
    return this.get(id);
  }

  private async lockOpen(manager: EntityManager, id: string): Promise<Pick<FailureRow, 'queue' | 'job_id' | 'job_name'>> {
    const [row]: Pick<FailureRow, 'queue' | 'job_id' | 'job_name' | 'status'>[] = await manager.query(
      `SELECT queue, job_id, job_name, status FROM job_failure WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) throw new FailedJobsException('JOB_FAILURE_NOT_FOUND');
    if (row.status !== 'open') throw new FailedJobsException('JOB_FAILURE_NOT_OPEN');
    return row;
  }

  private async get(id: string): Promise<FailedJobDto> {
    const [row]: FailureRow[] = await this.db.query(`${SELECT} WHERE f.id = $1`, [id]);
    if (!row) throw new FailedJobsException('JOB_FAILURE_NOT_FOUND');
    return toDto(row);
  }
}

function toDto(row: FailureRow): FailedJobDto {
  return {
    id: row.id,
    queue: row.queue,
    jobName: row.job_name,
    jobId: row.job_id,
    payload: row.payload,
    errorMessage: row.error_message,
    errorCode: row.error_code,
    attempts: row.attempts,
    failures: row.failures,
    firstFailedAt: row.first_failed_at.toISOString(),
    lastFailedAt: row.last_failed_at.toISOString(),
    status: row.status,
    retryable: row.job_name !== UNCONFIRMED_MAIL,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    resolvedByName: row.resolved_by_name,
    resolutionNote: row.resolution_note,
  };
}
