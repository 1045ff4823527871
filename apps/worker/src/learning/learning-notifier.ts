import type { NotificationType } from '@baanrian/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Adds to a person's notification list; the unique dedupe key makes a retried job add nothing. */
@Injectable()
export class LearningNotifier {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** True when this call added it. */
  async add(userId: string, type: NotificationType, data: Record<string, unknown>, dedupeKey: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO notification (user_id, type, data, dedupe_key) VALUES ($1, $2, $3, $4) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [userId, type, data, dedupeKey],
    );
    return rows.length > 0;
  }
}
