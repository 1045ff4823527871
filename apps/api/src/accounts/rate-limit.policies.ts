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
  /**
   * Per account code: like signInAccount, but remembered for a day. Account codes belong to
   * people without email, who often sign in with a 6-digit PIN; with a one-hour memory an
   * attacker pausing 75 minutes between bursts gets ~15 guesses per burst (~235 a day), with a
   * day's memory at most ~15 + 96 (one per 15-minute wait) ≈ 110 a day. docs/accounts.md: "Sign-in cards".
   */
  signInAccountCode: { name: 'sign-in:account-code', free: 5, baseMs: SECOND, maxMs: 15 * MINUTE, windowMs: 24 * 60 * MINUTE },
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
  /** OpenID Connect, per IP: sign-ins started and not (yet) completed; a completed one is refunded. */
  oidcStartIp: { name: 'oidc-start:ip', free: 30, baseMs: SECOND, maxMs: 5 * MINUTE, windowMs: 15 * MINUTE },
  /** OpenID Connect, per IP: failed callbacks (successes are refunded). */
  oidcCallbackIp: { name: 'oidc-callback:ip', free: 20, baseMs: SECOND, maxMs: 5 * MINUTE, windowMs: 15 * MINUTE },
  /**
   * Sign-in cards (assisted sign-up): per account code, every attempt (a success clears it), with
   * the same 15-minute cap as sign-in but remembered for a day, so pausing does not buy fresh
   * free attempts; per IP, failures only (a learning centre redeems many cards from one address).
   */
  cardAccount: { name: 'card:account', free: 5, baseMs: SECOND, maxMs: 15 * MINUTE, windowMs: 24 * 60 * MINUTE },
  cardIp: { name: 'card:ip', free: 30, baseMs: SECOND, maxMs: 5 * MINUTE, windowMs: 15 * MINUTE },
} as const satisfies Record<string, RateLimitPolicy>;
