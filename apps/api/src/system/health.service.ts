import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CheckDto, ReadinessDto } from './health.dto';
import { RedisClient } from '../redis/redis.client';
import { SystemPingService } from './system-ping.service';
import { SystemException } from './system.exception';
import { RateLimitService, type RateLimitStatus } from '../accounts/rate-limit.service';

/** A worker must have reported within this window for the system to count as ready. */
export const HEARTBEAT_MAX_AGE_MS = 30_000;

@Injectable()
export class HealthService implements BeforeApplicationShutdown {
  private shuttingDown = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: RedisClient,
    private readonly pings: SystemPingService,
    private readonly modules: ModuleRef,
  ) {}

  /** Reported, never failing readiness: skipping limits keeps sign-in available (see RateLimitService). */
  private rateLimits(): RateLimitStatus {
    const service = this.modules.get(RateLimitService, { strict: false });
    return service.status();
  }

  /** On SIGTERM, report not ready at once so a load balancer stops sending new requests while we drain. */
  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  async readiness(): Promise<ReadinessDto> {
    if (this.shuttingDown) {
      throw new SystemException('NOT_READY', { detail: 'api: shutting down' });
    }
    const [database, redis] = await Promise.all([this.checkDatabase(), this.checkRedis()]);
    const worker = database.ok ? await this.checkWorker() : { ok: false, reason: 'database unavailable' };
    const checks = { database, redis, worker };
    const lastPing = database.ok ? await this.pings.lastCompleted() : null;
    if (!database.ok || !redis.ok || !worker.ok) {
      throw new SystemException('NOT_READY', {
        detail: Object.entries(checks)
          .filter(([, check]) => !check.ok)
          .map(([name, check]) => `${name}: ${check.reason}`)
          .join('; '),
        checks,
        lastPing,
        rateLimits: this.rateLimits(),
      });
    }
    return { status: 'ready', checks, lastPing, rateLimits: this.rateLimits() };
  }

  private async checkDatabase(): Promise<CheckDto> {
    try {
      await this.db.query('SELECT 1');
      if (await this.db.showMigrations()) return { ok: false, reason: 'migrations are pending' };
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: `unreachable (${(error as Error).message})` };
    }
  }

  private async checkRedis(): Promise<CheckDto> {
    try {
      const info = await this.redis.client.info('memory');
      const policy = /maxmemory_policy:(\S+)/.exec(info)?.[1];
      if (policy !== 'noeviction') {
        return { ok: false, reason: `maxmemory-policy is ${policy ?? 'unknown'}; queues need noeviction` };
      }
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: `unreachable (${(error as Error).message})` };
    }
  }

  private async checkWorker(): Promise<CheckDto> {
    // Ages are computed by PostgreSQL, so clock drift between hosts cannot fake a heartbeat.
    const [row] = await this.db.query(
      `SELECT (EXTRACT(EPOCH FROM (now() - max(last_seen_at))) * 1000)::bigint AS age_ms FROM worker_heartbeat`,
    );
    if (row?.age_ms == null) return { ok: false, reason: 'no worker has reported' };
    const ageMs = Number(row.age_ms);
    if (ageMs > HEARTBEAT_MAX_AGE_MS) return { ok: false, reason: `last worker heartbeat ${Math.round(ageMs / 1000)} s ago` };
    return { ok: true };
  }
}
