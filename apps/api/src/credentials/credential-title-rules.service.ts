import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { buildAchievementDocument, titleAchievementText, titleAchievementUrl } from '@baanrian/credentials';
import { writeOutboxEvent } from '@baanrian/db';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../authz/authz.types';
import { currentRequestId } from '../observability/request-context';
import type { AwardRequestedDto, CreateTitleRuleDto, LocalizedNameDto, TitleRuleDto, UpdateTitleRuleDto } from './credentials-admin.dto';
import { CredentialsException } from './credentials.exception';
import { CredentialIssuerService } from './credential-issuer.service';

interface RuleRow {
  id: string;
  fiscal_year: number;
  name: LocalizedNameDto;
  min_completed_courses: number;
  min_hours: string;
  active: boolean;
  created_at: Date;
}

const COLUMNS = 'id, fiscal_year, name, min_completed_courses, min_hours, active, created_at';

/** Yearly titles (e.g. "learning citizen 2569"): the rules administrators set, and awarding on demand. */
@Injectable()
export class CredentialTitleRulesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly issuer: CredentialIssuerService,
  ) {}

  /**
   * The rule as an Open Badges 3.0 Achievement, served at the id every title credential of it
   * names (`/api/v1/credentials/titles/{id}`), in Thai like the issuer profile. Its criteria are
   * the rule's current ones; each credential also carries the text it was signed with.
   */
  async achievement(id: string): Promise<Record<string, unknown>> {
    const [row]: RuleRow[] = await this.db.query(`SELECT ${COLUMNS} FROM credential_title_rule WHERE id = $1`, [id]);
    if (!row) throw new CredentialsException('CREDENTIAL_TITLE_RULE_NOT_FOUND');
    const profile = await this.issuer.document();
    const rule = { fiscalYear: row.fiscal_year, name: row.name, minCompletedCourses: row.min_completed_courses, minHours: Number(row.min_hours) };
    return buildAchievementDocument({
      id: titleAchievementUrl(this.config.http.publicUrl, row.id),
      type: 'Achievement',
      ...titleAchievementText(rule, 'th'),
      // The image every credential's achievement names (the worker's CredentialIssuer).
      imageUrl: `${this.config.http.publicUrl}/badge.png`,
      creator: { id: profile.id, name: profile.name, url: profile.url },
      inLanguage: 'th',
    });
  }

  async list(): Promise<TitleRuleDto[]> {
    const rows: RuleRow[] = await this.db.query(`SELECT ${COLUMNS} FROM credential_title_rule ORDER BY fiscal_year DESC, created_at, id`);
    return rows.map(toDto);
  }

  async create(user: AuthUser, dto: CreateTitleRuleDto): Promise<TitleRuleDto> {
    const [row]: RuleRow[] = await this.db.query(
      `INSERT INTO credential_title_rule (fiscal_year, name, min_completed_courses, min_hours, active, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [dto.fiscalYear, JSON.stringify(dto.name), dto.minCompletedCourses, dto.minHours, dto.active ?? true, user.id],
    );
    return toDto(row);
  }

  async update(id: string, dto: UpdateTitleRuleDto): Promise<TitleRuleDto> {
    const [rows]: [RuleRow[], number] = await this.db.query(
      `UPDATE credential_title_rule SET fiscal_year = coalesce($2, fiscal_year), name = coalesce($3::jsonb, name),
         min_completed_courses = coalesce($4, min_completed_courses), min_hours = coalesce($5, min_hours), active = coalesce($6, active)
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, dto.fiscalYear ?? null, dto.name ? JSON.stringify(dto.name) : null, dto.minCompletedCourses ?? null, dto.minHours ?? null, dto.active ?? null],
    );
    if (!rows[0]) throw new CredentialsException('CREDENTIAL_TITLE_RULE_NOT_FOUND');
    return toDto(rows[0]);
  }

  /** Only a rule nobody was awarded: awarded titles name its URL, which must keep resolving (deactivate it instead). */
  async remove(id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const [rule]: { id: string }[] = await manager.query(`SELECT id FROM credential_title_rule WHERE id = $1 FOR UPDATE`, [id]);
      if (!rule) throw new CredentialsException('CREDENTIAL_TITLE_RULE_NOT_FOUND');
      const awarded: unknown[] = await manager.query(`SELECT 1 FROM credential WHERE kind = 'title' AND source_id = $1 LIMIT 1`, [id]);
      if (awarded.length) throw new CredentialsException('CREDENTIAL_TITLE_RULE_IN_USE');
      await manager.query(`DELETE FROM credential_title_rule WHERE id = $1`, [id]);
    });
  }

  /** Queues the award run for this rule now rather than at the scheduled time. */
  async award(id: string): Promise<AwardRequestedDto> {
    await this.db.transaction(async (manager) => {
      const [rule]: { id: string }[] = await manager.query(`SELECT id FROM credential_title_rule WHERE id = $1`, [id]);
      if (!rule) throw new CredentialsException('CREDENTIAL_TITLE_RULE_NOT_FOUND');
      await writeOutboxEvent(manager, 'credentials.award-titles', { ruleId: id }, currentRequestId());
    });
    return { ruleId: id, queued: true };
  }
}

function toDto(row: RuleRow): TitleRuleDto {
  return {
    id: row.id,
    fiscalYear: row.fiscal_year,
    name: row.name,
    minCompletedCourses: row.min_completed_courses,
    minHours: Number(row.min_hours),
    active: row.active,
    createdAt: row.created_at.toISOString(),
  };
}
