import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { CARD_CODE_ALPHABET, CARD_CODE_LENGTH } from '@baanrian/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';

/** Minutes a setup token (card redeemed, secret not chosen yet) stays valid. */
export const SETUP_TOKEN_TTL_MINUTES = 15;

/** A new one-time code: CARD_CODE_LENGTH symbols drawn uniformly (randomInt has no modulo bias). */
export function generateCardCode(): string {
  return Array.from({ length: CARD_CODE_LENGTH }, () => CARD_CODE_ALPHABET[randomInt(CARD_CODE_ALPHABET.length)]).join('');
}

/** The QR code printed on the card, as an SVG document (medium error correction survives a crease). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Keyed hashes for sign-in cards, from the instance secret (APP_SECRET) with one derived key per
 * purpose. A one-time code has ~40 bits: plain SHA-256 of it could be reversed from a database
 * dump in minutes, an HMAC cannot without the secret, which is not in the database. The setup
 * token is stateless: it names the card and its expiry and is signed with its own key, so it is
 * good for nothing but finishing that card; the card's own `used_at` makes it single use.
 */
@Injectable()
export class SignInCardCodes {
  private readonly codeKey: Buffer;
  private readonly setupKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const derive = (purpose: string) => createHmac('sha256', config.security.appSecret).update(`baanrian:${purpose}`).digest();
    this.codeKey = derive('sign-in-card:code');
    this.setupKey = derive('sign-in-card:setup-token');
  }

  /** Bound to the account, so a hash copied onto another account's card matches nothing. */
  hashCode(userId: string, code: string): string {
    return createHmac('sha256', this.codeKey).update(`${userId}:${code}`).digest('hex');
  }

  codeMatches(storedHash: string, userId: string, code: string): boolean {
    return equal(storedHash, this.hashCode(userId, code));
  }

  issueSetupToken(cardId: string, now = Date.now()): string {
    const body = `${cardId}.${Math.floor(now / 1000) + SETUP_TOKEN_TTL_MINUTES * 60}`;
    return `${body}.${this.sign(body)}`;
  }

  /** The card a setup token names, or null when it is forged, malformed or expired. */
  verifySetupToken(token: string, now = Date.now()): string | null {
    const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match || !equal(match[3], this.sign(`${match[1]}.${match[2]}`))) return null;
    return Number(match[2]) * 1000 > now ? match[1] : null;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.setupKey).update(body).digest('base64url');
  }
}
