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
  /** The family, named in access tokens as `sid` so /me/children/{id}/switch can find it. */
  familyId?: string;
  /** The child this family is acting as, if any. */
  actingAsId?: string | null;
}

/** Every access token issued to this account so far fails at its next request (see JwtStrategy). */
export async function invalidateAccessTokens(manager: EntityManager, userId: string): Promise<void> {
  await manager.query(`UPDATE app_user SET session_version = session_version + 1 WHERE id = $1`, [userId]);
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Where a family stands: the id and the child it is acting as (the live token's `acting_as_id`). */
export interface FamilyState {
  familyId?: string;
  actingAsId?: string | null;
}

/**
 * `next` is the new token for the cookie; null when a just-used token came back inside the grace
 * window: the family goes on as it is (state of its live token) and the cookie stays as it is.
 */
export interface RotatedSession {
  userId: string;
  next: IssuedRefreshToken | null;
  family: FamilyState;
}

type Rotation = ({ outcome: 'rotated' } & RotatedSession) | { outcome: 'expired' | 'revoked' | 'reused' };

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
  async issue(
    manager: EntityManager,
    userId: string,
    from?: { familyId: string; parentId: string; actingAsId?: string | null },
  ): Promise<IssuedRefreshToken> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.auth.refreshTokenTtlDays * 86_400_000);
    const familyId = from?.familyId ?? randomUUID();
    const actingAsId = from?.actingAsId ?? null;
    await manager.insert(RefreshTokenEntity, {
      userId,
      familyId,
      parentId: from?.parentId ?? null,
      tokenHash: hashRefreshToken(token),
      expiresAt,
      actingAsId,
    });
    return { token, expiresAt, familyId, actingAsId };
  }

  /**
   * Starts or ends acting as a child in a guardian's family: the live token of the family carries
   * the child, and rotation hands it on. Returns false when the family is not the user's or is over.
   */
  async setActing(manager: EntityManager, familyId: string, userId: string, childId: string | null): Promise<boolean> {
    const rows = await updateReturning<{ id: string }>(
      manager,
      `UPDATE refresh_token SET acting_as_id = $3
       WHERE family_id = $1 AND user_id = $2 AND revoked_at IS NULL AND used_at IS NULL AND expires_at > now()
       RETURNING id`,
      [familyId, userId, childId],
    );
    return rows.length > 0;
  }

  /** The user a presented token belongs to, if it exists at all (for per-account rate limits). */
  async ownerOf(token: string): Promise<string | null> {
    const row = await this.db.getRepository(RefreshTokenEntity).findOne({ where: { tokenHash: hashRefreshToken(token) }, select: { userId: true } });
    return row?.userId ?? null;
  }

  /**
   * Exchanges a token for its child; throws SESSION_EXPIRED or SESSION_REVOKED. A token used less
   * than `AUTH_REFRESH_REUSE_GRACE_SECONDS` ago (two tabs refreshing with one cookie at once) gets
   * the family's current state without a new token; later, a used token is a copy and ends the family.
   */
  async rotate(token: string): Promise<RotatedSession> {
    const tokenHash = hashRefreshToken(token);
    const result = await this.db.transaction(async (manager): Promise<Rotation> => {
      // Atomic: of two concurrent uses of one token, exactly one gets the row; the other is a reuse.
      const [claimed] = await updateReturning<{ id: string; user_id: string; family_id: string; acting_as_id: string | null }>(
        manager,
        `UPDATE refresh_token t SET used_at = now()
         FROM app_user u
         WHERE t.token_hash = $1 AND t.user_id = u.id AND u.disabled_at IS NULL
           AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > now()
         RETURNING t.id, t.user_id, t.family_id, t.acting_as_id`,
        [tokenHash],
      );
      if (claimed) {
        const next = await this.issue(manager, claimed.user_id, { familyId: claimed.family_id, parentId: claimed.id, actingAsId: claimed.acting_as_id });
        return { outcome: 'rotated', userId: claimed.user_id, next, family: next };
      }
      const known = await manager.findOneBy(RefreshTokenEntity, { tokenHash });
      if (!known) return { outcome: 'expired' };
      if (known.revokedAt) return { outcome: 'revoked' };
      if (known.usedAt) {
        const racing = await this.liveStateWithinGrace(manager, known.id);
        if (racing) return { outcome: 'rotated', userId: known.userId, next: null, family: racing };
        await this.revokeFamily(manager, known.familyId);
        return { outcome: 'reused' };
      }
      // Unused and unrevoked, yet not claimable: expired, or its user is disabled.
      return { outcome: known.expiresAt.getTime() <= Date.now() ? 'expired' : 'revoked' };
    });
    // Thrown after the commit, so the revocation of a reused family is kept.
    if (result.outcome === 'rotated') return { userId: result.userId, next: result.next, family: result.family };
    throw new AccountsException(result.outcome === 'expired' ? 'SESSION_EXPIRED' : 'SESSION_REVOKED');
  }

  /** Sign-out: the whole family of the presented token, if it exists. */
  async revokeFamilyOf(token: string): Promise<void> {
    const known = await this.db.getRepository(RefreshTokenEntity).findOneBy({ tokenHash: hashRefreshToken(token) });
    if (known) await this.revokeFamily(this.db.manager, known.familyId);
  }

  /**
   * Disabling a user, a password reset, a new card secret: every session they have, in the caller's
   * transaction, refresh families and access tokens alike. Returns the families ended.
   */
  async revokeAllOf(manager: EntityManager, userId: string): Promise<number> {
    await invalidateAccessTokens(manager, userId);
    const rows = await updateReturning<{ family_id: string }>(
      manager,
      `UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id`,
      [userId],
    );
    return new Set(rows.map((row) => row.family_id)).size;
  }

  /**
   * For a used token: the family's live token, if the use was within the grace window (by the
   * database's clock) and the family and its user are still in good standing.
   */
  private async liveStateWithinGrace(manager: EntityManager, usedTokenId: string): Promise<FamilyState | null> {
    const graceSeconds = this.config.auth.refreshReuseGraceSeconds;
    if (graceSeconds <= 0) return null;
    const [live]: { family_id: string; acting_as_id: string | null }[] = await manager.query(
      `SELECT live.family_id, live.acting_as_id
       FROM refresh_token used
       JOIN app_user u ON u.id = used.user_id AND u.disabled_at IS NULL AND u.erased_at IS NULL
       JOIN refresh_token live ON live.family_id = used.family_id
         AND live.used_at IS NULL AND live.revoked_at IS NULL AND live.expires_at > now()
       WHERE used.id = $1 AND used.revoked_at IS NULL AND used.used_at > now() - make_interval(secs => $2)
       ORDER BY live.created_at DESC LIMIT 1`,
      [usedTokenId, graceSeconds],
    );
    return live ? { familyId: live.family_id, actingAsId: live.acting_as_id } : null;
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }
}
