import { resolveTargetGroup } from '@baanrian/contracts';
import { UserEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { asUser } from '../authz/ability.factory';
import type { AppAbility } from '../authz/authz.types';
import { ensureCan } from '../authz/policy';
import type { MeDto, UpdateMeDto } from './account.dto';
import { toMeDto } from './account.mapper';
import { requireUserWithRoles } from './user-accounts';

/** A person's own profile (GET and PATCH /me). */
@Injectable()
export class ProfileService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(ability: AppAbility, userId: string): Promise<MeDto> {
    const account = await requireUserWithRoles(this.db.manager, userId);
    ensureCan(ability, 'read', asUser(account.user));
    return toMeDto(account);
  }

  async update(ability: AppAbility, userId: string, dto: UpdateMeDto): Promise<MeDto> {
    return this.db.transaction(async (manager) => {
      const account = await requireUserWithRoles(manager, userId, { lock: true });
      ensureCan(ability, 'update', asUser(account.user));
      const user = account.user;
      for (const field of ['displayName', 'preferredLocale', 'phone', 'province', 'district', 'birthYear'] as const) {
        if (dto[field] !== undefined) (user as unknown as Record<string, unknown>)[field] = dto[field];
      }
      // The learner's own choice wins; null returns to the age-derived group; a new birth year
      // moves an age-derived group along.
      const birthYearChanged = dto.birthYear !== undefined;
      if (dto.targetGroup !== undefined || (birthYearChanged && user.targetGroupSource === 'age')) {
        const chosen = dto.targetGroup === undefined ? null : dto.targetGroup;
        Object.assign(user, resolveTargetGroup({ birthYear: user.birthYear, chosen, currentStaffStatus: user.staffStatus }));
      }
      await manager.save(UserEntity, user);
      return toMeDto(account);
    });
  }
}
