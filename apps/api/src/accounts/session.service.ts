import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SessionDto } from './account.dto';
import { toMeDto } from './account.mapper';
import { AccessTokenService } from './access-token.service';
import { childMayBeProcessed } from './child-consent';
import { type FamilyState, type IssuedRefreshToken, RefreshTokenService } from './refresh-token.service';
import { loadUserWithRoles, type UserWithRoles } from './user-accounts';

export interface StartedSession {
  session: SessionDto;
  /** Goes into the HttpOnly cookie, never into a response body. */
  refresh: IssuedRefreshToken;
}

@Injectable()
export class SessionService {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
  ) {}

  /** A new session (sign-up, sign-in, setup): a new refresh-token family, in the caller's transaction. */
  async start(manager: EntityManager, account: UserWithRoles): Promise<StartedSession> {
    const refresh = await this.refreshTokens.issue(manager, account.user.id);
    return { session: await this.describe(account, refresh.familyId), refresh };
  }

  /** The answer to sign-in and refresh: a fresh access token (naming its family as `sid`) and the user it belongs to. */
  async describe(account: UserWithRoles, familyId?: string): Promise<SessionDto> {
    const access = await this.accessTokens.issue(account.user.id, account.roles, { sessionId: familyId, sessionVersion: account.user.sessionVersion });
    return { accessToken: access.token, expiresAt: access.expiresAt.toISOString(), user: toMeDto(account) };
  }

  /** A guardian acting as their child: `sub` = child, `act.sub` = guardian, same family as the guardian's. */
  async describeActing(child: UserWithRoles, guardian: UserWithRoles, familyId: string | undefined): Promise<SessionDto> {
    const access = await this.accessTokens.issue(child.user.id, child.roles, {
      actorId: guardian.user.id,
      sessionId: familyId,
      sessionVersion: guardian.user.sessionVersion,
    });
    const user = { ...toMeDto(child), actingAs: { guardianId: guardian.user.id, guardianName: guardian.user.displayName } };
    return { accessToken: access.token, expiresAt: access.expiresAt.toISOString(), user };
  }

  /**
   * After a refresh: a family acting as a child goes on acting as it while the child may still be
   * processed (consent unwithdrawn, nobody erased); otherwise the family returns to the guardian.
   */
  async resume(manager: EntityManager, account: UserWithRoles, refresh: FamilyState): Promise<SessionDto> {
    if (refresh.actingAsId && refresh.familyId) {
      const child = await loadUserWithRoles(manager, refresh.actingAsId);
      if (child?.user.guardianId === account.user.id && (await childMayBeProcessed(manager, child.user.id, account.user.id))) {
        return this.describeActing(child, account, refresh.familyId);
      }
      await this.refreshTokens.setActing(manager, refresh.familyId, account.user.id, null);
    }
    return this.describe(account, refresh.familyId);
  }
}
