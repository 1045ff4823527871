import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { failpoint } from '../system/failpoint';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A fixed Message-ID, so a copy sent again in the crash window below is recognisable as the same mail. */
  messageId?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** What a mail is about; `key` is unique, so the same mail is never sent twice. */
export interface DeliveryRecord {
  key: string;
  userId: string | null;
  eventId: string | null;
}

export type DeliveryOutcome = 'sent' | 'logged' | 'duplicate' | 'dropped';

/** `message_id` of a mail written to the log instead of being sent (not a Message-ID, on purpose). */
export const LOGGED = '(logged, not sent)';

/**
 * Sends mail at most once per delivery key: the `mail_delivery` row (unique key) is inserted and
 * committed **before** the SMTP server is asked, so whatever happens next no second attempt for
 * that key ever reaches it:
 * - a retried or concurrent job finds the row and sends nothing ('duplicate');
 * - an SMTP failure (refused, timed out before the server's yes) deletes the row again, so BullMQ's
 *   retry sends it later;
 * - a process that dies while the server takes the mail (or before it records the Message-ID)
 *   leaves the row: the mail went out once or not at all, and is never sent twice. The fault
 *   suite's worker kill -9 and PostgreSQL restart found the old order (row committed after the
 *   server's yes) sending such mails twice.
 * A row whose `message_id` stays empty marks that unknown case: housekeeping lists it for
 * administrators in the failed-jobs view (HousekeepingJob.listUnconfirmedMails).
 */
@Injectable()
export class MailService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transporter: Transporter | null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transporter = config.mail.smtpUrl
      ? createTransport(config.mail.smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 })
      : null;
  }

  onApplicationBootstrap(): void {
    if (this.config.mail.transport === 'log') this.logger.log('SMTP_URL is not set: mails are written to this log instead of being sent');
    if (this.config.mail.transport === 'off') this.logger.warn('SMTP_URL is not set: mails (password-reset links) are NOT sent; set SMTP_URL');
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }

  async sendOnce(record: DeliveryRecord, mail: OutgoingMail): Promise<DeliveryOutcome> {
    if (this.config.mail.transport === 'off') {
      this.logger.warn({ key: record.key, eventId: record.eventId }, 'mail dropped: SMTP_URL is not set');
      return 'dropped';
    }
    // A mail only written to the log (no SMTP_URL) is complete at once: marked so, housekeeping
    // never lists it among the unconfirmed (claimed, no Message-ID recorded).
    const claimed: { id: string }[] = await this.db.query(
      `INSERT INTO mail_delivery (key, user_id, event_id, message_id) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING RETURNING id`,
      [record.key, record.userId, record.eventId, this.transporter ? null : LOGGED],
    );
    if (claimed.length === 0) return 'duplicate';
    if (!this.transporter) {
      // Development and demo mode: the whole mail, link included, for whoever runs `npm start`.
      this.logger.log({ key: record.key, to: mail.to, subject: mail.subject, text: mail.text.split('\n') }, `mail (not sent, SMTP_URL is not set): ${mail.subject}`);
      return 'logged';
    }
    let messageId: string | null;
    try {
      messageId = (await this.transporter.sendMail({ from: this.config.mail.from, ...mail })).messageId ?? null;
    } catch (error) {
      // Not accepted: free the key for the retry. If even that fails, the mail is lost rather than doubled.
      await this.db.query(`DELETE FROM mail_delivery WHERE id = $1`, [claimed[0].id]).catch((cause: unknown) =>
        this.logger.error({ key: record.key, cause: String(cause) }, 'mail not sent and its claim could not be freed: it will not be retried'));
      throw error;
    }
    // Fault suite, scenario 2: the SMTP server has the mail; neither its Message-ID nor the job's completion is recorded.
    failpoint('mail.after-send', { key: record.key });
    await this.db.query(`UPDATE mail_delivery SET message_id = $2 WHERE id = $1`, [claimed[0].id, messageId]);
    return 'sent';
  }
}
