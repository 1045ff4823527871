/**
 * Progressive delays instead of lockouts: the first `free` attempts in a window pass; from then
 * on each attempt must wait `baseMs`, then twice that, and so on up to `maxMs`. Waiting always
 * works, so nobody (an elderly learner mistyping, or an attacker trying to lock them out) can
 * make an account unusable for longer than `maxMs`. A key is forgotten `windowMs` after its last
 * attempt.
 */
export interface RateLimitPolicy {
  name: string;
  free: number;
  baseMs: number;
  maxMs: number;
  windowMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const RATE_LIMITS = {
  /** Per account (the login typed): attempts; a successful sign-in clears it. */
  signInAccount: { name: 'sign-in:account', free: 5, baseMs: SECOND, maxMs: 15 * MINUTE, windowMs: 60 * MINUTE },
  /** Per IP: failures (successes are refunded), generous because a learning centre shares one address. */
  signInIp: { name: 'sign-in:ip', free: 50, baseMs: SECOND, maxMs: 5 * MINUTE, windowMs: 15 * MINUTE },
  /** Per email being registered: attempts. */
  signUpAccount: { name: 'sign-up:account', free: 5, baseMs: 2 * SECOND, maxMs: 10 * MINUTE, windowMs: 60 * MINUTE },
  /** Per IP: every sign-up, so one address cannot mass-create accounts. */
  signUpIp: { name: 'sign-up:ip', free: 20, baseMs: 2 * SECOND, maxMs: 10 * MINUTE, windowMs: 60 * MINUTE },
  /** Per user: rotations (a page load is one). */
  refreshAccount: { name: 'refresh:account', free: 60, baseMs: SECOND, maxMs: 5 * MINUTE, windowMs: 10 * MINUTE },
  /** Per IP: failed refreshes (successes are refunded), i.e. guessing tokens. */
  refreshIp: { name: 'refresh:ip', free: 60, baseMs: SECOND, maxMs: 5 * MINUTE, windowMs: 10 * MINUTE },
  /** For password reset (wave 2): per email and per IP, every request. */
  passwordResetAccount: { name: 'password-reset:account', free: 3, baseMs: 30 * SECOND, maxMs: 30 * MINUTE, windowMs: 60 * MINUTE },
  passwordResetIp: { name: 'password-reset:ip', free: 20, baseMs: 5 * SECOND, maxMs: 15 * MINUTE, windowMs: 60 * MINUTE },
} as const satisfies Record<string, RateLimitPolicy>;
