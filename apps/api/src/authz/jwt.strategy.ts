import type { Role } from '@baanrian/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { type Authenticator, Strategy } from 'passport';
import type { DataSource } from 'typeorm';
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
 * Verifies the access token (EdDSA only, issuer, audience, expiry), then loads the user and
 * their roles in one indexed query per request, so a disabled user or a revoked role stops
 * working at once, not when the token expires.
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
    const [user]: { id: string; display_name: string; roles: Role[] }[] = await this.db.query(
      `SELECT u.id, u.display_name, coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
       FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id
       WHERE u.id = $1 AND u.disabled_at IS NULL
       GROUP BY u.id`,
      [claims.userId],
    );
    return user ? { id: user.id, displayName: user.display_name, roles: user.roles } : null;
  }
}
