import { argon2id, hash, needsRehash, verify } from 'argon2';

/**
 * Argon2id with OWASP's minimum (19 MiB, 2 iterations, 1 lane). Raising a value here upgrades
 * each stored hash at its owner's next sign-in.
 */
export const PASSWORD_HASH_OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Plain hashing, for the CLI and the demo seed; the API goes through PasswordService's limit. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  // A malformed stored hash is a failed sign-in, not a server error.
  return verify(storedHash, password).catch(() => false);
}

export function hashNeedsUpgrade(storedHash: string): boolean {
  return needsRehash(storedHash, PASSWORD_HASH_OPTIONS);
}
