import { isPeriodError, type Locale, type LocalizedText, parsePeriod, pickText, type ReachChannel } from '@baanrian/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../authz/authz.types';
import { ValidationException } from '../problem/domain.exception';
import type { CreateReachCampaignDto, ReachCampaignDto, UpdateReachCampaignDto } from './report-admin.dto';
import { periodError } from './report-spec';
import { ReportsException } from './reports.exception';

interface CampaignRow {
  id: string;
  channel: ReachChannel;
  starts_on: string;
  ends_on: string;
  course_id: string | null;
  course_title: LocalizedText | null;
  programme: string | null;
  impressions: number | null;
  reach: number;
  note: string;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT rc.id, rc.channel, rc.starts_on::text, rc.ends_on::text, rc.course_id, c.title AS course_title, rc.programme, rc.impressions, rc.reach, rc.note,
  rc.created_at, rc.updated_at FROM reach_campaign rc LEFT JOIN course c ON c.id = rc.course_id`;

/** Reach administrators record from social-media campaigns: shown beside measured reach, never mixed into it. */
@Injectable()
export class ReachCampaignsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(period: string | undefined, locale: Locale): Promise<ReachCampaignDto[]> {
    const params: unknown[] = [];
    let where = '';
    if (period !== undefined) {
      const parsed = parsePeriod(period);
      if (isPeriodError(parsed)) throw periodError(parsed.error);
      params.push(parsed.from, parsed.to);
      where = 'WHERE rc.starts_on BETWEEN $1::date AND $2::date';
    }
    const rows: CampaignRow[] = await this.db.query(`${SELECT} ${where} ORDER BY rc.starts_on DESC, rc.created_at DESC LIMIT 1000`, params);
    return rows.map((row) => toDto(row, locale));
  }

  async create(user: AuthUser, dto: CreateReachCampaignDto, locale: Locale): Promise<ReachCampaignDto> {
    checkDates(dto.startsOn, dto.endsOn);
    return this.db.transaction(async (manager) => {
      await checkCourse(manager, dto.courseId);
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO reach_campaign (channel, starts_on, ends_on, course_id, programme, impressions, reach, note, created_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [dto.channel, dto.startsOn, dto.endsOn, dto.courseId ?? null, dto.programme || null, dto.impressions ?? null, dto.reach, dto.note ?? '', user.id],
      );
      return this.load(manager, id, locale);
    });
  }

  async update(id: string, dto: UpdateReachCampaignDto, locale: Locale): Promise<ReachCampaignDto> {
    return this.db.transaction(async (manager) => {
      const [current]: CampaignRow[] = await manager.query(`${SELECT} WHERE rc.id = $1 FOR UPDATE OF rc`, [id]);
      if (!current) throw new ReportsException('REACH_CAMPAIGN_NOT_FOUND');
      checkDates(dto.startsOn ?? current.starts_on, dto.endsOn ?? current.ends_on);
      if (dto.courseId) await checkCourse(manager, dto.courseId);
      // `undefined` keeps a column; `null` (course, programme, impressions) clears it.
      const keep = (value: unknown) => value === undefined;
      await manager.query(
        `UPDATE reach_campaign SET
           channel = coalesce($2, channel), starts_on = coalesce($3::date, starts_on), ends_on = coalesce($4::date, ends_on),
           course_id = CASE WHEN $5 THEN course_id ELSE $6::uuid END, programme = CASE WHEN $7 THEN programme ELSE $8 END,
           impressions = CASE WHEN $9 THEN impressions ELSE $10::int END, reach = coalesce($11, reach), note = coalesce($12, note), updated_at = now()
         WHERE id = $1`,
        [
          id,
          dto.channel ?? null,
          dto.startsOn ?? null,
          dto.endsOn ?? null,
          keep(dto.courseId),
          dto.courseId ?? null,
          keep(dto.programme),
          dto.programme || null,
          keep(dto.impressions),
          dto.impressions ?? null,
          dto.reach ?? null,
          dto.note ?? null,
        ],
      );
      return this.load(manager, id, locale);
    });
  }

  async remove(id: string): Promise<void> {
    const [, count]: [unknown, number] = await this.db.query(`DELETE FROM reach_campaign WHERE id = $1`, [id]);
    if (!count) throw new ReportsException('REACH_CAMPAIGN_NOT_FOUND');
  }

  private async load(manager: EntityManager, id: string, locale: Locale): Promise<ReachCampaignDto> {
    const [row]: CampaignRow[] = await manager.query(`${SELECT} WHERE rc.id = $1`, [id]);
    return toDto(row, locale);
  }
}

function checkDates(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) throw new ValidationException([{ field: 'endsOn', constraint: 'notBeforeStart', fallback: 'must not be before the start' }]);
}

async function checkCourse(manager: EntityManager, courseId: string | null | undefined): Promise<void> {
  if (!courseId) return;
  const [found] = await manager.query(`SELECT 1 FROM course WHERE id = $1`, [courseId]);
  if (!found) throw new ReportsException('REACH_CAMPAIGN_COURSE_NOT_FOUND');
}

function toDto(row: CampaignRow, locale: Locale): ReachCampaignDto {
  return {
    id: row.id,
    channel: row.channel,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    courseId: row.course_id,
    courseTitle: row.course_title ? pickText(row.course_title, locale) : null,
    programme: row.programme,
    impressions: row.impressions,
    reach: row.reach,
    note: row.note,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
