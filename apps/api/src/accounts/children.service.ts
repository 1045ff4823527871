import {
  CHILD_REQUIRED_PURPOSE,
  CHILD_TARGET_GROUPS,
  CONSENT_POLICY_VERSION,
  MAX_CHILDREN_PER_GUARDIAN,
  type TargetGroup,
  targetGroupForBirthYear,
} from '@baanrian/contracts';
import { ConsentRecordEntity, UserEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { asChild } from '../authz/ability.factory';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { ensureCan } from '../authz/policy';
import type { SessionDto } from './account.dto';
import { childMayBeProcessed } from './child-consent';
import { eraseUserData } from './erasure';
import type { ChildDto, CreateChildDto, UpdateChildDto } from './privacy.dto';
import { AccountsException } from './accounts.exception';
import { PrivacyException } from './privacy.exception';
import { RefreshTokenService } from './refresh-token.service';
import { SessionService } from './session.service';
import { createAccount, requireUserWithRoles, writeAudit } from './user-accounts';

/** The target group of a child's birth year; refused outside early childhood and youth. */
function childTargetGroup(birthYear: number): TargetGroup {
  const group = targetGroupForBirthYear(birthYear);
  if (birthYear > new Date().getFullYear() || !(CHILD_TARGET_GROUPS as readonly string[]).includes(group)) {
    throw new PrivacyException('CHILD_AGE_OUT_OF_RANGE');
  }
  return group;
}

/**
 * A guardian's child profiles, and switching into them. A child is an app_user row with
 * guardian_id set and no email or password: it never signs in by itself. Its data is processed
 * only while the guardian's consent for learning is recorded and not withdrawn.
 */
@Injectable()
export class ChildrenService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly refreshTokens: RefreshTokenService,
  ) {}

  async list(guardian: AuthUser): Promise<ChildDto[]> {
    const rows: ChildRow[] = await this.db.query(`${CHILD_SELECT} WHERE u.guardian_id = $1 AND u.erased_at IS NULL ORDER BY u.created_at, u.id`, [
      guardian.id,
      CHILD_REQUIRED_PURPOSE,
    ]);
    return rows.map(toChildDto);
  }

  /** The profile and the guardian's consent are recorded together, or neither is. */
  async create(guardian: AuthUser, dto: CreateChildDto): Promise<ChildDto> {
    if (dto.consent.policyVersion !== CONSENT_POLICY_VERSION) throw new PrivacyException('CONSENT_POLICY_OUTDATED', { version: CONSENT_POLICY_VERSION });
    if (!dto.consent.purposes.includes(CHILD_REQUIRED_PURPOSE)) throw new PrivacyException('CONSENT_REQUIRED');
    childTargetGroup(dto.birthYear);
    return this.db.transaction(async (manager) => {
      // The lock on the guardian serialises their creations, so the count holds.
      const parent = await requireUserWithRoles(manager, guardian.id, { lock: true });
      const [{ count }]: { count: number }[] = await manager.query(
        `SELECT count(*)::int AS count FROM app_user WHERE guardian_id = $1 AND erased_at IS NULL`,
        [guardian.id],
      );
      if (count >= MAX_CHILDREN_PER_GUARDIAN) throw new PrivacyException('TOO_MANY_CHILDREN', { max: MAX_CHILDREN_PER_GUARDIAN });
      const child = await createAccount(manager, {
        email: null,
        passwordHash: null,
        displayName: dto.displayName,
        preferredLocale: parent.user.preferredLocale,
        birthYear: dto.birthYear,
        roles: ['learner'],
      });
      await manager.update(UserEntity, child.user.id, { guardianId: guardian.id });
      const purposes = [...new Set(dto.consent.purposes)];
      await manager.insert(
        ConsentRecordEntity,
        purposes.map((purpose) => ({ subjectId: child.user.id, givenById: guardian.id, purpose, policyVersion: dto.consent.policyVersion })),
      );
      return this.describe(manager, child.user.id);
    });
  }

  async update(ability: AppAbility, childId: string, dto: UpdateChildDto): Promise<ChildDto> {
    return this.db.transaction(async (manager) => {
      const child = await this.load(manager, childId, true);
      ensureCan(ability, 'update', asChild(child));
      if (dto.displayName !== undefined) child.displayName = dto.displayName;
      if (dto.birthYear !== undefined) {
        child.targetGroup = childTargetGroup(dto.birthYear);
        child.birthYear = dto.birthYear;
        child.targetGroupSource = 'age';
      }
      await manager.save(UserEntity, child);
      return this.describe(manager, childId);
    });
  }

  /** Removing a child profile erases it like "delete my account" does, keeping anonymous counts. */
  async remove(ability: AppAbility, guardian: AuthUser, childId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const child = await this.load(manager, childId, true);
      ensureCan(ability, 'delete', asChild(child));
      await eraseUserData(manager, child.id);
      await writeAudit(manager, { actorId: guardian.id, action: 'user.erase', targetId: child.id, details: { child: true } });
    });
  }

  /** Acting as the child: `sub` = child, `act.sub` = guardian; the guardian's refresh family now acts as the child too. */
  async switchTo(ability: AppAbility, guardian: AuthUser, childId: string): Promise<SessionDto> {
    return this.db.transaction(async (manager) => {
      const child = await this.load(manager, childId, false);
      ensureCan(ability, 'switchTo', asChild(child));
      if (!(await childMayBeProcessed(manager, child.id, guardian.id))) throw new PrivacyException('CONSENT_WITHDRAWN');
      if (guardian.sessionId) await this.refreshTokens.setActing(manager, guardian.sessionId, guardian.id, child.id);
      const [childAccount, guardianAccount] = [await requireUserWithRoles(manager, child.id), await requireUserWithRoles(manager, guardian.id)];
      return this.sessions.describeActing(childAccount, guardianAccount, guardian.sessionId ?? undefined);
    });
  }

  /** Back to the guardian's own session, in the same refresh family. */
  async switchBack(caller: AuthUser): Promise<SessionDto> {
    const guardianId = caller.actingGuardianId;
    if (!caller.isChild || !guardianId) throw new PrivacyException('NOT_ACTING');
    return this.db.transaction(async (manager) => {
      if (caller.sessionId) await this.refreshTokens.setActing(manager, caller.sessionId, guardianId, null);
      return this.sessions.describe(await requireUserWithRoles(manager, guardianId), caller.sessionId ?? undefined);
    });
  }

  private async load(manager: EntityManager, childId: string, lock: boolean): Promise<UserEntity & { guardianId: string }> {
    const child = await manager.findOne(UserEntity, { where: { id: childId }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    // No child profile by this id (or an erased one) answers like another family's child: 403 for
    // everyone, so ids reveal nothing about who exists or who is a child.
    if (!child?.guardianId || child.erasedAt) throw new AccountsException('FORBIDDEN');
    return child as UserEntity & { guardianId: string };
  }

  private async describe(manager: EntityManager, childId: string): Promise<ChildDto> {
    const [row]: ChildRow[] = await manager.query(`${CHILD_SELECT} WHERE u.id = $1`, [childId, CHILD_REQUIRED_PURPOSE]);
    return toChildDto(row);
  }
}

interface ChildRow {
  id: string;
  display_name: string;
  birth_year: number;
  target_group: TargetGroup;
  consent_given_at: Date | null;
}

const CHILD_SELECT = `
  SELECT u.id, u.display_name, u.birth_year, u.target_group,
         (SELECT max(c.given_at) FROM consent_record c
          WHERE c.subject_id = u.id AND c.given_by_id = u.guardian_id AND c.purpose = $2 AND c.withdrawn_at IS NULL) AS consent_given_at
  FROM app_user u`;

function toChildDto(row: ChildRow): ChildDto {
  return {
    id: row.id,
    displayName: row.display_name,
    birthYear: row.birth_year,
    targetGroup: row.target_group,
    consentGivenAt: row.consent_given_at?.toISOString() ?? null,
  };
}
