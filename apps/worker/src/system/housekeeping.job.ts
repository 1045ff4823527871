import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface HousekeepingResult {
  outboxEvents: number;
  pings: number;
  heartbeats: number;
  refreshTokens: number;
  resetTokens: number;
  mailDeliveries: number;
  /** Mails newly listed for administrators as unconfirmed (see `listUnconfirmedMails`). */
  unconfirmedMails: number;
}

/** Far past any send still in flight: MailService's SMTP timeouts are 10 s to connect, 10 s for the greeting, 30 s idle. */
const UNCONFIRMED_AFTER = '10 minutes';

/**
 * Deletes rows whose use has passed, so tables stay small on a small server. Published outbox
 * rows are kept a week, as long as BullMQ remembers completed job ids; unpublished ones never go.
 */
@Injectable()
export class HousekeepingJob {
  private readonly logger = new Logger(HousekeepingJob.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async handle(): Promise<HousekeepingResult> {
    const [, outboxEvents] = await this.db.query(`DELETE FROM outbox_event WHERE published_at < now() - interval '7 days'`);
    // The newest completed ping stays: readiness reports it.
    const [, pings] = await this.db.query(
      `DELETE FROM system_ping WHERE requested_at < now() - interval '7 days'
       AND id IS DISTINCT FROM (SELECT id FROM system_ping WHERE completed_at IS NOT NULL ORDER BY completed_at DESC LIMIT 1)`,
    );
    // Rows of workers that were killed without a chance to remove their own.
    const [, heartbeats] = await this.db.query(`DELETE FROM worker_heartbeat WHERE last_seen_at < now() - interval '1 day'`);
    // Expired a week ago: no longer usable, so a reuse of one would only be "expired" anyway.
    // Live families keep their used tokens, which is how a copied token is recognised.
    const [, refreshTokens] = await this.db.query(`DELETE FROM refresh_token WHERE expires_at < now() - interval '7 days'`);
    // Reset links a day past their expiry are dead whatever their state.
    const [, resetTokens] = await this.db.query(`DELETE FROM password_reset_token WHERE expires_at < now() - interval '1 day'`);
    // Before the delete below, so a claim that expires unseen is still listed.
    const unconfirmedMails = await this.listUnconfirmedMails();
    // Kept as long as a published event (and so a redelivered job) can still exist.
    const [, mailDeliveries] = await this.db.query(`DELETE FROM mail_delivery WHERE sent_at < now() - interval '8 days'`);
    const result = { outboxEvents, pings, heartbeats, refreshTokens, resetTokens, mailDeliveries, unconfirmedMails };
    this.logger.log(result, 'housekeeping done');
    return result;
  }

  /**
   * Mails lost from sight in MailService's at-most-once window: claimed for sending (the
   * `mail_delivery` row commits first) but the SMTP server's answer never recorded, because the
   * worker died in that moment (the fault suite's `mail.after-send`) or could not write it. Each
   * went out once or not at all and is never sent again by itself, so only a person can decide:
   * each is listed once in the failed-jobs view (`GET /api/v1/admin/jobs/failed?queue=mail`,
   * job `mail.unconfirmed`, code MAIL_UNCONFIRMED), where it can be dismissed; a retry answers
   * JOB_FAILURE_GONE, as there is no job to run again (a resend could be the second copy).
   */
  private async listUnconfirmedMails(): Promise<number> {
    const listed: unknown[] = await this.db.query(
      `INSERT INTO job_failure (queue, job_id, job_name, payload, error_message, error_code, attempts, first_failed_at, last_failed_at)
       SELECT 'mail', 'mail.unconfirmed.' || d.id, 'mail.unconfirmed', jsonb_build_object('key', d.key, 'userId', d.user_id, 'eventId', d.event_id),
              'The worker stopped while the SMTP server was taking this mail: it went out once or not at all, and is not sent again automatically. ' ||
              'Ask the recipient, and send it again by hand if it never arrived.',
              'MAIL_UNCONFIRMED', 1, d.sent_at, d.sent_at
         FROM mail_delivery d
        WHERE d.message_id IS NULL AND d.sent_at < now() - interval '${UNCONFIRMED_AFTER}'
       ON CONFLICT (queue, job_id) DO NOTHING RETURNING id`,
    );
    return listed.length;
  }
}
