import type { Role } from '@baanrian/contracts';
import { UserEntity, UserRoleEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { asUser } from '../authz/ability.factory';
import type { AppAbility, AppAction, AuthUser } from '../authz/authz.types';
import { ensureCan } from '../authz/policy';
import { toAdminUserDto } from './account.mapper';
import { AccountsException } from './accounts.exception';
import type { AdminUserDto, AdminUserPageDto, ListUsersQueryDto } from './admin.dto';
import { invalidateAccessTokens, RefreshTokenService } from './refresh-token.service';
import { requireUserWithRoles, type UserWithRoles, writeAudit } from './user-accounts';

/** Escapes LIKE wildcards, so a search for "50%" finds "50%". */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Administrators' user management; every change is audited in its own transaction. */
@Injectable()
export class AdminUsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly refreshTokens: RefreshTokenService,
  ) {}

  async list(query: ListUsersQueryDto): Promise<AdminUserPageDto> {
    const qb = this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .orderBy('u.created_at', 'DESC')
      .addOrderBy('u.id', 'ASC')
      .take(query.limit ?? 20)
      .skip(query.offset ?? 0)
      // Erased accounts are anonymous tombstones kept for counts, not users to manage.
      .where('u.erased_at IS NULL');
    if (query.q) {
      // The same expression as app_user_search_idx (pg_trgm), so the index serves it.
      qb.andWhere(`(u.display_name || ' ' || u.account_code || ' ' || coalesce(u.email::text, '')) ILIKE :pattern`, {
        pattern: `%${escapeLike(query.q)}%`,
      });
    }
    if (query.role) qb.andWhere('EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = :role)', { role: query.role });
    if (query.targetGroup) qb.andWhere('u.target_group = :targetGroup', { targetGroup: query.targetGroup });
    const [users, total] = await qb.getManyAndCount();
    const roles = users.length ? await this.db.getRepository(UserRoleEntity).find({ where: { userId: In(users.map((u) => u.id)) }, order: { role: 'ASC' } }) : [];
    return {
      items: users.map((user) => toAdminUserDto(user, roles.filter((r) => r.userId === user.id).map((r) => r.role))),
      total,
    };
  }

  grantRole(ability: AppAbility, actor: AuthUser, targetId: string, role: Role): Promise<AdminUserDto> {
    return this.change(ability, 'grantRole', targetId, async (manager, target) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO user_role (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING role`,
        [target.user.id, role],
      );
      if (inserted.length === 0) return;
      await writeAudit(manager, { actorId: actor.id, action: 'user.role.grant', targetId: target.user.id, details: { role } });
    });
  }

  revokeRole(ability: AppAbility, actor: AuthUser, targetId: string, role: Role): Promise<AdminUserDto> {
    return this.change(ability, 'grantRole', targetId, async (manager, target) => {
      // An administrator cannot remove their own admin role: some administrator always remains.
      if (role === 'admin' && target.user.id === actor.id) throw new AccountsException('SELF_LOCKOUT');
      const deleted = await manager.delete(UserRoleEntity, { userId: target.user.id, role });
      if (!deleted.affected) return;
      // Tokens naming the old roles end now; the holder's next refresh answers the new ones.
      await invalidateAccessTokens(manager, target.user.id);
      await writeAudit(manager, { actorId: actor.id, action: 'user.role.revoke', targetId: target.user.id, details: { role } });
    });
  }

  /** Ends every session at once: refresh families are revoked, and access tokens fail their per-request check. */
  disable(ability: AppAbility, actor: AuthUser, targetId: string): Promise<AdminUserDto> {
    return this.change(ability, 'disable', targetId, async (manager, target) => {
      if (target.user.id === actor.id) throw new AccountsException('SELF_LOCKOUT');
      if (target.user.disabledAt) return;
      await manager.update(UserEntity, target.user.id, { disabledAt: () => 'now()' });
      const sessionsEnded = await this.refreshTokens.revokeAllOf(manager, target.user.id);
      await writeAudit(manager, { actorId: actor.id, action: 'user.disable', targetId: target.user.id, details: { sessionsEnded } });
    });
  }

  enable(ability: AppAbility, actor: AuthUser, targetId: string): Promise<AdminUserDto> {
    return this.change(ability, 'disable', targetId, async (manager, target) => {
      if (!target.user.disabledAt) return;
      await manager.update(UserEntity, target.user.id, { disabledAt: null });
      await writeAudit(manager, { actorId: actor.id, action: 'user.enable', targetId: target.user.id });
    });
  }

  confirmStaff(ability: AppAbility, actor: AuthUser, targetId: string): Promise<AdminUserDto> {
    return this.change(ability, 'confirmStaff', targetId, async (manager, target) => {
      if (target.user.staffStatus === 'confirmed') return;
      if (target.user.staffStatus !== 'pending') throw new AccountsException('STAFF_NOT_REQUESTED');
      await manager.update(UserEntity, target.user.id, { staffStatus: 'confirmed' });
      await writeAudit(manager, { actorId: actor.id, action: 'user.staff.confirm', targetId: target.user.id });
    });
  }

  /**
   * One transaction per change: lock the target, check the caller may act on this user, apply
   * the change with its audit entry (or nothing, when there is nothing to change), answer with
   * the user as it now is.
   */
  private change(
    ability: AppAbility,
    action: AppAction,
    targetId: string,
    apply: (manager: EntityManager, target: UserWithRoles) => Promise<void>,
  ): Promise<AdminUserDto> {
    return this.db.transaction(async (manager) => {
      const target = await requireUserWithRoles(manager, targetId, { lock: true });
      ensureCan(ability, action, asUser(target.user));
      await apply(manager, target);
      const after = await requireUserWithRoles(manager, targetId);
      return toAdminUserDto(after.user, after.roles);
    });
  }
}
