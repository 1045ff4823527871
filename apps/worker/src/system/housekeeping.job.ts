import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface HousekeepingResult {
  outboxEvents: number;
  pings: number;
  heartbeats: number;
  refreshTokens: number;
}

/**
 * Deletes rows whose use has passed, so tables stay small on a small server. Published outbox
 * rows are kept a week, as long as BullMQ remembers completed job ids; unpublished ones never go.
 */
@Injectable()
export class HousekeepingJob {
  private readonly logger = new Logger(HousekeepingJob.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async handle(): Promise<HousekeepingResult> {
    const [, outboxEvents] = await this.db.query(`DELETE FROM outbox_event WHERE published_at < now() - interval '7 days'`);
    // The newest completed ping stays: readiness reports it.
    const [, pings] = await this.db.query(
      `DELETE FROM system_ping WHERE requested_at < now() - interval '7 days'
       AND id IS DISTINCT FROM (SELECT id FROM system_ping WHERE completed_at IS NOT NULL ORDER BY completed_at DESC LIMIT 1)`,
    );
    // Rows of workers that were killed without a chance to remove their own.
    const [, heartbeats] = await this.db.query(`DELETE FROM worker_heartbeat WHERE last_seen_at < now() - interval '1 day'`);
    // Expired a week ago: no longer usable, so a reuse of one would only be "expired" anyway.
    // Live families keep their used tokens, which is how a copied token is recognised.
    const [, refreshTokens] = await this.db.query(`DELETE FROM refresh_token WHERE expires_at < now() - interval '7 days'`);
    const result = { outboxEvents, pings, heartbeats, refreshTokens };
    this.logger.log(result, 'housekeeping done');
    return result;
  }
}
