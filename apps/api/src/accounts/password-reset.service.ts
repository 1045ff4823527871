import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { PasswordResetTokenEntity, UserEntity, writeOutboxEvent } from '@baanrian/db';
import { sealToken } from '@baanrian/jobs';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { currentRequestId } from '../observability/request-context';
import { AccountsException } from './accounts.exception';
import { PasswordService } from './password.service';
import { RATE_LIMITS } from './rate-limit.policies';
import { RateLimitService } from './rate-limit.service';
import { RefreshTokenService } from './refresh-token.service';
import { updateReturning, writeAudit } from './user-accounts';

/**
 * Every "forgot password" answer takes at least this long. Issuing a token (a short transaction)
 * takes a few milliseconds more than finding no account; padding both to one floor keeps the
 * response time from telling whether an email has an account.
 */
export const FORGOT_RESPONSE_FLOOR_MS = 250;

export function hashResetToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Password reset by email. The API issues a one-time token (stored hashed) and writes the
 * `account.password-reset-requested` event in the same transaction; the worker mails the link.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly passwords: PasswordService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly rateLimits: RateLimitService,
  ) {}

  /** Same answer whatever the email: unknown, disabled and real accounts all end here after the same floor. */
  async requestLink(email: string, ip: string): Promise<void> {
    await this.rateLimits.consume([
      { policy: RATE_LIMITS.passwordResetIp, subject: ip },
      { policy: RATE_LIMITS.passwordResetAccount, subject: email },
    ]);
    const started = Date.now();
    const user = await this.db.getRepository(UserEntity).findOne({ where: { email }, select: { id: true, disabledAt: true } });
    if (user && !user.disabledAt) await this.issue(user.id);
    const remaining = FORGOT_RESPONSE_FLOOR_MS - (Date.now() - started);
    if (remaining > 0) await sleep(remaining);
  }

  /** Replaces the user's live token (if any) with a new one and asks the worker to mail it. */
  private async issue(userId: string): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    await this.db.transaction(async (manager) => {
      // Serialises issues for one user, so the "one live token" index is never hit by a race.
      await manager.query(`SELECT 1 FROM app_user WHERE id = $1 FOR NO KEY UPDATE`, [userId]);
      await manager.query(
        `UPDATE password_reset_token SET revoked_at = now() WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
        [userId],
      );
      await manager.insert(PasswordResetTokenEntity, {
        id,
        userId,
        tokenHash: hashResetToken(token),
        expiresAt: new Date(Date.now() + this.config.auth.passwordResetTtlMinutes * 60_000),
      });
      const sealedToken = sealToken(this.config.security.appSecret, token, id);
      await writeOutboxEvent(manager, 'account.password-reset-requested', { resetTokenId: id, sealedToken }, currentRequestId());
    });
  }

  /**
   * Sets the new password and ends every session. The token is claimed by a conditional UPDATE,
   * so it works once even when two requests race; unknown, expired, replaced and used tokens are
   * all RESET_TOKEN_INVALID.
   */
  async resetPassword(token: string, password: string): Promise<void> {
    const tokenHash = hashResetToken(token);
    // A cheap look first, so only a live token costs a password hash.
    const known = await this.db.getRepository(PasswordResetTokenEntity).findOneBy({ tokenHash });
    if (!known || known.usedAt || known.revokedAt || known.expiresAt.getTime() <= Date.now()) throw new AccountsException('RESET_TOKEN_INVALID');
    const passwordHash = await this.passwords.hash(password);
    const owner = await this.db.transaction(async (manager) => {
      const [claimed] = await updateReturning<{ user_id: string; email: string | null; account_code: string }>(
        manager,
        `UPDATE password_reset_token t SET used_at = now()
         FROM app_user u
         WHERE t.token_hash = $1 AND t.user_id = u.id AND u.disabled_at IS NULL
           AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > now()
         RETURNING t.user_id, u.email, u.account_code`,
        [tokenHash],
      );
      if (!claimed) throw new AccountsException('RESET_TOKEN_INVALID');
      await manager.update(UserEntity, claimed.user_id, { passwordHash });
      const sessionsEnded = await this.refreshTokens.revokeAllOf(manager, claimed.user_id);
      await writeAudit(manager, { actorId: claimed.user_id, action: 'user.password.reset', targetId: claimed.user_id, details: { sessionsEnded } });
      return claimed;
    });
    // Whoever was slowed down guessing this account's old password no longer matters.
    await Promise.all(
      [owner.email, owner.account_code].flatMap((login) => (login ? [this.rateLimits.reset({ policy: RATE_LIMITS.signInAccount, subject: login })] : [])),
    );
  }
}
