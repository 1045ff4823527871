import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { JobFailureRecord } from './job-failure.summary';

/**
 * Writes failures to `job_failure`, exactly once per failure. The row is unique per (queue, job
 * id); a failure seen again (the event and the sweep, or a second worker) carries the same
 * `last_failed_at` and changes nothing, while a later failure of the same job (after an
 * administrator's retry) reopens the row and counts it.
 */
@Injectable()
export class JobFailureRecorder {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Returns whether a row was added or reopened (false: this failure was already recorded). */
  async record(failure: JobFailureRecord): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO job_failure (queue, job_id, job_name, payload, error_message, error_code, attempts, first_failed_at, last_failed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT (queue, job_id) DO UPDATE SET
         job_name = EXCLUDED.job_name, payload = EXCLUDED.payload, error_message = EXCLUDED.error_message,
         error_code = EXCLUDED.error_code, attempts = EXCLUDED.attempts, last_failed_at = EXCLUDED.last_failed_at,
         failures = job_failure.failures + 1, status = 'open', resolved_at = NULL, resolved_by_id = NULL, resolution_note = NULL
       WHERE job_failure.last_failed_at < EXCLUDED.last_failed_at
       RETURNING id`,
      [failure.queue, failure.jobId, failure.jobName, failure.payload, failure.errorMessage, failure.errorCode, failure.attempts, failure.failedAt],
    );
    return rows.length > 0;
  }

  /** Which of these jobs already have their failure at `failedAt` (or a later one) recorded. */
  async recorded(queue: string, jobs: { jobId: string; failedAt: number }[]): Promise<Set<string>> {
    if (jobs.length === 0) return new Set();
    const rows: { job_id: string; at: string }[] = await this.db.query(
      `SELECT job_id, (extract(epoch FROM last_failed_at) * 1000)::bigint::text AS at FROM job_failure WHERE queue = $1 AND job_id = ANY($2::text[])`,
      [queue, jobs.map((j) => j.jobId)],
    );
    const at = new Map(rows.map((r) => [r.job_id, Number(r.at)]));
    return new Set(jobs.filter((j) => (at.get(j.jobId) ?? -1) >= j.failedAt).map((j) => j.jobId));
  }
}
