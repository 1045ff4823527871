/**
 * The five target groups every class and every report is organised by (Chiang Mai PAO programme).
 * Values are stable identifiers stored in the database and used in URLs: never rename one.
 */
export const TARGET_GROUPS = [
  'early_childhood',
  'youth',
  'general_public',
  'education_staff',
  'elderly',
] as const;

export type TargetGroup = (typeof TARGET_GROUPS)[number];

export function isTargetGroup(value: unknown): value is TargetGroup {
  return typeof value === 'string' && (TARGET_GROUPS as readonly string[]).includes(value);
}

/**
 * Age bands used to derive a target group from a birth year (the learner may change it; only
 * "education_staff" is never derived: it is chosen and then confirmed by an administrator).
 * Early childhood is under 6 (Thai early-childhood education), youth under 25 (the Child and
 * Youth Development Promotion Act's upper bound), elderly from 60 (Elderly Persons Act).
 */
export const TARGET_GROUP_AGE_BANDS = {
  earlyChildhoodBelow: 6,
  youthBelow: 25,
  elderlyFrom: 60,
} as const;

/**
 * The target group for someone born in `birthYear` (Gregorian), as of `today`. Only the year is
 * known, so the age is the difference of years: the age this person reaches during this year.
 */
export function targetGroupForBirthYear(birthYear: number, today: Date = new Date()): TargetGroup {
  const age = today.getUTCFullYear() - birthYear;
  if (age < TARGET_GROUP_AGE_BANDS.earlyChildhoodBelow) return 'early_childhood';
  if (age < TARGET_GROUP_AGE_BANDS.youthBelow) return 'youth';
  if (age >= TARGET_GROUP_AGE_BANDS.elderlyFrom) return 'elderly';
  return 'general_public';
}
