import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync } from 'node:crypto';

/** Fixed labels of the key derivation: changing either makes every stored hash unrecognisable. */
const HKDF_SALT = 'baanrian';
const HKDF_INFO = 'national-id-hash/v1';

/** Thai (13 digits) and Vietnamese (12 digits) numbers, also foreign ones with letters; spaces and dashes are formatting. */
export function normalizeNationalId(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const normalized = String(value).replace(/[\s-]/g, '').toUpperCase();
  return /^[0-9A-Z]{6,32}$/.test(normalized) ? normalized : null;
}

/**
 * Recognises a person by their national ID number without storing it: HMAC-SHA256 keyed by a key
 * derived (HKDF) from APP_SECRET. Without the secret, the hashes of the few billion possible
 * numbers cannot be precomputed, which a plain or publicly salted hash would allow.
 */
@Injectable()
export class NationalIdHasher {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.security.appSecret, HKDF_SALT, HKDF_INFO, 32));
  }

  /** Hex digest of the normalised number. */
  hash(normalizedNationalId: string): string {
    return createHmac('sha256', this.key).update(normalizedNationalId, 'utf8').digest('hex');
  }
}
