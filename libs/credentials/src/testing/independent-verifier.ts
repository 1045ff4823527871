import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { DidDocument } from '../credentials.did';

export interface IndependentResult {
  verified: boolean;
  errors: string[];
}

/** Runs independent-verifier.mjs (ESM-only verifier stack) in a child node process. */
export function verifyIndependently(credentials: object[], didDocument: DidDocument): IndependentResult[] {
  const child = spawnSync(process.execPath, [join(__dirname, 'independent-verifier.mjs')], {
    input: JSON.stringify({ credentials, didDocument }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`independent verifier failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as IndependentResult[];
}
