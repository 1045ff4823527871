import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { isRole, type Role } from '@baanrian/contracts';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { jwtVerify, SignJWT, calculateJwkThumbprint, exportJWK } from 'jose';
import { createPrivateKey, createPublicKey, type KeyObject, randomUUID } from 'node:crypto';
import { resolveSigningKey } from './signing-key';

/** The only algorithm accepted: `none`, HMAC and every other algorithm are rejected before any check. */
const ALGORITHMS = ['EdDSA'];

export interface AccessTokenClaims {
  userId: string;
  roles: Role[];
  /** `act.sub`: the guardian acting as this (child) user. */
  actorId?: string | null;
  /** `sid`: the refresh-token family this token belongs to. */
  sessionId?: string | null;
  /** `sv`: the session version of the account that signed in (the guardian's when acting); 0 if absent. */
  sessionVersion: number;
}

export interface SessionContext {
  actorId?: string | null;
  sessionId?: string | null;
  /** `app_user.session_version` of whoever signed in (the guardian when acting as a child). */
  sessionVersion?: number;
}

/** Short-lived EdDSA (Ed25519) JWTs: `iss` = public URL, `aud` = baanrian-api, 10 minutes. */
@Injectable()
export class AccessTokenService implements OnModuleInit {
  private readonly logger = new Logger(AccessTokenService.name);
  private privateKey: KeyObject;
  private publicKey: KeyObject;
  private keyId: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const { pem, source } = resolveSigningKey(this.config.auth);
    this.privateKey = createPrivateKey(pem);
    this.publicKey = createPublicKey(this.privateKey);
    // The key id lets a future key rotation tell old and new tokens apart.
    this.keyId = await calculateJwkThumbprint(await exportJWK(this.publicKey));
    if (source === 'generated-file') this.logger.log(`Generated an access-token signing key in ${this.config.auth.jwtKeyFile}`);
  }

  async issue(userId: string, roles: Role[], context: SessionContext = {}): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + this.config.auth.accessTokenTtlSeconds;
    const claims: Record<string, unknown> = { roles };
    // RFC 8693 actor claim: who is really acting when a guardian acts as a child.
    if (context.actorId) claims.act = { sub: context.actorId };
    if (context.sessionId) claims.sid = context.sessionId;
    claims.sv = context.sessionVersion ?? 0;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: this.keyId })
      .setSubject(userId)
      .setIssuer(this.config.auth.issuer)
      .setAudience(this.config.auth.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(this.privateKey);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The claims of a valid token, or null for anything else (bad signature, algorithm, audience, issuer, expiry). */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        algorithms: ALGORITHMS,
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
      const act = payload.act as { sub?: unknown } | undefined;
      const actorId = typeof act?.sub === 'string' ? act.sub : null;
      const sessionId = typeof payload.sid === 'string' ? payload.sid : null;
      const sessionVersion = Number.isSafeInteger(payload.sv) ? (payload.sv as number) : 0;
      return payload.sub ? { userId: payload.sub, roles, actorId, sessionId, sessionVersion } : null;
    } catch {
      return null;
    }
  }
}
