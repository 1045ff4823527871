import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The QR code on the session screen changes this often. */
export const CHECK_IN_WINDOW_SECONDS = 30;
/** Check-in opens this long before a session starts (people arrive early) and closes at its end. */
export const CHECK_IN_OPENS_MINUTES_BEFORE = 30;
/** Joining a live session through the platform opens this long before it starts. */
export const JOIN_OPENS_MINUTES_BEFORE = 15;

/** Crockford's base32 without look-alikes: the code can also be typed from the screen. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 8;

export type CodeVerdict = 'valid' | 'expired' | 'invalid';

export function windowOf(now: Date): number {
  return Math.floor(now.getTime() / 1000 / CHECK_IN_WINDOW_SECONDS);
}

/** Upper case, without spaces or dashes, look-alikes read as Crockford does (O→0, I/L→1); null when it cannot be a code. */
export function normalizeCheckInCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

/**
 * Rotating check-in codes: HMAC(key, lessonId:window) with a key derived from the instance secret
 * for this purpose only, 40 bits shown as 8 symbols. Nothing is stored: the server recomputes.
 * A code is accepted in its own window and the next one (a scan just as the screen changes), so
 * a photo of the screen is worthless a minute later and a code from another session never works.
 */
@Injectable()
export class CheckInCodes {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.security.appSecret).update('baanrian:attendance:check-in-code').digest();
  }

  codeAt(lessonId: string, now: Date): string {
    return this.codeOfWindow(lessonId, windowOf(now));
  }

  /** The instant the code shown at `now` is replaced, and the instant it stops being accepted. */
  rotation(now: Date): { rotatesAt: Date; expiresAt: Date } {
    const next = (windowOf(now) + 1) * CHECK_IN_WINDOW_SECONDS * 1000;
    return { rotatesAt: new Date(next), expiresAt: new Date(next + CHECK_IN_WINDOW_SECONDS * 1000) };
  }

  /**
   * `valid` for the current or previous window; `expired` for an older window of this session's
   * check-in period (the learner scanned a stale screen: scan again); else `invalid`.
   */
  verify(lessonId: string, input: string, now: Date, opensAt: Date): CodeVerdict {
    const code = normalizeCheckInCode(input);
    if (!code) return 'invalid';
    const current = windowOf(now);
    if (this.matches(lessonId, code, current) || this.matches(lessonId, code, current - 1)) return 'valid';
    // At most a few hundred windows for a session of some hours: cheap, and only on failure.
    for (let w = current - 2; w >= windowOf(opensAt); w--) {
      if (this.matches(lessonId, code, w)) return 'expired';
    }
    return 'invalid';
  }

  private matches(lessonId: string, code: string, window: number): boolean {
    return timingSafeEqual(Buffer.from(code), Buffer.from(this.codeOfWindow(lessonId, window)));
  }

  private codeOfWindow(lessonId: string, window: number): string {
    const digest = createHmac('sha256', this.key).update(`${lessonId}:${window}`).digest();
    // 40 bits as 8 base32 symbols.
    let bits = 0n;
    for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(digest[i]);
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i++) {
      code = ALPHABET[Number(bits & 31n)] + code;
      bits >>= 5n;
    }
    return code;
  }
}
