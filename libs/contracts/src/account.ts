/**
 * Account rules shared by the API's validation and the portal's forms (accounts contract, issue 5),
 * so a learner hears about a mistake before sending and the server says the same thing.
 */
export const ROLES = ['learner', 'instructor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const DISPLAY_NAME_MAX_LENGTH = 100;
/** The 6-digit PIN an assisted learner may choose instead of a password. */
export const PIN_PATTERN = /^\d{6}$/;
/** The earliest birth year accepted (older is a typing mistake). */
export const MIN_BIRTH_YEAR = 1900;
/** What DELETE /me expects in `confirmation`. */
export const DELETE_ACCOUNT_CONFIRMATION = 'DELETE';
