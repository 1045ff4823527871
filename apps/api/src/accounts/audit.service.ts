import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuditPageDto, PageQueryDto } from './admin.dto';

/** The audit log, newest first, with the actor's current name. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(query: PageQueryDto): Promise<AuditPageDto> {
    const rows: { id: string; at: Date; actor_id: string | null; actor_name: string | null; action: string; target_id: string | null; details: Record<string, unknown> }[] =
      await this.db.query(
        `SELECT a.id, a.at, a.actor_id, u.display_name AS actor_name, a.action, a.target_id, a.details
         FROM audit_log a LEFT JOIN app_user u ON u.id = a.actor_id
         ORDER BY a.at DESC, a.id DESC LIMIT $1 OFFSET $2`,
        [query.limit ?? 20, query.offset ?? 0],
      );
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM audit_log`);
    return {
      items: rows.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        targetId: row.target_id,
        details: row.details,
      })),
      total,
    };
  }
}
