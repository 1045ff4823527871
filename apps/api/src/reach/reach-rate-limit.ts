import { Injectable, Logger } from '@nestjs/common';
import { RedisClient } from '../redis/redis.client';
import { ReachException } from './reach.exception';

/**
 * Beacons per address per minute. A learning centre behind one address, with 40 people browsing,
 * sends a few dozen; a script replaying the beacon sends thousands.
 */
export const REACH_VISITS_PER_MINUTE = 120;
const WINDOW_MS = 60_000;
const WARNING_INTERVAL_MS = 60_000;

/**
 * A fixed one-minute window counter in Redis, keyed by the address hashed with the day's salt (so
 * no address, nor an unsalted hash of one, is written to Redis). Not the accounts' progressive
 * limiter: that one never forgets a busy key while it stays busy, which would end up throttling a
 * learning centre's steady, legitimate traffic. If Redis cannot count, the visit is let through
 * (a beacon is not worth an error) with a warning at most once a minute.
 */
@Injectable()
export class ReachRateLimit {
  private readonly logger = new Logger(ReachRateLimit.name);
  private lastWarningAt = 0;

  constructor(private readonly redis: RedisClient) {}

  async consume(addressHash: string, now: Date): Promise<void> {
    const window = Math.floor(now.getTime() / WINDOW_MS);
    const key = `${this.redis.keyPrefix}reach:rate:${window}:${addressHash}`;
    let count: number;
    try {
      const results = await this.redis.client.multi().incr(key).pexpire(key, 2 * WINDOW_MS).exec();
      count = Number(results?.[0]?.[1] ?? 0);
    } catch (error) {
      if (Date.now() - this.lastWarningAt >= WARNING_INTERVAL_MS) {
        this.lastWarningAt = Date.now();
        this.logger.warn({ err: error }, 'reach beacon not rate limited: Redis cannot count (next warning in a minute at the earliest)');
      }
      return;
    }
    if (count > REACH_VISITS_PER_MINUTE) {
      const secondsLeft = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now.getTime()) / 1000));
      throw ReachException.tooManyVisits(secondsLeft);
    }
  }
}
