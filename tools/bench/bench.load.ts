import path from 'node:path';
import { spawnNode, tsxArgs } from './bench.stack';

export interface LoadJob {
  name: string;
  /** Origin, e.g. http://127.0.0.1:3000 */
  url: string;
  path: string;
  /** More paths, asked in turn after `path` (e.g. several search terms). */
  morePaths?: string[];
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
  /** POST {login, password} with the next login per request (and its own X-Forwarded-For). */
  signIn?: { logins: string[]; password: string; forwardedFor: boolean };
  /**
   * Each request the next (bearer token, path) pair, from request number `offset` on. `spread`:
   * path n % paths, token ⌊n / paths⌋ % tokens (consecutive requests on different paths, e.g.
   * learners enrolling across many courses); `burst`: token n % tokens, path ⌊n / tokens⌋ % paths
   * (consecutive requests are different people on the same path: one course in demand).
   */
  rotate?: { tokens: string[]; paths: string[]; offset: number; order: 'spread' | 'burst' };
}

export interface LoadFigures {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  bytesPerResponse: number;
}

/** Runs the jobs together in a separate load-generator process (core 1 when pinning is on). */
export function runLoad(jobs: LoadJob[]): Promise<LoadFigures[]> {
  const child = spawnNode('load', tsxArgs(path.join(__dirname, 'load.child.ts')));
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdin?.end(JSON.stringify(jobs));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('[')) return reject(new Error(`load generator failed (exit ${code}): ${err.slice(-2000)}`));
      resolve(JSON.parse(last) as LoadFigures[]);
    });
  });
}
