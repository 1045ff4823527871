import type { Role } from '@baanrian/contracts';
import type { ForcedSubject, MongoAbility } from '@casl/ability';
import type { Request } from 'express';

/** Who is calling, as loaded from the database on each authenticated request. */
export interface AuthUser {
  id: string;
  displayName: string;
  roles: Role[];
  /** A child profile (guardian_id set); its sessions are always a guardian acting as it. */
  isChild?: boolean;
  /** The guardian acting as this child (`act.sub` of the access token), else null. */
  actingGuardianId?: string | null;
  /** The refresh-token family the access token was issued for (`sid`), when known. */
  sessionId?: string | null;
}

/**
 * `manage` is CASL's "any action". Actions only administrators hold at all (`list`, `grantRole`,
 * `disable`, `confirmStaff`) can be checked on the type alone, before any object is loaded.
 */
export type AppAction =
  | 'manage'
  | 'read'
  | 'update'
  | 'list'
  | 'grantRole'
  | 'disable'
  | 'confirmStaff'
  // Guardians and consent (wave 2): `create`/`delete`/`switchTo` a Child, `give`/`withdraw` a
  // Consent, `export`/`erase` a User (download my data, delete my account).
  | 'create'
  | 'delete'
  | 'switchTo'
  | 'give'
  | 'withdraw'
  | 'export'
  | 'erase'
  // Assisted sign-up: create an account for someone without email, print its sign-in card.
  | 'issueCard'
  // Courses: invite and remove co-instructors (the owner and administrators only).
  | 'manageInstructors'
  // Enrolment and attendance (issue 7): `enroll` in a published course; `teach` = the roster,
  // attendance, walk-ins, bulk enrolment and learners' progress of a course one teaches.
  | 'enroll'
  | 'teach';

export type AppSubjectType = 'User' | 'AuditLog' | 'Course' | 'Category' | 'Child' | 'Consent' | 'AssistedAccount' | 'SystemPing' | 'Media' | 'Credential' | 'Report' | 'FailedJob' | 'all';

/** The fields rules look at. */
export interface UserSubject {
  id: string;
}

/**
 * A course as the rules see it: `ownerId` is `course.owner_id`, `coTeacherIds` the ACCEPTED
 * co-instructors only (an invitation grants nothing until it is accepted).
 */
export interface CourseSubject {
  id: string;
  status: string;
  ownerId?: string | null;
  coTeacherIds?: string[];
}

/** A child profile, as its guardian's rules see it. */
export interface ChildSubject {
  id: string;
  guardianId: string;
}

/** A consent record: about `subjectId`, given by `givenById`. */
export interface ConsentSubject {
  /** Null in anonymised records (an erased account): such a record matches nobody's rules. */
  subjectId: string | null;
  givenById: string | null;
}

/** An account made by assisted sign-up: who made it, and the roles it holds now. */
export interface AssistedAccountSubject {
  userId: string;
  createdById: string | null;
  roles: Role[];
}

/** A participation report: over one instructor's courses, or over everything (`instructorId` null). */
export interface ReportSubject {
  instructorId: string | null;
}

/** An uploaded media file: who uploaded it (null once their account is erased). */
export interface MediaSubject {
  ownerId: string | null;
}

export type AppSubject =
  | AppSubjectType
  | (UserSubject & ForcedSubject<'User'>)
  | (CourseSubject & ForcedSubject<'Course'>)
  | (ChildSubject & ForcedSubject<'Child'>)
  | (ConsentSubject & ForcedSubject<'Consent'>)
  | (AssistedAccountSubject & ForcedSubject<'AssistedAccount'>)
  | (MediaSubject & ForcedSubject<'Media'>)
  | (ReportSubject & ForcedSubject<'Report'>);

export type AppAbility = MongoAbility<[AppAction, AppSubject]>;

/** What the auth guard leaves on every request that reaches a controller. */
export interface AuthRequest extends Request {
  user?: AuthUser;
  ability: AppAbility;
}
