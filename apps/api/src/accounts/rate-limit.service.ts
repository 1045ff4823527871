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

/**
 * Rate limits kept in Redis, so they hold across every API process. If Redis is unreachable the
 * limits are skipped (and logged): sign-in stays possible, password hashing stays bounded per
 * process, and readiness already reports Redis as down.
 */
@Injectable()
export class RateLimitService {
  private readonly logger = new Logger(RateLimitService.name);

  constructor(private readonly redis: RedisClient) {}

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
      return Number(await this.redis.client.eval(script, keys.length, ...keys, ...args));
    } catch (error) {
      this.logger.warn({ err: error }, 'rate limit skipped: Redis unavailable');
      return null;
    }
  }

  /** Subjects are hashed: no email address or IP is written to Redis in clear. */
  private key({ policy, subject }: RateLimitKey): string {
    const digest = createHash('sha256').update(subject.toLowerCase()).digest('hex').slice(0, 32);
    return `${this.redis.keyPrefix}rate:${policy.name}:${digest}`;
  }
}
