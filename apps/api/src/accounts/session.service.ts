import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SessionDto } from './account.dto';
import { toMeDto } from './account.mapper';
import { AccessTokenService } from './access-token.service';
import { type IssuedRefreshToken, RefreshTokenService } from './refresh-token.service';
import type { UserWithRoles } from './user-accounts';

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
    return { session: await this.describe(account), refresh };
  }

  /** The answer to sign-in and refresh: a fresh access token and the user it belongs to. */
  async describe(account: UserWithRoles): Promise<SessionDto> {
    const access = await this.accessTokens.issue(account.user.id, account.roles);
    return { accessToken: access.token, expiresAt: access.expiresAt.toISOString(), user: toMeDto(account) };
  }
}
