import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Carries a secret (a password-reset token) from the API to the worker through the outbox
 * without writing it to the database in clear.
 *
 * Why this design: the token must be in the mail, the mail is sent by the worker, and the only
 * channel between them is the outbox row (PostgreSQL), which backups and anyone with read access
 * to the database see. The API therefore stores the token's SHA-256 hash (for checking) and puts
 * the token itself in the event encrypted with AES-256-GCM under a key derived from APP_SECRET by
 * HKDF (the database alone does not open it; GCM also detects tampering). The token id is bound as
 * associated data, so a sealed token cannot be replayed under another row. Alternatives rejected:
 * deriving the token from APP_SECRET and the row id (then it is not random, and every past token
 * can be recomputed forever); handing it over in Redis (another store holding it in clear).
 * The outbox row is deleted by housekeeping a week after it is published; the token expires long
 * before that.
 */
const VERSION = 'v1';
const KEY_INFO = 'baanrian:sealed-token:v1';

function keyFrom(appSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, 'baanrian', KEY_INFO, 32));
}

export function sealToken(appSecret: string, token: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(appSecret), iv);
  cipher.setAAD(Buffer.from(boundTo));
  const encrypted = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), encrypted.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The token, or an error when the secret, the binding or the ciphertext is not the one sealed. */
export function openToken(appSecret: string, sealed: string, boundTo: string): string {
  const [version, iv, encrypted, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !encrypted || !tag) throw new Error('not a sealed token');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(appSecret), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(boundTo));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64url')), decipher.final()]).toString('utf8');
}
