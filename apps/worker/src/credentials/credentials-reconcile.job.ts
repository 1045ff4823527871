import type { ReconcileSummary } from '@baanrian/db';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CredentialDeliveryJob } from './credential-delivery.job';
import { CredentialIssueJob } from './credential-issue.job';

const BATCH = 200;

/**
 * Set on SIGTERM/SIGINT. A first start with a seeded year has ~1,750 credentials to issue and
 * render, minutes of work in this one job; BullMQ's graceful close waits for running jobs, so the
 * job must stop between items or the worker would outlive its 25 s shutdown budget. What is left
 * is made by the next run (nightly, or the next start's reconcile request).
 */
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => (stopping = true));

/**
 * Nightly safety net: whatever should exist and does not (eligible minus issued) is made now.
 * Completed enrolments without a credential are issued (a lost event, a job that failed for good);
 * credentials without a rendered PDF or whose mail never went out are delivered. Each fix goes
 * through the same idempotent handlers as the events, so running it twice, or alongside them, is safe.
 * The report is logged and kept in `credential_reconcile_run` for administrators.
 */
@Injectable()
export class CredentialsReconcileJob {
  private readonly logger = new Logger(CredentialsReconcileJob.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly issue: CredentialIssueJob,
    private readonly delivery: CredentialDeliveryJob,
  ) {}

  async handle(): Promise<ReconcileSummary> {
    const startedAt = new Date();
    const summary: ReconcileSummary = { issued: 0, rendered: 0, mailed: 0, enrollmentIds: [] };
    while (!stopping) {
      const missing: { id: string }[] = await this.db.query(
        `SELECT e.id FROM enrollment e JOIN app_user u ON u.id = e.user_id
          WHERE e.status = 'completed' AND u.erased_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM credential c WHERE c.kind = 'course' AND c.source_id = e.course_id AND c.user_id = e.user_id)
          ORDER BY e.id LIMIT $1`,
        [BATCH],
      );
      let progressed = 0;
      for (const { id } of missing) {
        if (stopping) break;
        if ((await this.issue.handle({ enrollmentId: id })) === 'issued') {
          summary.issued++;
          progressed++;
          if (summary.enrollmentIds.length < 100) summary.enrollmentIds.push(id);
        }
      }
      if (missing.length < BATCH || progressed === 0) break;
    }
    // Issued more than a few minutes ago (the event's own job had its chance) and still undelivered.
    const undelivered: { id: string }[] = await this.db.query(
      `SELECT c.id FROM credential c
        WHERE c.revoked_at IS NULL AND (c.mailed_at IS NULL
           OR NOT EXISTS (SELECT 1 FROM credential_pdf p WHERE p.credential_id = c.id AND p.media_id IS NOT NULL AND p.superseded_at IS NULL))
          AND c.issued_at < now() - interval '5 minutes'`,
    );
    for (const { id } of undelivered) {
      if (stopping) break;
      const result = await this.delivery.handle({ credentialId: id });
      if (result.pdf === 'rendered') summary.rendered++;
      if (result.mail === 'sent' || result.mail === 'logged') summary.mailed++;
    }
    await this.db.query(`INSERT INTO credential_reconcile_run (started_at, finished_at, summary) VALUES ($1, now(), $2)`, [startedAt, summary]);
    this.logger.log({ ...summary, enrollmentIds: summary.enrollmentIds.slice(0, 10), interrupted: stopping }, 'credentials reconciled');
    return summary;
  }
}
