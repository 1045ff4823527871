import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { RefreshTokenEntity } from '@baanrian/db';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AccountsException } from './accounts.exception';
import { updateReturning } from './user-accounts';

export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

type Rotation =
  | { outcome: 'rotated'; userId: string; next: IssuedRefreshToken }
  | { outcome: 'expired' | 'revoked' | 'reused' };

/**
 * Opaque refresh tokens (256 random bits), stored as SHA-256 hashes. Each use marks the token
 * used and issues its child in the same family; a used token presented again was copied, so
 * the family is revoked and both holders are signed out.
 */
@Injectable()
export class RefreshTokenService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a new family (a sign-in), or continues one (a rotation). */
  async issue(manager: EntityManager, userId: string, from?: { familyId: string; parentId: string }): Promise<IssuedRefreshToken> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.auth.refreshTokenTtlDays * 86_400_000);
    await manager.insert(RefreshTokenEntity, {
      userId,
      familyId: from?.familyId ?? randomUUID(),
      parentId: from?.parentId ?? null,
      tokenHash: hashRefreshToken(token),
      expiresAt,
    });
    return { token, expiresAt };
  }

  /** The user a presented token belongs to, if it exists at all (for per-account rate limits). */
  async ownerOf(token: string): Promise<string | null> {
    const row = await this.db.getRepository(RefreshTokenEntity).findOne({ where: { tokenHash: hashRefreshToken(token) }, select: { userId: true } });
    return row?.userId ?? null;
  }

  /** Exchanges a token for its child; throws SESSION_EXPIRED or SESSION_REVOKED. */
  async rotate(token: string): Promise<{ userId: string; next: IssuedRefreshToken }> {
    const tokenHash = hashRefreshToken(token);
    const result = await this.db.transaction(async (manager): Promise<Rotation> => {
      // Atomic: of two concurrent uses of one token, exactly one gets the row; the other is a reuse.
      const [claimed] = await updateReturning<{ id: string; user_id: string; family_id: string }>(
        manager,
        `UPDATE refresh_token t SET used_at = now()
         FROM app_user u
         WHERE t.token_hash = $1 AND t.user_id = u.id AND u.disabled_at IS NULL
           AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > now()
         RETURNING t.id, t.user_id, t.family_id`,
        [tokenHash],
      );
      if (claimed) {
        const next = await this.issue(manager, claimed.user_id, { familyId: claimed.family_id, parentId: claimed.id });
        return { outcome: 'rotated', userId: claimed.user_id, next };
      }
      const known = await manager.findOneBy(RefreshTokenEntity, { tokenHash });
      if (!known) return { outcome: 'expired' };
      if (known.revokedAt) return { outcome: 'revoked' };
      if (known.usedAt) {
        await this.revokeFamily(manager, known.familyId);
        return { outcome: 'reused' };
      }
      // Unused and unrevoked, yet not claimable: expired, or its user is disabled.
      return { outcome: known.expiresAt.getTime() <= Date.now() ? 'expired' : 'revoked' };
    });
    // Thrown after the commit, so the revocation of a reused family is kept.
    if (result.outcome === 'rotated') return { userId: result.userId, next: result.next };
    throw new AccountsException(result.outcome === 'expired' ? 'SESSION_EXPIRED' : 'SESSION_REVOKED');
  }

  /** Sign-out: the whole family of the presented token, if it exists. */
  async revokeFamilyOf(token: string): Promise<void> {
    const known = await this.db.getRepository(RefreshTokenEntity).findOneBy({ tokenHash: hashRefreshToken(token) });
    if (known) await this.revokeFamily(this.db.manager, known.familyId);
  }

  /** Disabling a user: every session they have, in the caller's transaction. Returns the families ended. */
  async revokeAllOf(manager: EntityManager, userId: string): Promise<number> {
    const rows = await updateReturning<{ family_id: string }>(
      manager,
      `UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id`,
      [userId],
    );
    return new Set(rows.map((row) => row.family_id)).size;
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }
}
