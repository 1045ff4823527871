import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { WorkerHeartbeatEntity } from '@baanrian/db';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WORKER_ID } from '../worker-identity';

/** Tells the API's readiness check that a worker is alive. */
@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HeartbeatService.name);
  private readonly startedAt = new Date();
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), this.config.worker.heartbeatMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    // Stale rows would keep readiness green after the last worker stopped.
    await this.db.getRepository(WorkerHeartbeatEntity).delete({ workerId: WORKER_ID }).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    try {
      await this.db.query(
        `INSERT INTO worker_heartbeat (worker_id, started_at, last_seen_at) VALUES ($1, $2, now())
         ON CONFLICT (worker_id) DO UPDATE SET last_seen_at = now()`,
        [WORKER_ID, this.startedAt],
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'heartbeat failed');
    }
  }
}
