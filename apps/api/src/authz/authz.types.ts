import type { Role } from '@baanrian/contracts';
import type { ForcedSubject, MongoAbility } from '@casl/ability';
import type { Request } from 'express';

/** Who is calling, as loaded from the database on each authenticated request. */
export interface AuthUser {
  id: string;
  displayName: string;
  roles: Role[];
}

/**
 * `manage` is CASL's "any action". Actions only administrators hold at all (`list`, `grantRole`,
 * `disable`, `confirmStaff`) can be checked on the type alone, before any object is loaded.
 */
export type AppAction = 'manage' | 'read' | 'update' | 'list' | 'grantRole' | 'disable' | 'confirmStaff';

export type AppSubjectType = 'User' | 'AuditLog' | 'Course' | 'all';

/** The fields rules look at. */
export interface UserSubject {
  id: string;
}

/**
 * Courses have no owner yet. When they get one, `ownerId` and `coTeacherIds` are those columns
 * and the instructor rule in ability.factory.ts applies unchanged.
 */
export interface CourseSubject {
  id: string;
  status: string;
  ownerId?: string | null;
  coTeacherIds?: string[];
}

export type AppSubject = AppSubjectType | (UserSubject & ForcedSubject<'User'>) | (CourseSubject & ForcedSubject<'Course'>);

export type AppAbility = MongoAbility<[AppAction, AppSubject]>;

/** What the auth guard leaves on every request that reaches a controller. */
export interface AuthRequest extends Request {
  user?: AuthUser;
  ability: AppAbility;
}
