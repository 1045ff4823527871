import { UserEntity, UserRoleEntity } from '@baanrian/db';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { type Authenticator, Strategy } from 'passport';
import { DataSource, IsNull } from 'typeorm';
import { AccessTokenService } from '../accounts/access-token.service';
import type { AuthUser } from './authz.types';

/** This API's own passport instance, so two APIs in one process (tests) never share strategies. */
export const PASSPORT = Symbol('PASSPORT');

type Verify = (req: Request, done: (error: unknown, user?: AuthUser | false | null) => void) => void;

/** `Authorization: Bearer <JWT>`; passport calls `authenticate`, the Nest mixin supplies `verify`. */
class BearerTokenStrategy extends Strategy {
  constructor(
    readonly registry: Authenticator,
    private readonly verify: Verify,
  ) {
    super();
  }

  override authenticate(req: Request): void {
    this.verify(req, (error, user) => {
      if (error) this.error(error);
      else if (!user) this.fail(401);
      else this.success(user);
    });
  }
}

/**
 * Verifies the access token (EdDSA only, issuer, audience, expiry), then loads the user: one
 * primary-key query per request, so a disabled user or a revoked role stops working at once,
 * not when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(BearerTokenStrategy, 'jwt') {
  constructor(
    @Inject(PASSPORT) registry: Authenticator,
    private readonly tokens: AccessTokenService,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    super(registry);
  }

  getPassportInstance(): Authenticator {
    return this.registry;
  }

  async validate(req: Request): Promise<AuthUser | null> {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(req.header('authorization') ?? '');
    const claims = match ? await this.tokens.verify(match[1]) : null;
    if (!claims) return null;
    const user = await this.db.getRepository(UserEntity).findOne({
      where: { id: claims.userId, disabledAt: IsNull() },
      select: { id: true, displayName: true },
    });
    if (!user) return null;
    const roles = await this.db.getRepository(UserRoleEntity).find({ where: { userId: user.id }, select: { role: true }, order: { role: 'ASC' } });
    return { id: user.id, displayName: user.displayName, roles: roles.map((r) => r.role) };
  }
}
