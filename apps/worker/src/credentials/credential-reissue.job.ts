import type { JobData } from '@baanrian/jobs';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CertificatePdfs } from './certificate-pdfs';

/**
 * After a template changed: every credential whose current PDF was rendered with an older version
 * of it gets a new PDF (a new serial); the old row is superseded, its serial still verifies.
 * Re-running is safe: the unique (credential, template, version) key renders each one once.
 */
@Injectable()
export class CredentialReissueJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pdfs: CertificatePdfs,
  ) {}

  async handle(data: JobData<'credential.reissue-requested'>): Promise<{ reissued: number }> {
    const stale: { credential_id: string }[] = await this.db.query(
      `SELECT p.credential_id FROM credential_pdf p JOIN credential_template t ON t.id = p.template_id JOIN credential c ON c.id = p.credential_id
        WHERE p.template_id = $1 AND p.superseded_at IS NULL AND p.template_version < t.version AND c.revoked_at IS NULL`,
      [data.templateId],
    );
    let reissued = 0;
    for (const { credential_id } of stale) if ((await this.pdfs.ensure(credential_id, data.templateId))?.rendered) reissued++;
    return { reissued };
  }
}
