import type { JobData } from '@baanrian/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WORKER_ID } from '../worker-identity';

/** Completes a ping. Idempotent: only the first delivery sets `completed_at`. */
@Injectable()
export class SystemPingJob {
  private readonly logger = new Logger(SystemPingJob.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async handle(data: JobData<'system.ping'>): Promise<void> {
    const [, affected] = await this.db.query(
      `UPDATE system_ping SET completed_at = now(), completed_by = $2 WHERE id = $1 AND completed_at IS NULL`,
      [data.pingId, WORKER_ID],
    );
    this.logger.log({ requestId: data.meta?.requestId, eventId: data.meta?.eventId, pingId: data.pingId, duplicate: affected === 0 }, 'system.ping completed');
  }
}
