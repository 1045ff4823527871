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
