import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../authz/authz.types';
import type { CredentialKind, MyCredentialDto } from './credentials.dto';
import { CredentialsException } from './credentials.exception';
import { CredentialIssuerService } from './credential-issuer.service';
import { CredentialMedia } from './credential-media';

interface MyCredentialRow {
  id: string;
  kind: CredentialKind;
  verification_code: string;
  achievement_name: string;
  hours: string;
  issued_at: Date;
  revoked_at: Date | null;
  serial: string | null;
  media_id: string | null;
}

/** The current PDF of each credential: the newest template version that is not superseded. */
const CURRENT_PDF = `LEFT JOIN LATERAL (
    SELECT serial, media_id FROM credential_pdf p WHERE p.credential_id = c.id AND p.superseded_at IS NULL
    ORDER BY p.template_version DESC LIMIT 1
  ) pdf ON true`;

/** A learner's own certificates: the list with share links, and the PDF download. */
@Injectable()
export class MyCredentialsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly issuer: CredentialIssuerService,
    private readonly media: CredentialMedia,
  ) {}

  async list(user: AuthUser): Promise<MyCredentialDto[]> {
    const rows: MyCredentialRow[] = await this.db.query(
      `SELECT c.id, c.kind, c.verification_code, c.achievement_name, c.hours, c.issued_at, c.revoked_at, pdf.serial, pdf.media_id
       FROM credential c ${CURRENT_PDF} WHERE c.user_id = $1 ORDER BY c.issued_at DESC, c.id`,
      [user.id],
    );
    const organisation = (await this.issuer.get()).name.th;
    return rows.map((row) => this.toDto(row, organisation));
  }

  /** The rendered PDF; someone else's credential is 404 like an unknown id. */
  async pdf(user: AuthUser, credentialId: string): Promise<{ stream: Readable; serial: string }> {
    const [row]: MyCredentialRow[] = await this.db.query(
      `SELECT c.id, pdf.serial, pdf.media_id FROM credential c ${CURRENT_PDF} WHERE c.id = $1 AND c.user_id = $2`,
      [credentialId, user.id],
    );
    if (!row) throw new CredentialsException('CREDENTIAL_NOT_FOUND');
    const stream = row.media_id ? await this.media.open(row.media_id) : null;
    if (!stream || !row.serial) throw new CredentialsException('CREDENTIAL_PDF_NOT_READY');
    return { stream, serial: row.serial };
  }

  private toDto(row: MyCredentialRow, organisation: string): MyCredentialDto {
    const base = this.config.http.publicUrl;
    const code = row.verification_code;
    const verificationPage = `${base}/verify/${code}`;
    return {
      id: row.id,
      code,
      kind: row.kind,
      achievementName: row.achievement_name,
      hours: Number(row.hours),
      issuedAt: row.issued_at.toISOString(),
      revokedAt: row.revoked_at?.toISOString() ?? null,
      pdfReady: row.media_id !== null,
      serial: row.serial,
      links: {
        verificationPage,
        credentialJson: `${base}/api/v1/credentials/${code}/credential.json`,
        credentialJwt: `${base}/api/v1/credentials/${code}/credential.jwt`,
        certificatePdf: `${base}/api/v1/me/credentials/${row.id}/certificate.pdf`,
      },
      linkedInAddToProfileUrl: linkedInUrl({ name: row.achievement_name, organisation, issuedAt: row.issued_at, certUrl: verificationPage, certId: code }),
    };
  }
}

/** LinkedIn's "Add to profile" form, prefilled as a certification (no API call, no token). */
export function linkedInUrl(input: { name: string; organisation: string; issuedAt: Date; certUrl: string; certId: string }): string {
  const params = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: input.name,
    organizationName: input.organisation,
    issueYear: String(input.issuedAt.getUTCFullYear()),
    issueMonth: String(input.issuedAt.getUTCMonth() + 1),
    certUrl: input.certUrl,
    certId: input.certId,
  });
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}
