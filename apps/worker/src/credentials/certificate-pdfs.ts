import { renderCertificatePdf } from '@baanrian/certificates';
import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import type { Locale } from '@baanrian/contracts';
import { createMediaStorage, type MediaStorage, originalMediaKey, type StoredTemplateContent } from '@baanrian/db';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';

interface Template {
  id: string;
  version: number;
  content: StoredTemplateContent;
}

/** Template images kept in memory (a few templates' logos and signatures; each at most 2 MB). */
const IMAGES_KEPT = 16;

interface PdfRow {
  id: string;
  serial: string;
  media_id: string | null;
}

/**
 * Renders a credential's certificate with a template version, once per (credential, template,
 * version): the row (and its serial) is claimed by the unique key, and the PDF's media asset id is
 * the row id, so a retried render after a crash overwrites the same key instead of leaving a copy.
 * Rendering a newer version supersedes the older PDFs; their serials stay verifiable.
 */
@Injectable()
export class CertificatePdfs {
  private readonly logger = new Logger(CertificatePdfs.name);
  private readonly storage: MediaStorage;
  private readonly images = new Map<string, Buffer>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.storage = createMediaStorage(config.media);
  }

  /** The current PDF of the credential with `templateId` (default template when omitted), rendering it if needed. */
  async ensure(credentialId: string, templateId?: string): Promise<{ pdfId: string; serial: string; rendered: boolean } | null> {
    const template = templateId ? await this.template(templateId) : await this.defaultTemplate();
    if (!template) return null;
    const pdf = await this.claimRow(credentialId, template);
    if (pdf.media_id) return { pdfId: pdf.id, serial: pdf.serial, rendered: false };
    await this.render(credentialId, pdf, template);
    return { pdfId: pdf.id, serial: pdf.serial, rendered: true };
  }

  /** The PDF bytes of a rendered certificate (for the mail attachment). */
  async bytes(pdfId: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.storage.get(originalMediaKey(pdfId))) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /**
   * The row of this (credential, template, version), found or inserted in one statement; a serial
   * is drawn only when it is inserted. Empty only when a concurrent job inserted it after this
   * statement's snapshot (ON CONFLICT waited for it): then it is read again.
   */
  private async claimRow(credentialId: string, template: Template): Promise<PdfRow> {
    const params = [credentialId, template.id, template.version];
    const beYear = new Date().getFullYear() + 543;
    const [claimed]: PdfRow[] = await this.db.query(
      `WITH found AS (
         SELECT id, serial, media_id FROM credential_pdf WHERE credential_id = $1 AND template_id = $2 AND template_version = $3
       ), inserted AS (
         INSERT INTO credential_pdf (credential_id, template_id, template_version, serial)
         SELECT $1, $2, $3, 'BR-' || $4::text || '-' || lpad(nextval('credential_pdf_serial_seq')::text, 6, '0')
          WHERE NOT EXISTS (SELECT 1 FROM found)
         ON CONFLICT ON CONSTRAINT "UQ_credential_pdf_version" DO NOTHING
         RETURNING id, serial, media_id
       )
       SELECT id, serial, media_id FROM found UNION ALL SELECT id, serial, media_id FROM inserted`,
      [...params, beYear],
    );
    if (claimed) return claimed;
    const [row]: PdfRow[] = await this.db.query(
      `SELECT id, serial, media_id FROM credential_pdf WHERE credential_id = $1 AND template_id = $2 AND template_version = $3`,
      params,
    );
    return row;
  }

  private async render(credentialId: string, pdf: PdfRow, template: Template): Promise<void> {
    const [c]: { learner_name: string; achievement_name: string; hours: string; issued_at: Date; verification_code: string; user_id: string | null; locale: Locale | null }[] =
      await this.db.query(
        `SELECT c.learner_name, c.achievement_name, c.hours, c.issued_at, c.verification_code, c.user_id, u.preferred_locale AS locale
           FROM credential c LEFT JOIN app_user u ON u.id = c.user_id WHERE c.id = $1`,
        [credentialId],
      );
    const { pdf: bytes, warnings } = await renderCertificatePdf({
      locale: c.locale ?? 'th',
      learnerName: c.learner_name,
      courseTitle: c.achievement_name,
      hours: Number(c.hours),
      issuedAt: c.issued_at,
      serial: pdf.serial,
      verifyUrl: `${this.config.http.publicUrl}/verify/${c.verification_code}`,
      template: {
        organisationName: template.content.organisationName,
        heading: template.content.heading,
        bodyText: template.content.bodyText,
        accentColor: template.content.accentColor,
        logo: await this.image(template.content.logoMediaId),
        signatories: await Promise.all(
          template.content.signatories.map(async (s) => ({ name: s.name, title: s.title, signature: await this.image(s.signatureMediaId) })),
        ),
      },
    });
    if (warnings.length) this.logger.warn({ credentialId, serial: pdf.serial, warnings }, 'certificate rendered with warnings');
    await this.storage.put(originalMediaKey(pdf.id), Readable.from([bytes]), 'application/pdf');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // One statement, so one atomic step: the media row, the PDF pointing at it, older PDFs superseded.
    await this.db.query(
      `WITH asset AS (
         INSERT INTO media_asset (id, owner_id, kind, content_type, byte_size, sha256, storage_key, original_name)
         VALUES ($1, NULL, 'document', 'application/pdf', $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET byte_size = EXCLUDED.byte_size, sha256 = EXCLUDED.sha256
         RETURNING id
       ), rendered AS (
         UPDATE credential_pdf SET media_id = (SELECT id FROM asset), rendered_at = now() WHERE id = $1 RETURNING id
       )
       UPDATE credential_pdf SET superseded_at = now()
        WHERE credential_id = $6 AND id <> $1 AND superseded_at IS NULL AND EXISTS (SELECT 1 FROM rendered)`,
      [pdf.id, bytes.length, sha256, originalMediaKey(pdf.id), `certificate-${pdf.serial}.pdf`, credentialId],
    );
  }

  /**
   * A template image; a missing one renders without it (the renderer warns). An uploaded file never
   * changes under its id, so the bytes are kept per process: a batch of certificates reads the logo
   * and signatures once, not once per PDF.
   */
  private async image(mediaId: string | null | undefined): Promise<Buffer | null> {
    if (!mediaId) return null;
    const kept = this.images.get(mediaId);
    if (kept) return kept;
    const [asset]: { storage_key: string }[] = await this.db.query(`SELECT storage_key FROM media_asset WHERE id = $1`, [mediaId]);
    if (!asset) return null;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of await this.storage.get(asset.storage_key)) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      if (this.images.size >= IMAGES_KEPT) this.images.clear();
      this.images.set(mediaId, bytes);
      return bytes;
    } catch {
      return null;
    }
  }

  private async template(id: string): Promise<Template | null> {
    const [row]: Template[] = await this.db.query(`SELECT id, version, content FROM credential_template WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** The default template, created on first use so a fresh installation can issue at once. */
  private async defaultTemplate(): Promise<Template> {
    const select = `SELECT id, version, content FROM credential_template WHERE is_default`;
    const [row]: Template[] = await this.db.query(select);
    if (row) return row;
    const content: StoredTemplateContent = { organisationName: 'บ้านเรียน (Baanrian)', signatories: [] };
    await this.db.query(`INSERT INTO credential_template (name, is_default, content) VALUES ('Default', true, $1) ON CONFLICT (is_default) WHERE is_default DO NOTHING`, [
      content,
    ]);
    return ((await this.db.query(select)) as Template[])[0];
  }
}
