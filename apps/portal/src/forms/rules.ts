import type { TFunction } from 'i18next';
import {
  DISPLAY_NAME_MAX_LENGTH,
  isTargetGroup,
  BIRTH_YEAR_MIN,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '@baanrian/contracts';

/**
 * Client-side checks that mirror the API's rules (same source: @baanrian/contracts), so a learner
 * hears about a mistake before sending. The API still validates; its answer wins.
 * Each returns a translated message, or null when the value is fine (RAC's `validate` contract).
 */
export const rules = {
  required: (t: TFunction) => (value: string | null | undefined) => (value == null || `${value}`.trim() === '' ? t('forms.required') : null),
  targetGroup: (t: TFunction) => (value: string | null | undefined) =>
    value == null || value === '' ? t('forms.required') : isTargetGroup(value) ? null : t('forms.targetGroupInvalid'),
};

/**
 * The 6-digit PIN of an assisted learner. The assisted branch's contracts export the same
 * PIN_PATTERN (with isGuessablePin): use those once merged.
 */
const PIN_PATTERN = /^\d{6}$/;

/** Thai digits (๐–๙) typed on a Thai keyboard count as the digits they are. */
export function normalizeDigits(value: string): string {
  return value.replace(/[๐-๙]/g, (digit) => String(digit.charCodeAt(0) - 0x0e50));
}

/** Buddhist Era = Common Era + 543: Thai learners know their birth year in BE. */
export const BUDDHIST_ERA_OFFSET = 543;
export type Era = 'be' | 'ce';

/** A typed birth year in `era` as a Gregorian year; null when empty, NaN when not a year. */
export function parseBirthYear(raw: string | null | undefined, era: Era): number | null {
  const text = normalizeDigits(raw ?? '').trim();
  if (text === '') return null;
  if (!/^\d{4}$/.test(text)) return Number.NaN;
  return Number(text) - (era === 'be' ? BUDDHIST_ERA_OFFSET : 0);
}

/** A Gregorian year as the learner types it in `era`. */
export const formatBirthYear = (year: number | null | undefined, era: Era): string =>
  year == null ? '' : String(year + (era === 'be' ? BUDDHIST_ERA_OFFSET : 0));

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The API's phone pattern (an optional +, then digits, spaces, brackets and dashes, 6–21 long). */
const PHONE = /^\+?[0-9][0-9 ()-]{5,19}$/;
/** Province and district: free text, as long as the API stores. */
const AREA_MAX_LENGTH = 100;

type AccountsT = TFunction<'accounts'>;
type Check = (value: string) => string | null;
const optional = (check: Check) => (value: string) => (value.trim() === '' ? null : check(value));

/**
 * The account forms' rules (issue 5), with messages from the `accounts` namespace. Lengths and
 * patterns come from @baanrian/contracts, which the API's DTOs use too.
 */
export const accountRules = {
  required: (t: AccountsT): Check => (value) => (value.trim() === '' ? t('rules.required') : null),
  email: (t: AccountsT): Check => (value) =>
    value.trim() === '' ? t('rules.required') : EMAIL.test(value.trim()) && value.length <= 254 ? null : t('rules.email'),
  /** A new password; signing in only needs something typed (a 6-digit PIN is a valid secret there). */
  newPassword: (t: AccountsT): Check => (value) =>
    value.length < PASSWORD_MIN_LENGTH
      ? t('rules.passwordShort', { min: PASSWORD_MIN_LENGTH })
      : value.length > PASSWORD_MAX_LENGTH
        ? t('rules.passwordLong', { max: PASSWORD_MAX_LENGTH })
        : null,
  pin: (t: AccountsT): Check => (value) => (PIN_PATTERN.test(normalizeDigits(value)) ? null : t('rules.pin')),
  displayName: (t: AccountsT): Check => (value) =>
    value.trim() === ''
      ? t('rules.required')
      : value.trim().length > DISPLAY_NAME_MAX_LENGTH
        ? t('rules.tooLong', { max: DISPLAY_NAME_MAX_LENGTH })
        : null,
  birthYear: (t: AccountsT, era: Era, today = new Date()): Check =>
    optional((value) => {
      const year = parseBirthYear(value, era);
      const max = today.getUTCFullYear();
      return year !== null && Number.isInteger(year) && year >= BIRTH_YEAR_MIN && year <= max
        ? null
        : t('rules.birthYear', { min: formatBirthYear(BIRTH_YEAR_MIN, era), max: formatBirthYear(max, era) });
    }),
  phone: (t: AccountsT): Check => optional((value) => (PHONE.test(normalizeDigits(value).trim()) ? null : t('rules.phone'))),
  area: (t: AccountsT): Check => (value) => (value.trim().length > AREA_MAX_LENGTH ? t('rules.tooLong', { max: AREA_MAX_LENGTH }) : null),
  /** The typed confirmation for deleting an account must match the word shown. */
  matches: (t: AccountsT, expected: string): Check => (value) =>
    // NFC: Vietnamese keyboards may send "Ó" as O + combining accent.
    value.trim().normalize('NFC').toLocaleLowerCase() === expected.normalize('NFC').toLocaleLowerCase()
      ? null
      : t('rules.confirmation', { word: expected }),
};

export type PasswordStrength = 'tooShort' | 'weak' | 'fair' | 'strong';

/**
 * A hint, not a rule (the API only enforces the length): longer and more varied is better.
 * Thai letters count as a character class of their own, so a Thai passphrase rates fairly.
 */
export function passwordStrength(password: string): PasswordStrength {
  if (password.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[\u0E00-\u0E7F]/, /[^a-zA-Z\d\u0E00-\u0E7F]/].filter((re) => re.test(password)).length;
  const score = classes + (password.length >= 12 ? 1 : 0) + (password.length >= 16 ? 1 : 0);
  return score >= 4 ? 'strong' : score >= 2 ? 'fair' : 'weak';
}
