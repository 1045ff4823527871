import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import type { Locale } from '@baanrian/contracts';
import type { JobData } from '@baanrian/jobs';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MailService } from '../mail/mail.service';
import { CertificatePdfs } from './certificate-pdfs';
import { credentialMail } from './credential.mail';

export type DeliveryResult = { pdf: 'rendered' | 'existing' | 'none'; mail: 'sent' | 'logged' | 'duplicate' | 'dropped' | 'no-address' | 'already' | 'stale' };

/**
 * After a credential is signed: render its certificate PDF, then mail it to the learner once.
 * Once-ness of the mail: `mail_claimed_at` records the first attempt, the `mail_delivery` row
 * (key `credential:<id>`, committed before the SMTP server is asked, see MailService) stops any
 * second send, and `mailed_at` closes it. A worker killed in between retries and finds the row.
 */
@Injectable()
export class CredentialDeliveryJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pdfs: CertificatePdfs,
    private readonly mail: MailService,
  ) {}

  async handle(data: JobData<'credential.issued'>): Promise<DeliveryResult> {
    const [credential]: { id: string; revoked_at: Date | null; mailed_at: Date | null }[] = await this.db.query(
      `SELECT id, revoked_at, mailed_at FROM credential WHERE id = $1`,
      [data.credentialId],
    );
    if (!credential) return { pdf: 'none', mail: 'stale' };
    const pdf = await this.pdfs.ensure(credential.id);
    const rendered = pdf?.rendered ? 'rendered' : 'existing';
    if (!pdf) return { pdf: 'none', mail: 'stale' };
    if (credential.mailed_at) return { pdf: rendered, mail: 'already' };
    if (credential.revoked_at) return { pdf: rendered, mail: 'stale' };
    return { pdf: rendered, mail: await this.mailOnce(credential.id, pdf.pdfId, pdf.serial, data.meta?.eventId ?? null) };
  }

  private async mailOnce(credentialId: string, pdfId: string, serial: string, eventId: string | null): Promise<DeliveryResult['mail']> {
    // An UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [[row]]: [{ user_id: string | null; email: string | null; locale: Locale; learner_name: string; achievement_name: string; code: string }[], number] = await this.db.query(
      `UPDATE credential c SET mail_claimed_at = coalesce(c.mail_claimed_at, now()) FROM app_user u
        WHERE c.id = $1 AND u.id = c.user_id AND c.mailed_at IS NULL
        RETURNING c.user_id, u.email, u.preferred_locale AS locale, c.learner_name, c.achievement_name, c.verification_code AS code`,
      [credentialId],
    );
    if (!row) return 'already';
    let outcome: DeliveryResult['mail'] = 'no-address';
    if (row.email) {
      const mail = credentialMail({
        credentialId,
        to: row.email,
        locale: row.locale,
        learnerName: row.learner_name,
        achievementName: row.achievement_name,
        serial,
        verifyUrl: `${this.config.http.publicUrl}/verify/${row.code}`,
        mailDomain: new URL(this.config.http.publicUrl).hostname,
        pdf: await this.pdfs.bytes(pdfId),
      });
      outcome = await this.mail.sendOnce({ key: `credential:${credentialId}`, userId: row.user_id, eventId }, mail);
    }
    if (outcome !== 'dropped') await this.db.query(`UPDATE credential SET mailed_at = now() WHERE id = $1 AND mailed_at IS NULL`, [credentialId]);
    return outcome;
  }
}
