/**
 * Assisted sign-up: an instructor prints a sign-in card (account code, one-time code, QR code)
 * for someone without an email address; at first sign-in they choose a password or a PIN.
 * Shared by the API and the portal, so both accept and reject the same input.
 */

/** What a card holder chooses at first sign-in. Stored values: never rename one. */
export const SECRET_KINDS = ['password', 'pin'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/**
 * One-time codes use no character that reads like another on paper or a small screen
 * (no 0/O, 1/I/L): 31 symbols, 8 of them ≈ 39.6 bits, printed as two groups of four.
 */
export const CARD_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CARD_CODE_LENGTH = 8;

/** People type the code by hand: case, spaces and dashes are forgiven. Null when it cannot be a code. */
export function normalizeCardCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s_-]/g, '');
  if (code.length !== CARD_CODE_LENGTH) return null;
  return [...code].every((c) => CARD_CODE_ALPHABET.includes(c)) ? code : null;
}

/** "ABCD-EFGH", as printed on the card. */
export function formatCardCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export const PIN_LENGTH = 6;
export const PIN_PATTERN = /^\d{6}$/;

/** PINs people pick first and attackers therefore try first, beyond the patterns below. */
const COMMON_PINS = new Set(['112233', '111222', '121314', '131313', '147258', '159753', '147852', '258369', '696969', '102030', '100200', '123321', '654456']);

/**
 * A PIN that is trivially guessed: one digit repeated (000000), a run up or down (123456,
 * 987654, 890123), a repeated pair or triple (121212, 123123), or a well-known choice.
 */
export function isGuessablePin(pin: string): boolean {
  if (!PIN_PATTERN.test(pin)) return false;
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((d, i) => (d - digits[i] + 10) % 10);
  if (steps.every((s) => s === steps[0]) && [0, 1, 9].includes(steps[0])) return true;
  if (pin === pin.slice(0, 2).repeat(3) || pin === pin.slice(0, 3).repeat(2)) return true;
  return COMMON_PINS.has(pin);
}
