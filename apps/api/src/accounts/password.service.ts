import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hashNeedsUpgrade } from './password-hash';
import { PasswordHasherProcess } from './password-hasher.process';
import { Semaphore } from './semaphore';

export interface PasswordCheck {
  ok: boolean;
  /** A new hash with today's parameters, when the stored one is weaker; save it. */
  upgradedHash: string | null;
}

/**
 * Hashing and verification, at most `AUTH_HASH_CONCURRENCY` at a time per API process, done by a
 * lower-priority child process (see PasswordHasherProcess) so sign-ins never take the CPU from
 * other requests.
 */
@Injectable()
export class PasswordService implements OnModuleInit, OnModuleDestroy {
  private readonly gate: Semaphore;
  private readonly hasher = new PasswordHasherProcess();
  /** Verified against when there is no account, so unknown logins take as long as wrong passwords. */
  private dummyHash = '';

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.gate = new Semaphore(config.auth.hashConcurrency);
  }

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hash(randomBytes(18).toString('base64'));
  }

  async onModuleDestroy(): Promise<void> {
    await this.hasher.close();
  }

  hash(password: string): Promise<string> {
    return this.gate.run(() => this.hasher.hash(password));
  }

  /** Always does one full verification, whether or not there is a hash to check against. */
  async check(storedHash: string | null, password: string): Promise<PasswordCheck> {
    const ok = await this.gate.run(() => this.hasher.verify(storedHash ?? this.dummyHash, password));
    if (!ok || storedHash === null) return { ok: false, upgradedHash: null };
    return { ok: true, upgradedHash: hashNeedsUpgrade(storedHash) ? await this.hash(password) : null };
  }
}
