import type { UserEntity } from '@baanrian/db';
import type { MeDto } from './account.dto';
import type { AdminUserDto } from './admin.dto';
import type { UserWithRoles } from './user-accounts';

export function toMeDto({ user, roles }: UserWithRoles): MeDto {
  return {
    id: user.id,
    email: user.email,
    accountCode: user.accountCode,
    displayName: user.displayName,
    phone: user.phone,
    preferredLocale: user.preferredLocale,
    birthYear: user.birthYear,
    province: user.province,
    district: user.district,
    targetGroup: user.targetGroup,
    targetGroupSource: user.targetGroupSource,
    staffStatus: user.staffStatus,
    roles,
    isChild: user.guardianId !== null,
    // Acting as a child arrives with guardians (wave 2).
    actingAs: null,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toAdminUserDto(user: UserEntity, roles: UserWithRoles['roles']): AdminUserDto {
  return {
    id: user.id,
    email: user.email,
    accountCode: user.accountCode,
    displayName: user.displayName,
    roles,
    targetGroup: user.targetGroup,
    staffStatus: user.staffStatus,
    disabled: user.disabledAt !== null,
    createdAt: user.createdAt.toISOString(),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
  };
}
