import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';

/** The API's own small Redis connection: health checks and rate limits (BullMQ has its own). */
@Injectable()
export class RedisClient implements OnModuleInit, OnApplicationShutdown {
  readonly client: Redis;
  /** Prefix of every key the API writes, so deployments (and test files) sharing a server stay apart. */
  readonly keyPrefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Fail fast instead of queueing commands: a health check or a rate limit must answer, not wait.
    this.client = new Redis(config.redis.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2000,
    });
    this.keyPrefix = `${config.redis.queuePrefix}:api:`;
    this.client.on('error', () => undefined); // reported through the readiness check instead
  }

  /** Waits (briefly) for the connection, so the first requests after boot find it ready; never fails the boot. */
  async onModuleInit(): Promise<void> {
    await this.client.connect().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
