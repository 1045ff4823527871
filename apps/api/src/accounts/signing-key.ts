import type { AuthConfig } from '@baanrian/config';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type SigningKeySource = 'config' | 'file' | 'generated-file' | 'memory';

function newKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * The Ed25519 key that signs access tokens: AUTH_JWT_PRIVATE_KEY when set (required in
 * production); in development a key generated once into the data dir, so sessions survive
 * restarts; in test mode a key in memory.
 */
export function resolveSigningKey(auth: AuthConfig): { pem: string; source: SigningKeySource } {
  if (auth.jwtPrivateKeyPem) return { pem: auth.jwtPrivateKeyPem, source: 'config' };
  if (!auth.jwtKeyFile) return { pem: newKeyPem(), source: 'memory' };
  try {
    return { pem: readFileSync(auth.jwtKeyFile, 'utf8'), source: 'file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(auth.jwtKeyFile), { recursive: true, mode: 0o700 });
  try {
    // 'wx': when the api and the CLI start together, the first writer wins and the other reads its key.
    writeFileSync(auth.jwtKeyFile, newKeyPem(), { flag: 'wx', mode: 0o600 });
    return { pem: readFileSync(auth.jwtKeyFile, 'utf8'), source: 'generated-file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { pem: readFileSync(auth.jwtKeyFile, 'utf8'), source: 'file' };
  }
}
