import { renderCertificatePdf, sampleCertificateInput } from '@baanrian/certificates';
import type { Locale } from '@baanrian/contracts';
import { writeOutboxEvent } from '@baanrian/db';
import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isDeepStrictEqual } from 'node:util';
import type { DataSource, EntityManager } from 'typeorm';
import { writeAudit } from '../accounts/user-accounts';
import type { AuthUser } from '../authz/authz.types';
import { currentRequestId } from '../observability/request-context';
import type { CreateTemplateDto, ReissueResultDto, TemplateContentDto, TemplateDto, UpdateTemplateDto } from './credentials-admin.dto';
import { CredentialsException } from './credentials.exception';
import { CredentialMedia } from './credential-media';

interface TemplateRow {
  id: string;
  name: string;
  is_default: boolean;
  version: number;
  content: TemplateContentDto;
  updated_at: Date;
}

const COLUMNS = 'id, name, is_default, version, content, updated_at';

/** Certificate templates: the administrators' CRUD, a PDF preview, and asking for a reissue. */
@Injectable()
export class CredentialTemplatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly media: CredentialMedia,
  ) {}

  async list(): Promise<TemplateDto[]> {
    const rows: TemplateRow[] = await this.db.query(`SELECT ${COLUMNS} FROM credential_template ORDER BY is_default DESC, name, id`);
    return rows.map(toDto);
  }

  async get(id: string): Promise<TemplateDto> {
    return toDto(await this.load(this.db.manager, id));
  }

  async create(user: AuthUser, dto: CreateTemplateDto): Promise<TemplateDto> {
    await this.media.assertImages(imageIds(dto.content));
    const id = await this.db.transaction(async (manager) => {
      // The first template becomes the default: new certificates always have one to use.
      const [{ count }]: { count: number }[] = await manager.query(`SELECT count(*)::int AS count FROM credential_template`);
      const isDefault = dto.isDefault === true || count === 0;
      if (isDefault) await manager.query(`UPDATE credential_template SET is_default = false WHERE is_default`);
      const [row]: { id: string }[] = await manager.query(
        `INSERT INTO credential_template (name, is_default, content, version, updated_by_id) VALUES ($1, $2, $3, 1, $4) RETURNING id`,
        [dto.name, isDefault, JSON.stringify(dto.content), user.id],
      );
      return row.id;
    });
    return this.get(id);
  }

  /** A change of content is a new version (certificates already rendered keep theirs until a reissue). */
  async update(user: AuthUser, id: string, dto: UpdateTemplateDto): Promise<TemplateDto> {
    if (dto.content) await this.media.assertImages(imageIds(dto.content));
    await this.db.transaction(async (manager) => {
      const current = await this.load(manager, id, true);
      const content = dto.content ?? current.content;
      const changed = dto.content !== undefined && !isDeepStrictEqual(JSON.parse(JSON.stringify(dto.content)), current.content);
      if (dto.isDefault === true && !current.is_default) await manager.query(`UPDATE credential_template SET is_default = false WHERE is_default`);
      await manager.query(
        `UPDATE credential_template SET name = $2, content = $3, version = version + $4, is_default = $5, updated_by_id = $6, updated_at = now() WHERE id = $1`,
        // Un-defaulting is done by making another template the default, never by leaving none.
        [id, dto.name ?? current.name, JSON.stringify(content), changed ? 1 : 0, current.is_default || dto.isDefault === true, user.id],
      );
    });
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const current = await this.load(manager, id, true);
      if (current.is_default) throw new CredentialsException('CREDENTIAL_TEMPLATE_IS_DEFAULT');
      const [{ used }]: { used: number }[] = await manager.query(`SELECT count(*)::int AS used FROM credential_pdf WHERE template_id = $1`, [id]);
      if (used > 0) throw new CredentialsException('CREDENTIAL_TEMPLATE_IN_USE');
      await manager.query(`DELETE FROM credential_template WHERE id = $1`, [id]);
    });
  }

  /** A PDF of unsaved content with sample data, for the editor's live preview. */
  async preview(content: TemplateContentDto, locale: Locale = 'th'): Promise<Buffer> {
    await this.media.assertImages(imageIds(content));
    const signatories = await Promise.all(
      content.signatories.map(async (s) => ({ name: s.name, title: s.title, signature: await this.media.bytes(s.signatureMediaId) })),
    );
    const template = {
      organisationName: content.organisationName,
      heading: content.heading,
      bodyText: content.bodyText,
      accentColor: content.accentColor,
      logo: await this.media.bytes(content.logoMediaId),
      signatories,
    };
    const { pdf } = await renderCertificatePdf(sampleCertificateInput(locale, template, this.config.http.publicUrl));
    return pdf;
  }

  /** Asks the worker to render every certificate again with the template's current version (new serials). */
  async reissue(user: AuthUser, id: string): Promise<ReissueResultDto> {
    return this.db.transaction(async (manager) => {
      const template = await this.load(manager, id);
      await writeOutboxEvent(manager, 'credential.reissue-requested', { templateId: id }, currentRequestId());
      await writeAudit(manager, { actorId: user.id, action: 'credential.reissue', targetId: id, details: { templateName: template.name, templateVersion: template.version } });
      return { templateId: id, templateVersion: template.version };
    });
  }

  private async load(manager: EntityManager, id: string, lock = false): Promise<TemplateRow> {
    const [row]: TemplateRow[] = await manager.query(`SELECT ${COLUMNS} FROM credential_template WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!row) throw new CredentialsException('CREDENTIAL_TEMPLATE_NOT_FOUND');
    return row;
  }
}

function imageIds(content: TemplateContentDto): string[] {
  return [content.logoMediaId, ...content.signatories.map((s) => s.signatureMediaId)].filter((id): id is string => typeof id === 'string');
}

function toDto(row: TemplateRow): TemplateDto {
  return { id: row.id, name: row.name, isDefault: row.is_default, version: row.version, content: row.content, updatedAt: row.updated_at.toISOString() };
}
