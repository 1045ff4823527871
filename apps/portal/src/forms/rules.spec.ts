import { createI18n } from '../i18n/i18n';
import { addAccountsScreenStrings } from '../auth/screens-i18n';
import { accountRules, normalizeDigits, parseBirthYear, passwordStrength } from './rules';

const i18n = createI18n('en');
addAccountsScreenStrings(i18n);
const t = i18n.getFixedT('en', 'accounts');
const today = new Date('2025-06-01T00:00:00Z');

describe('account rules (the API DTOs enforce the same limits, from @baanrian/contracts)', () => {
  it('reads Thai digits and Buddhist Era years', () => {
    expect(normalizeDigits('๒๕๐๓')).toBe('2503');
    expect(parseBirthYear('๒๕๐๓', 'be')).toBe(1960);
    expect(parseBirthYear('1960', 'ce')).toBe(1960);
    expect(parseBirthYear('', 'ce')).toBeNull();
    expect(parseBirthYear('19x0', 'ce')).toBeNaN();
  });

  it('accepts birth years from 1900 to this year, in the era the learner types', () => {
    expect(accountRules.birthYear(t, 'ce', today)('')).toBeNull(); // optional
    expect(accountRules.birthYear(t, 'ce', today)('2025')).toBeNull();
    expect(accountRules.birthYear(t, 'ce', today)('2026')).toBe('Enter a year from 1900 to 2025');
    expect(accountRules.birthYear(t, 'be', today)('2443')).toBeNull(); // 1900
    expect(accountRules.birthYear(t, 'be', today)('1960')).toBe('Enter a year from 2443 to 2568');
  });

  it('checks passwords by length only (8–128), PINs as 6 digits', () => {
    expect(accountRules.newPassword(t)('1234567')).toBe('Use at least 8 characters');
    expect(accountRules.newPassword(t)('x'.repeat(129))).toBe('Use at most 128 characters');
    expect(accountRules.newPassword(t)('12345678')).toBeNull();
    expect(accountRules.pin(t)('๑๒๓๔๕๖')).toBeNull();
    expect(accountRules.pin(t)('12345')).toBe('A PIN is exactly 6 digits');
  });

  it('checks email, name, phone and area like the API', () => {
    expect(accountRules.email(t)('somchai@example')).toBe('Please enter an email address such as name@example.com');
    expect(accountRules.email(t)(' somchai@example.org ')).toBeNull();
    expect(accountRules.displayName(t)('  ')).toBe('Please fill in this field');
    expect(accountRules.displayName(t)('ก'.repeat(101))).toBe('Use at most 100 characters');
    expect(accountRules.phone(t)('')).toBeNull();
    expect(accountRules.phone(t)('+66 81 234 5678')).toBeNull();
    expect(accountRules.phone(t)('๐๘๑-๒๓๔-๕๖๗๘')).toBeNull();
    expect(accountRules.phone(t)('call me')).toBe('Enter a phone number in digits, such as 081 234 5678');
    expect(accountRules.area(t)('ก'.repeat(101))).toBe('Use at most 100 characters');
  });

  it('matches the typed confirmation word whatever the case and Unicode form', () => {
    expect(accountRules.matches(t, 'XÓA')('xo\u0301a')).toBeNull();
    expect(accountRules.matches(t, 'DELETE')('delete it')).toBe('Type DELETE to confirm');
  });

  it('rates password strength as a hint', () => {
    expect(passwordStrength('short')).toBe('tooShort');
    expect(passwordStrength('abcdefgh')).toBe('weak');
    expect(passwordStrength('abcdefg1')).toBe('fair');
    expect(passwordStrength('ข้าวเหนียวมะม่วง 99')).toBe('strong');
  });
});
