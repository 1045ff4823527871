import { AbilityBuilder, createMongoAbility, subject } from '@casl/ability';
import type { AppAbility, AuthUser, CourseSubject, UserSubject } from './authz.types';

/**
 * The one place that says who may do what. Built per request from the caller's current roles
 * and id; anonymous callers get `null`.
 */
export function defineAbilityFor(user: AuthUser | null): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);

  // The catalog is public.
  can('read', 'Course', { status: 'published' });
  if (!user) return build();

  // Everyone reads and edits their own profile and records, nobody else's.
  can(['read', 'update'], 'User', { id: user.id });

  if (user.roles.includes('instructor')) {
    // Instructors manage the courses they own or co-teach (see CourseSubject).
    can('manage', 'Course', { ownerId: user.id });
    can('manage', 'Course', { coTeacherIds: { $all: [user.id] } });
  }

  if (user.roles.includes('admin')) {
    // Administrators manage users (roles, disabling, staff confirmation) and read the audit log.
    // Only they hold `grantRole`: nobody else can give anyone a role.
    can('manage', 'all');
  }
  return build();
}

/** Subject helpers, so rules see plain rows as typed objects. */
export const asUser = (user: UserSubject) => subject('User', { id: user.id });
export const asCourse = (course: CourseSubject) => subject('Course', { ...course });
