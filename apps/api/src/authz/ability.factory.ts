import { AbilityBuilder, createMongoAbility, subject } from '@casl/ability';
import type { AppAbility, AssistedAccountSubject, AuthUser, ChildSubject, ConsentSubject, CourseSubject, MediaSubject, ReportSubject, UserSubject } from './authz.types';

/**
 * The one place that says who may do what. Built per request from the caller's current roles
 * and id; anonymous callers get `null`.
 */
export function defineAbilityFor(user: AuthUser | null): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);

  // The catalog is public.
  can('read', 'Course', { status: 'published' });
  if (!user) return build();

  // Everyone reads and edits their own profile and records, nobody else's.
  can(['read', 'update'], 'User', { id: user.id });
  // Uploaded media: its uploader reads its details and deletes it (serving the bytes is public).
  can(['read', 'delete'], 'Media', { ownerId: user.id });
  // Any signed-in person (or a guardian for their child) enrols in a published course.
  can('enroll', 'Course', { status: 'published' });

  if (user.roles.includes('instructor')) {
    // Instructors manage the courses they own or co-teach (see CourseSubject).
    can('manage', 'Course', { ownerId: user.id });
    can('manage', 'Course', { coTeacherIds: { $all: [user.id] } });
    // Co-instructors edit, publish and archive; only the owner deletes a draft or chooses who teaches.
    cannot(['delete', 'manageInstructors'], 'Course', { ownerId: { $ne: user.id } });
    // Assisted sign-up: instructors create accounts for people without email, and list and print
    // new cards only for the accounts they created, and never once that account holds a staff role
    // (a new card can reset its secret: that would be a way into a colleague's account).
    can('create', 'Media');
    can('create', 'AssistedAccount');
    can(['read', 'issueCard'], 'AssistedAccount', { createdById: user.id });
    cannot('issueCard', 'AssistedAccount', { roles: { $in: ['instructor', 'admin'] } });
    // Participation reports over their own courses only; plans and recorded reach stay with administrators.
    can('read', 'Report', { instructorId: user.id });
  }

  if (user.roles.includes('admin')) {
    // Administrators manage users (roles, disabling, staff confirmation) and read the audit log.
    // Only they hold `grantRole`: nobody else can give anyone a role.
    can('manage', 'all');
  }

  // Guardians and consent (PDPA, Vietnam's personal-data rules). A person manages their own
  // children and consents, and gives or withdraws consent about themselves or their children.
  if (!user.isChild) {
    can('create', 'Child');
    can(['read', 'update', 'delete', 'switchTo'], 'Child', { guardianId: user.id });
    can(['export', 'erase'], 'User', { id: user.id });
    can(['read', 'withdraw'], 'Consent', { subjectId: user.id });
    can(['read', 'withdraw'], 'Consent', { givenById: user.id });
    // About oneself, or (checked on the Child first) about one's child.
    can('give', 'Consent', { givenById: user.id });
  }
  // Only the guardian manages their children and the consents they gave: not even an
  // administrator's `manage all` reaches another family's children or consents.
  cannot(['read', 'update', 'delete', 'switchTo'], 'Child', { guardianId: { $ne: user.id } });
  cannot(['read', 'withdraw'], 'Consent', { subjectId: { $ne: user.id }, givenById: { $ne: user.id } });
  cannot(['export', 'erase'], 'User', { id: { $ne: user.id } });
  if (user.isChild) {
    // A child session (a guardian acting as the child) learns; everything about the family's
    // accounts stays with the guardian's own session, whatever roles are involved.
    cannot(['create', 'read', 'update', 'delete', 'switchTo'], 'Child');
    cannot(['give', 'read', 'withdraw'], 'Consent');
    // The child's profile is edited by the guardian's own session (PATCH /me/children/{id}),
    // where the birth year and target group rules for children apply.
    cannot(['update', 'export', 'erase', 'grantRole', 'disable', 'confirmStaff', 'list'], 'User');
    cannot('read', 'AuditLog');
  }
  return build();
}

/** Subject helpers, so rules see plain rows as typed objects. */
export const asUser = (user: UserSubject) => subject('User', { id: user.id });
export const asCourse = (course: CourseSubject) => subject('Course', { ...course });
export const asChild = (child: ChildSubject) => subject('Child', { id: child.id, guardianId: child.guardianId });
export const asConsent = (consent: ConsentSubject) => subject('Consent', { subjectId: consent.subjectId, givenById: consent.givenById });
export const asMedia = (media: MediaSubject) => subject('Media', { ownerId: media.ownerId });
export const asReport = (report: ReportSubject) => subject('Report', { instructorId: report.instructorId });
export const asAssistedAccount = (account: AssistedAccountSubject) => subject('AssistedAccount', { ...account });
