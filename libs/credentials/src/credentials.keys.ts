import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { CredentialError } from './credentials.error';
import { multibaseDecode, multibaseEncode } from './credentials.multibase';

/** Ed25519 public key as a JWK (RFC 8037). */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid?: string;
  alg?: 'EdDSA';
  use?: 'sig';
}

export interface IssuerPublicKey {
  kid: string;
  publicKeyMultibase: string;
  publicJwk: Ed25519PublicJwk;
}

export interface IssuerKeyMaterial extends IssuerPublicKey {
  /** PKCS#8 DER; seal it with sealPrivateKey before it touches the database. */
  privateKeyPkcs8: Buffer;
}

// Multicodec varint prefix of an Ed25519 public key (0xed) as used by Multikey / did:key.
const ED25519_PUB_PREFIX = Buffer.from([0xed, 0x01]);

export function generateIssuerKey(): IssuerKeyMaterial {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicJwk = toPublicJwk(publicKey);
  return {
    kid: jwkThumbprint(publicJwk),
    publicKeyMultibase: publicKeyToMultibase(publicKey),
    publicJwk,
    privateKeyPkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }),
  };
}

function toPublicJwk(publicKey: KeyObject): Ed25519PublicJwk {
  const jwk = publicKey.export({ format: 'jwk' });
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x as string };
}

/** RFC 7638 thumbprint: a stable kid derived from the key itself, so a key never gets two names. */
function jwkThumbprint(jwk: Ed25519PublicJwk): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return createHash('sha256').update(canonical).digest('base64url');
}

export function publicKeyToMultibase(publicKey: KeyObject): string {
  const raw = Buffer.from(toPublicJwk(publicKey).x, 'base64url');
  return multibaseEncode(Buffer.concat([ED25519_PUB_PREFIX, raw]));
}

export function publicKeyFromMultibase(publicKeyMultibase: string): KeyObject {
  const bytes = multibaseDecode(publicKeyMultibase);
  if (bytes.length !== 34 || !bytes.subarray(0, 2).equals(ED25519_PUB_PREFIX)) {
    throw new CredentialError('KEY_INVALID', 'Not an Ed25519 Multikey public key');
  }
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: bytes.subarray(2).toString('base64url') }, format: 'jwk' });
}

export function publicKeyFromJwk(jwk: Ed25519PublicJwk): KeyObject {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new CredentialError('KEY_INVALID', 'Not an Ed25519 JWK');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
}

export function privateKeyFromPkcs8(pkcs8: Buffer): KeyObject {
  const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new CredentialError('KEY_INVALID', 'Not an Ed25519 private key');
  return key;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

// The key-encryption key is a config string of any length; sha256 turns it into the 32 bytes AES-256 needs.
function kekBytes(keyEncryptionKey: string): Buffer {
  return createHash('sha256').update(keyEncryptionKey, 'utf8').digest();
}

/** AES-256-GCM: iv (12) | tag (16) | ciphertext. A wrong KEK or a flipped bit fails on open. */
export function sealPrivateKey(pkcs8: Buffer, keyEncryptionKey: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kekBytes(keyEncryptionKey), iv);
  const ciphertext = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

export function openPrivateKey(sealed: Buffer, keyEncryptionKey: string): Buffer {
  if (sealed.length <= IV_BYTES + TAG_BYTES) throw new CredentialError('KEY_SEAL_INVALID', 'Sealed key is too short');
  const decipher = createDecipheriv('aes-256-gcm', kekBytes(keyEncryptionKey), sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new CredentialError('KEY_SEAL_INVALID', 'Sealed key does not open with this key-encryption key');
  }
}
