import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RedisClient } from '../redis/redis.client';
import { AccountsException } from './accounts.exception';
import type { RateLimitPolicy } from './rate-limit.policies';

/** One limit on one subject (an IP address, a login, a user id). */
export interface RateLimitKey {
  policy: RateLimitPolicy;
  subject: string;
}

// Redis's own clock, so every API process agrees on when a wait ends.
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * Takes one attempt on each key, or none: when any key must still wait, nothing is counted and
 * the longest wait is returned. Otherwise every count goes up and a key that has used its free
 * attempts gets its next wait (base · 2^(count − free), capped).
 * KEYS: the keys; ARGV: free, baseMs, maxMs, windowMs for each key in turn. Returns ms to wait.
 */
const CONSUME = `${NOW}
local longest = 0
for i, key in ipairs(KEYS) do
  local untilMs = tonumber(redis.call('HGET', key, 'until') or '0')
  if untilMs - now > longest then longest = untilMs - now end
end
if longest > 0 then return longest end
for i, key in ipairs(KEYS) do
  local o = (i - 1) * 4
  local free, base, max, window = tonumber(ARGV[o + 1]), tonumber(ARGV[o + 2]), tonumber(ARGV[o + 3]), tonumber(ARGV[o + 4])
  local count = redis.call('HINCRBY', key, 'count', 1)
  local wait = 0
  if count >= free then
    wait = math.min(base * math.pow(2, count - free), max)
    redis.call('HSET', key, 'until', now + wait)
  end
  redis.call('PEXPIRE', key, window + wait)
end
return 0`;

/** Gives back an attempt that turned out fine (e.g. a successful sign-in from a shared address). */
const REFUND = `${NOW}
local count = redis.call('HINCRBY', KEYS[1], 'count', -1)
if count < tonumber(ARGV[1]) then redis.call('HDEL', KEYS[1], 'until') end
return count`;

/** Whether limits are being applied, for /health/ready (see RateLimitService). */
export interface RateLimitStatus {
  enforced: boolean;
  /** When the current run of skipped checks began; null while limits are enforced. */
  skippingSince: string | null;
  /** Checks skipped since then. */
  skipped: number;
}

/** At most one warning per this period while limits are skipped, however many requests come. */
export const SKIP_WARNING_INTERVAL_MS = 60_000;

/**
 * Rate limits kept in Redis, so they hold across every API process. If Redis cannot run a check
 * (unreachable, or refusing writes when full under noeviction) the limit is skipped: availability
 * wins, sign-in stays possible and password hashing stays bounded per process. That is never
 * silent: a warning at most once a minute while it lasts (with the count), and /health/ready
 * shows `rateLimits.enforced: false` in its details without failing readiness for it.
 */
@Injectable()
export class RateLimitService {
  private readonly logger = new Logger(RateLimitService.name);
  private skippingSince: Date | null = null;
  private skipped = 0;
  private lastWarningAt = 0;

  constructor(private readonly redis: RedisClient) {}

  status(): RateLimitStatus {
    return { enforced: this.skippingSince === null, skippingSince: this.skippingSince?.toISOString() ?? null, skipped: this.skipped };
  }

  /** Counts one attempt on every key, or throws 429 with Retry-After if any must wait. */
  async consume(keys: RateLimitKey[]): Promise<void> {
    const waitMs = await this.eval(CONSUME, keys.map((k) => this.key(k)), keys.flatMap((k) => [k.policy.free, k.policy.baseMs, k.policy.maxMs, k.policy.windowMs]));
    if (waitMs && waitMs > 0) throw AccountsException.tooManyRequests(Math.max(1, Math.ceil(waitMs / 1000)));
  }

  async refund(key: RateLimitKey): Promise<void> {
    await this.eval(REFUND, [this.key(key)], [key.policy.free]);
  }

  async reset(key: RateLimitKey): Promise<void> {
    try {
      await this.redis.client.del(this.key(key));
    } catch (error) {
      this.logger.warn({ err: error }, 'rate limit not reset: Redis unavailable');
    }
  }

  private async eval(script: string, keys: string[], args: number[]): Promise<number | null> {
    try {
      const result = Number(await this.redis.client.eval(script, keys.length, ...keys, ...args));
      if (this.skippingSince) {
        this.logger.log(`rate limits enforced again after ${this.skipped} skipped checks since ${this.skippingSince.toISOString()}`);
        this.skippingSince = null;
        this.skipped = 0;
        this.lastWarningAt = 0;
      }
      return result;
    } catch (error) {
      this.skippingSince ??= new Date();
      this.skipped += 1;
      const now = Date.now();
      if (now - this.lastWarningAt >= SKIP_WARNING_INTERVAL_MS) {
        this.lastWarningAt = now;
        this.logger.warn(
          { err: error, skipped: this.skipped, since: this.skippingSince.toISOString() },
          'rate limits skipped: Redis cannot run them (next warning in a minute at the earliest)',
        );
      }
      return null;
    }
  }

  /** Subjects are hashed: no email address or IP is written to Redis in clear. */
  private key({ policy, subject }: RateLimitKey): string {
    const digest = createHash('sha256').update(subject.toLowerCase()).digest('hex').slice(0, 32);
    return `${this.redis.keyPrefix}rate:${policy.name}:${digest}`;
  }
}
