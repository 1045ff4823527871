/**
 * Consent under Thailand's PDPA and Vietnam's personal-data rules. The current privacy policy
 * version lives here, in one place: the API checks new consents against it and the portal shows
 * it. Raise it when the policy text changes; consents given under an older version stay valid
 * until withdrawn (asking again is the portal's job).
 */
export const CONSENT_POLICY_VERSION = '2026-11';

/**
 * What a consent covers. Stored values: never rename one.
 * - `learning`: keeping the profile, progress and learning records needed to take courses.
 *   Required for a child profile: without it a child's data is not processed (no switching in).
 * - `participation_reports`: counting the person, anonymously, in participation reports by target
 *   group and province.
 * - `communications`: messages about courses and the centre (email, phone).
 */
export const CONSENT_PURPOSES = ['learning', 'participation_reports', 'communications'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** The purpose without which a child's data is not processed. */
export const CHILD_REQUIRED_PURPOSE: ConsentPurpose = 'learning';

/** Child profiles are for these target groups only (under 25, see TARGET_GROUP_AGES). */
export const CHILD_TARGET_GROUPS = ['early_childhood', 'youth'] as const;

/** Plenty for any family, and a bound on profiles one account can create (they hold no credentials, but fill tables). */
export const MAX_CHILDREN_PER_GUARDIAN = 20;

/** What the "delete my account" request must carry, so it is never sent by accident. */
export const ERASE_CONFIRMATION = 'DELETE';
