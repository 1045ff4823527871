import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';

/** A small Redis connection of the API's own, used to check Redis health. */
@Injectable()
export class RedisHealthClient implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Fail fast instead of queueing commands: a health check must answer, not wait.
    this.client = new Redis(config.redis.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2000,
    });
    this.client.on('error', () => undefined); // reported through the readiness check instead
    void this.client.connect().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
