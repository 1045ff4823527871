import { CHILD_REQUIRED_PURPOSE, type Role } from '@baanrian/contracts';
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
 * working at once, not when the token expires. The token's session version (`sv`) must equal the
 * account's (the guardian's, for a child): a password reset, disabling, a revoked role, a new card
 * secret or erasure bumps it, so every access token issued before fails at its next request.
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
    // A child profile has no sign-in of its own: its tokens are valid only while its guardian
    // acts as it (act.sub = guardian_id), the guardian can sign in, and the guardian's consent
    // for learning is recorded and not withdrawn. Anyone else's token must not carry `act`.
    const [user]: { id: string; display_name: string; guardian_id: string | null; roles: Role[] }[] = await this.db.query(
      `SELECT u.id, u.display_name, u.guardian_id, coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
       FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id
       WHERE u.id = $1 AND u.disabled_at IS NULL AND u.erased_at IS NULL
         AND (u.guardian_id IS NULL AND $2::uuid IS NULL AND u.session_version = $4
              OR u.guardian_id = $2::uuid
                 AND EXISTS (SELECT 1 FROM app_user g WHERE g.id = u.guardian_id AND g.disabled_at IS NULL AND g.erased_at IS NULL
                             AND g.session_version = $4)
                 AND EXISTS (SELECT 1 FROM consent_record c WHERE c.subject_id = u.id AND c.given_by_id = u.guardian_id
                             AND c.purpose = $3 AND c.withdrawn_at IS NULL))
       GROUP BY u.id`,
      [claims.userId, claims.actorId ?? null, CHILD_REQUIRED_PURPOSE, claims.sessionVersion],
    );
    if (!user) return null;
    return {
      id: user.id,
      displayName: user.display_name,
      roles: user.roles,
      isChild: user.guardian_id !== null,
      actingGuardianId: user.guardian_id,
      sessionId: claims.sessionId ?? null,
    };
  }
}
