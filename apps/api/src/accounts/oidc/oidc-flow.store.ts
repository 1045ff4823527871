import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { RedisClient } from '../../redis/redis.client';

/** What the callback must check, kept on the server for one sign-in. */
export interface PendingFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A sign-in must come back from the provider within this time. */
export const FLOW_TTL_SECONDS = 600;

/**
 * Sign-ins in progress, in Redis (shared by every API process), each under a random id that only
 * the browser which started it holds, in an HttpOnly cookie. Taking a flow deletes it, so a
 * callback URL (with its state and code) cannot be replayed.
 */
@Injectable()
export class OidcFlowStore {
  constructor(private readonly redis: RedisClient) {}

  async save(flow: PendingFlow): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.redis.client.set(this.key(id), JSON.stringify(flow), 'EX', FLOW_TTL_SECONDS);
    return id;
  }

  async take(id: string): Promise<PendingFlow | null> {
    const value = await this.redis.client.getdel(this.key(id));
    return value ? (JSON.parse(value) as PendingFlow) : null;
  }

  /** Hashed: what Redis holds cannot be turned into a working cookie. */
  private key(id: string): string {
    return `${this.redis.keyPrefix}oidc:flow:${createHash('sha256').update(id).digest('hex')}`;
  }
}
