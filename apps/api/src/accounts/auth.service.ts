import { normalizeAccountCode } from '@baanrian/contracts';
import { UserEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SignInDto, SignUpDto } from './account.dto';
import { AccountsException } from './accounts.exception';
import { PasswordService } from './password.service';
import { RATE_LIMITS } from './rate-limit.policies';
import { type RateLimitKey, RateLimitService } from './rate-limit.service';
import type { SessionDto } from './account.dto';
import { type IssuedRefreshToken, RefreshTokenService } from './refresh-token.service';
import { SessionService, type StartedSession } from './session.service';
import { createAccount, loadUserWithRoles, requireUserWithRoles } from './user-accounts';

/** Sign-up, sign-in, refresh and sign-out. Controllers set and clear the cookie. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly rateLimits: RateLimitService,
  ) {}

  async signUp(dto: SignUpDto, ip: string): Promise<StartedSession> {
    await this.rateLimits.consume([
      { policy: RATE_LIMITS.signUpIp, subject: ip },
      { policy: RATE_LIMITS.signUpAccount, subject: dto.email },
    ]);
    const passwordHash = await this.passwords.hash(dto.password);
    return this.db.transaction(async (manager) => {
      const account = await createAccount(manager, { ...dto, passwordHash, roles: ['learner'] });
      return this.sessions.start(manager, account);
    });
  }

  /**
   * Unknown logins, accounts without a password and wrong passwords get the same answer after
   * the same work (one Argon2 verification), so responses do not reveal which accounts exist.
   */
  async signIn(dto: SignInDto, ip: string): Promise<StartedSession> {
    const accountCode = normalizeAccountCode(dto.login);
    const ipKey: RateLimitKey = { policy: RATE_LIMITS.signInIp, subject: ip };
    const accountKey: RateLimitKey = accountCode
      ? { policy: RATE_LIMITS.signInAccountCode, subject: accountCode }
      : { policy: RATE_LIMITS.signInAccount, subject: dto.login };
    await this.rateLimits.consume([ipKey, accountKey]);

    const users = this.db.getRepository(UserEntity);
    const user = accountCode ? await users.findOneBy({ accountCode }) : dto.login.includes('@') ? await users.findOneBy({ email: dto.login }) : null;
    const check = await this.passwords.check(user?.passwordHash ?? null, dto.password);
    if (!user || !check.ok) throw new AccountsException('INVALID_CREDENTIALS');
    // Said only to someone who knows the password.
    if (user.disabledAt) throw new AccountsException('ACCOUNT_DISABLED');

    await Promise.all([this.rateLimits.reset(accountKey), this.rateLimits.refund(ipKey)]);
    return this.db.transaction(async (manager) => {
      await manager.update(UserEntity, user.id, {
        lastSignInAt: () => 'now()',
        ...(check.upgradedHash ? { passwordHash: check.upgradedHash } : {}),
      });
      return this.sessions.start(manager, await requireUserWithRoles(manager, user.id));
    });
  }

  /** `refresh` is null when the cookie must stay as it is (a racing refresh inside the grace window). */
  async refresh(token: string | null, ip: string): Promise<{ session: SessionDto; refresh: IssuedRefreshToken | null }> {
    // No cookie: simply signed out.
    if (!token) throw new AccountsException('SESSION_EXPIRED');
    const ipKey: RateLimitKey = { policy: RATE_LIMITS.refreshIp, subject: ip };
    const owner = await this.refreshTokens.ownerOf(token);
    await this.rateLimits.consume(owner ? [ipKey, { policy: RATE_LIMITS.refreshAccount, subject: owner }] : [ipKey]);
    const { userId, next, family } = await this.refreshTokens.rotate(token);
    await this.rateLimits.refund(ipKey);
    const account = await loadUserWithRoles(this.db.manager, userId);
    if (!account) throw new AccountsException('SESSION_REVOKED');
    return { session: await this.sessions.resume(this.db.manager, account, family), refresh: next };
  }

  async signOut(token: string | null): Promise<void> {
    if (token) await this.refreshTokens.revokeFamilyOf(token);
  }
}
