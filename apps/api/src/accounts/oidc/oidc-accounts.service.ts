import type { Locale } from '@baanrian/contracts';
import { ExternalIdentityEntity, UserEntity } from '@baanrian/db';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AccountsException } from '../accounts.exception';
import { SessionService, type StartedSession } from '../session.service';
import { createAccount, isUniqueViolation, requireUserWithRoles, type UserWithRoles } from '../user-accounts';
import { NationalIdHasher } from './national-id';
import { OidcFailure } from './oidc-failure';
import type { OidcProfile } from './oidc-profile';

/** How the provider identity found its account (for the log). */
type Match = 'identity' | 'national_id' | 'verified_email' | 'created';

/** Used when the provider gives no name at all. */
const FALLBACK_NAME: Record<Locale, string> = { th: 'ผู้เรียน', en: 'Learner', vi: 'Học viên' };

/** Unique constraints a concurrent sign-in of the same person can hit; the second try then finds the first's rows. */
const RACE_CONSTRAINTS = ['UQ_external_identity_issuer_subject', 'UQ_external_identity_user_issuer', 'UQ_app_user_national_id_hash'];

/**
 * Turns a validated provider identity into a Baanrian session:
 * 1. the account already linked to this issuer + subject;
 * 2. else the account holding the same national ID (its keyed hash): the same person;
 * 3. else the account with the same email, only when the provider says the email is verified;
 * 4. else a new learner account (the email kept only if verified; language from the locale claim, else Thai).
 * The link, the national ID hash and the session are written in one transaction.
 */
@Injectable()
export class OidcAccountsService {
  private readonly logger = new Logger(OidcAccountsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly nationalIds: NationalIdHasher,
  ) {}

  async signIn(issuer: string, profile: OidcProfile): Promise<StartedSession> {
    const nationalIdHash = profile.nationalId ? this.nationalIds.hash(profile.nationalId) : null;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction((manager) => this.signInOnce(manager, issuer, profile, nationalIdHash));
      } catch (error) {
        const raced = RACE_CONSTRAINTS.some((c) => isUniqueViolation(error, c)) || (error instanceof AccountsException && error.code === 'EMAIL_TAKEN');
        if (!raced) throw error;
        if (attempt >= 2) throw new OidcFailure('identity_conflict', `unique constraint held on the second try (${(error as Error).message})`);
      }
    }
  }

  private async signInOnce(manager: EntityManager, issuer: string, profile: OidcProfile, nationalIdHash: string | null): Promise<StartedSession> {
    const identity = await manager.findOneBy(ExternalIdentityEntity, { issuer, subject: profile.subject });
    const found = await this.findAccount(manager, identity, profile, nationalIdHash);
    let account: UserWithRoles;
    if (found) {
      account = await requireUserWithRoles(manager, found.userId, { lock: true });
      if (account.user.disabledAt) throw new OidcFailure('account_disabled', `user ${account.user.id} is disabled`);
      if (nationalIdHash && account.user.nationalIdHash && account.user.nationalIdHash !== nationalIdHash) {
        throw new OidcFailure('identity_conflict', `user ${account.user.id} is linked to a different national ID`);
      }
    } else {
      const locale = profile.locale ?? 'th';
      account = await createAccount(manager, {
        // An unverified address may be someone else's: not kept, so it can neither link nor block.
        email: profile.emailVerified ? profile.email : null,
        passwordHash: null,
        displayName: profile.displayName ?? FALLBACK_NAME[locale],
        preferredLocale: locale,
        birthYear: profile.birthYear,
        roles: ['learner'],
      });
    }
    const userId = account.user.id;

    if (identity) await manager.update(ExternalIdentityEntity, identity.id, { lastUsedAt: () => 'now()' });
    else await manager.insert(ExternalIdentityEntity, { issuer, subject: profile.subject, userId });
    await manager.update(UserEntity, userId, {
      lastSignInAt: () => 'now()',
      ...(nationalIdHash && !account.user.nationalIdHash ? { nationalIdHash } : {}),
    });
    this.logger.log(`OIDC sign-in of user ${userId} (${found?.match ?? 'created'})`);
    return this.sessions.start(manager, await requireUserWithRoles(manager, userId));
  }

  private async findAccount(
    manager: EntityManager,
    identity: ExternalIdentityEntity | null,
    profile: OidcProfile,
    nationalIdHash: string | null,
  ): Promise<{ userId: string; match: Match } | null> {
    if (identity) return { userId: identity.userId, match: 'identity' };
    const users = manager.getRepository(UserEntity);
    const byNationalId = nationalIdHash ? await users.findOne({ where: { nationalIdHash }, select: { id: true } }) : null;
    if (byNationalId) return { userId: byNationalId.id, match: 'national_id' };
    // email is citext: the comparison ignores case.
    const byEmail = profile.email && profile.emailVerified ? await users.findOne({ where: { email: profile.email }, select: { id: true } }) : null;
    if (byEmail) return { userId: byEmail.id, match: 'verified_email' };
    return null;
  }
}
