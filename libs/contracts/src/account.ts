import type { TargetGroup } from './target-group';

/** A user may hold several roles; only administrators grant them. Stored values: never rename one. */
export const ROLES = ['learner', 'instructor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Education personnel and staff choose that group themselves; an administrator confirms it. */
export const STAFF_STATUSES = ['none', 'pending', 'confirmed'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

/** Whether the target group was derived from the birth year or chosen by the learner. */
export const TARGET_GROUP_SOURCES = ['age', 'learner'] as const;
export type TargetGroupSource = (typeof TARGET_GROUP_SOURCES)[number];

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const DISPLAY_NAME_MAX_LENGTH = 100;

/**
 * Age limits of the age-based target groups, in years reached this year. Thai early-childhood
 * education ends at 6; "youth" follows the Child and Youth Development Promotion Act (to 25);
 * Thailand and Vietnam both count people from 60 as elderly.
 */
export const TARGET_GROUP_AGES = { youthFrom: 6, generalPublicFrom: 25, elderlyFrom: 60 } as const;

/** The earliest birth year a profile accepts; the latest is the current year. */
export const BIRTH_YEAR_MIN = 1900;

/**
 * The target group a birth year suggests, counting the age a person reaches this (Gregorian)
 * year. Without a birth year: the general public. "Education staff" is never derived: it is a
 * learner's choice, confirmed by an administrator.
 */
export function targetGroupForBirthYear(birthYear: number | null | undefined, currentYear = new Date().getFullYear()): TargetGroup {
  if (birthYear == null) return 'general_public';
  const age = currentYear - birthYear;
  if (age < TARGET_GROUP_AGES.youthFrom) return 'early_childhood';
  if (age < TARGET_GROUP_AGES.generalPublicFrom) return 'youth';
  if (age < TARGET_GROUP_AGES.elderlyFrom) return 'general_public';
  return 'elderly';
}

export interface TargetGroupChoice {
  targetGroup: TargetGroup;
  targetGroupSource: TargetGroupSource;
  /** Set only when the choice changes whether the person asks to count as staff. */
  staffStatus: StaffStatus;
}

/**
 * Resolves a profile's target group: the learner's own choice when given, otherwise derived from
 * the birth year. Choosing "education_staff" asks for confirmation; a confirmed choice stays
 * confirmed while it is kept.
 */
export function resolveTargetGroup(
  input: { birthYear?: number | null; chosen?: TargetGroup | null; currentStaffStatus?: StaffStatus },
  currentYear = new Date().getFullYear(),
): TargetGroupChoice {
  if (input.chosen) {
    const staffStatus =
      input.chosen === 'education_staff' ? (input.currentStaffStatus === 'confirmed' ? 'confirmed' : 'pending') : 'none';
    return { targetGroup: input.chosen, targetGroupSource: 'learner', staffStatus };
  }
  return { targetGroup: targetGroupForBirthYear(input.birthYear, currentYear), targetGroupSource: 'age', staffStatus: 'none' };
}

/**
 * Account codes ("BR-48217") identify people without an email address, e.g. on assisted sign-in
 * cards. People type them by hand, so case, spaces and the dash are forgiven.
 */
export const ACCOUNT_CODE_PATTERN = /^BR-\d{5,9}$/;

export function normalizeAccountCode(input: string): string | null {
  const match = /^BR-?(\d{5,9})$/.exec(input.toUpperCase().replace(/[\s_]/g, ''));
  return match ? `BR-${match[1]}` : null;
}
