/**
 * The sign-in's physical limit: argon2id with the API's parameters in a plain loop (pinned to the
 * API's core by the harness). Prints the median milliseconds of N hashes (argv[2], default 20).
 */
import { hash } from 'argon2';
import { PASSWORD_HASH_OPTIONS } from '../../apps/api/src/accounts/password-hash';
import { median } from './bench.stats';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 20);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await hash(`bench-password-${i}`, PASSWORD_HASH_OPTIONS);
    times.push(performance.now() - t0);
  }
  console.log(JSON.stringify({ medianMs: median(times) }));
}

void main();
