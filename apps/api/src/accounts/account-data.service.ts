import { ConsentRecordEntity, UserEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { asUser } from '../authz/ability.factory';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { ensureCan } from '../authz/policy';
import type { RateLimitPolicy } from './rate-limit.policies';
import { RateLimitService } from './rate-limit.service';
import { toConsentDto } from './consents.service';
import { eraseUserData } from './erasure';
import { PrivacyException } from './privacy.exception';
import { rolesOf, writeAudit } from './user-accounts';

/** An export gathers every table about a person: a few a day are plenty, and a loop cannot hammer the database. */
export const EXPORT_RATE_LIMIT: RateLimitPolicy = { name: 'export:account', free: 5, baseMs: 60_000, maxMs: 60 * 60_000, windowMs: 60 * 60_000 };

/** "Download my data" and "delete my account" (PDPA and Vietnam's personal-data rules). */
@Injectable()
export class AccountDataService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rateLimits: RateLimitService,
  ) {}

  /** Everything held about the person and their children, without secrets (hashes of passwords, tokens, national ids). */
  async export(ability: AppAbility, caller: AuthUser): Promise<Record<string, unknown>> {
    ensureCan(ability, 'export', asUser({ id: caller.id }));
    await this.rateLimits.consume([{ policy: EXPORT_RATE_LIMIT, subject: caller.id }]);
    return this.db.transaction(async (manager) => {
      const me = await this.personData(manager, caller.id);
      const children = await manager.find(UserEntity, { where: { guardianId: caller.id }, order: { createdAt: 'ASC' } });
      const consentsGiven = await manager.find(ConsentRecordEntity, { where: { givenById: caller.id }, order: { givenAt: 'ASC' } });
      // One after another: a transaction is one connection.
      const childData: Record<string, unknown>[] = [];
      for (const child of children.filter((c) => !c.erasedAt)) childData.push(await this.personData(manager, child.id));
      await writeAudit(manager, { actorId: caller.id, action: 'user.export', targetId: caller.id });
      return { exportedAt: new Date().toISOString(), ...me, consentsGiven: consentsGiven.map(toConsentDto), children: childData };
    });
  }

  /** Erases the person and their children at once; the last administrator must hand over first. */
  async erase(ability: AppAbility, caller: AuthUser): Promise<void> {
    ensureCan(ability, 'erase', asUser({ id: caller.id }));
    await this.db.transaction(async (manager) => {
      // Serialises erasures of administrators, so two of the last two cannot both leave.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('baanrian:admins'))`);
      const roles = await rolesOf(manager, caller.id);
      if (roles.includes('admin')) {
        const [{ others }]: { others: number }[] = await manager.query(
          `SELECT count(*)::int AS others FROM user_role r JOIN app_user u ON u.id = r.user_id
           WHERE r.role = 'admin' AND u.id <> $1 AND u.disabled_at IS NULL AND u.erased_at IS NULL`,
          [caller.id],
        );
        if (others === 0) throw new PrivacyException('LAST_ADMIN');
      }
      const children: { id: string }[] = await manager.query(`SELECT id FROM app_user WHERE guardian_id = $1`, [caller.id]);
      for (const child of children) await eraseUserData(manager, child.id);
      await eraseUserData(manager, caller.id);
      await writeAudit(manager, { actorId: caller.id, action: 'user.erase', targetId: caller.id, details: { children: children.length } });
    });
  }

  private async personData(manager: EntityManager, userId: string): Promise<Record<string, unknown>> {
    const user = await manager.findOneByOrFail(UserEntity, { id: userId });
    const { passwordHash, nationalIdHash, ...profile } = user;
    const sessions: unknown[] = await manager.query(
      `SELECT id, family_id AS "familyId", created_at AS "createdAt", expires_at AS "expiresAt", used_at AS "usedAt",
              revoked_at AS "revokedAt", acting_as_id AS "actingAsId"
       FROM refresh_token WHERE user_id = $1 OR acting_as_id = $1 ORDER BY created_at`,
      [userId],
    );
    const audit: unknown[] = await manager.query(
      `SELECT id, at, actor_id AS "actorId", action, target_id AS "targetId", details
       FROM audit_log WHERE actor_id = $1 OR target_id = $1 ORDER BY at, id`,
      [userId],
    );
    const consents = await manager.find(ConsentRecordEntity, { where: { subjectId: userId }, order: { givenAt: 'ASC' } });
    return {
      profile: { ...profile, hasPassword: passwordHash !== null, hasNationalId: nationalIdHash !== null },
      roles: await rolesOf(manager, userId),
      consents: consents.map(toConsentDto),
      sessions,
      auditEntries: audit,
    };
  }
}
