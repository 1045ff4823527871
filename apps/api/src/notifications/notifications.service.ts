import { NotificationEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { NotificationDto, NotificationListDto, NotificationsReadDto } from './notifications.dto';
import { NotificationsException } from './notifications.exception';

const PAGE_SIZE = 20;

/** Keyset cursor (created_at, id): stable while the worker adds new notifications at the top. */
function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) throw new NotificationsException('NOTIFICATIONS_CURSOR_INVALID');
  return { createdAt, id };
}

/** `createdAt` to the microsecond, as PostgreSQL keeps it: a cursor cut to JavaScript's milliseconds skipped notifications written in the same millisecond. */
const encodeCursor = (createdAt: string, id: string) => Buffer.from(`${createdAt}|${id}`).toString('base64url');
const CURSOR_AT = `to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const toDto = (row: NotificationEntity): NotificationDto => ({
  id: row.id,
  type: row.type,
  data: row.data,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt?.toISOString() ?? null,
});

/** A person's own notifications (written by the worker); every query is scoped to the caller's id. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(userId: string, cursor?: string): Promise<NotificationListDto> {
    const after = cursor ? decodeCursor(cursor) : null;
    const query = this.db
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .addSelect(CURSOR_AT, 'cursor_at')
      .limit(PAGE_SIZE + 1);
    if (after) query.andWhere('(n.created_at, n.id) < (CAST(:createdAt AS timestamptz), CAST(:id AS uuid))', after);
    const { entities: rows, raw } = await query.getRawAndEntities<{ cursor_at: string }>();
    const page = rows.slice(0, PAGE_SIZE);
    const last = page.length - 1;
    return { items: page.map(toDto), unread: await this.unread(userId), nextCursor: rows.length > PAGE_SIZE ? encodeCursor(raw[last].cursor_at, page[last].id) : null };
  }

  /** Idempotent: reading twice keeps the first time. Someone else's id is 404, like a missing one. */
  async markRead(userId: string, id: string): Promise<NotificationDto> {
    await this.db.query(`UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2`, [id, userId]);
    const row = await this.db.getRepository(NotificationEntity).findOneBy({ id, userId });
    if (!row) throw new NotificationsException('NOTIFICATION_NOT_FOUND');
    return toDto(row);
  }

  async markAllRead(userId: string): Promise<NotificationsReadDto> {
    await this.db.query(`UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return { unread: await this.unread(userId) };
  }

  private async unread(userId: string): Promise<number> {
    const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM notification WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return count;
  }
}
