import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childEnv, rawEnv } from '@baanrian/config';
import { buildApps, freePort, runOrFail, type RunningPostgres, type RunningRedis, SERVICE_NODE_FLAGS, startPostgres, startRedis, stopProcess, waitForReady } from '@baanrian/dev-services';

export const ROOT = path.resolve(__dirname, '../..');

/**
 * Core pinning: the API (and the baselines it is compared with) on core 0, the load generator on
 * core 1, so the generator does not steal the measured server's CPU. PostgreSQL and Redis float.
 * `BENCH_PIN=0` turns it off (e.g. on a one-core machine or without `taskset`).
 */
const canPin = rawEnv('BENCH_PIN') !== '0' && os.cpus().length >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
export const PINNING = canPin ? { server: '0', load: '1' } : null;

/** BENCH_CPU_PROF=<dir>: the API and the worker write V8 CPU profiles there when they stop (to see where a figure's time went; it slows them). */
const PROFILE_FLAGS = rawEnv('BENCH_CPU_PROF') ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(rawEnv('BENCH_CPU_PROF') as string)}`] : [];

/** `node args…`, under `taskset -c <core>` when pinning is on. */
/** The stack's secret: benchmarks that drive worker classes in-process need it to open the issuer key the stack's worker sealed. */
export const BENCH_APP_SECRET = 'bench-stack-secret-for-local-measurements-only';

export function spawnNode(role: 'server' | 'load', args: string[], env: Record<string, string | undefined> = {}): ChildProcess {
  const [command, prefix] = PINNING ? ['taskset', ['-c', PINNING[role], process.execPath]] : [process.execPath, []];
  return spawn(command, [...prefix, ...args], { cwd: ROOT, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
}

/** A TypeScript entry point run by tsx (the load generator and baseline servers are scripts). */
export const tsxArgs = (file: string) => [require.resolve('tsx/cli'), '--tsconfig', path.join(ROOT, 'tools/tsconfig.json'), file];

export interface ApiStack {
  baseUrl: string;
  databaseUrl: string;
  redisUrl: string;
  postgres: RunningPostgres;
  redis: RunningRedis;
  /** Process ids of the API and the worker, for sampling their resident memory (reports exports). */
  pids: { api: number; worker: number };
  stop(): Promise<void>;
}

/**
 * PostgreSQL and Redis started as `npm start` starts them (same launchers), in a temporary
 * folder; migrations; `fill` (the data generator); then the built API and worker in production mode on core 0.
 *
 * TRUST_PROXY=true, the documented setting for running behind a reverse proxy: the sign-in load
 * sends each virtual learner's own X-Forwarded-For, as a proxy would, so the per-IP sign-in
 * limiter sees many homes instead of one load generator. Nothing in the API is switched off.
 */
export async function startApiStack(fill: (databaseUrl: string) => Promise<void>, log: (line: string) => void): Promise<ApiStack> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'baanrian-bench-'));
  const [postgres, redis] = await Promise.all([
    (async () => startPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), database: 'baanrian' }))(),
    (async () => startRedis({ port: await freePort() }))(),
    buildApps(['api', 'worker']),
  ]);
  const port = await freePort();
  const env = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    TRUST_PROXY: 'true',
    APP_SECRET: BENCH_APP_SECRET,
    // Media (export files, certificate PDFs) in the temporary folder, not the checkout's .data/.
    DATA_DIR: path.join(tmp, 'data'),
    AUTH_JWT_PRIVATE_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  const services: ChildProcess[] = [];
  const pids = { api: 0, worker: 0 };
  const stop = async () => {
    await Promise.all(services.map((child) => stopProcess(child)));
    await Promise.all([redis.stop(), postgres.stop()].map((p) => p.catch(() => undefined)));
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await runOrFail('Migrations', process.execPath, ['dist/apps/api/cli.js', 'migrate'], env);
    await fill(postgres.url);
    // The worker too: readiness waits for its heartbeat. It idles during the benchmarks.
    for (const name of ['worker', 'api']) {
      const child = spawnNode('server', [...PROFILE_FLAGS, ...SERVICE_NODE_FLAGS[name], `dist/apps/${name}/main.js`], env);
      child.stderr?.on('data', (chunk: Buffer) => log(`[${name}] ${chunk.toString().trimEnd()}`));
      services.push(child);
      pids[name as keyof typeof pids] = child.pid ?? 0;
    }
    await waitForReady(`http://127.0.0.1:${port}`, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: `http://127.0.0.1:${port}`, databaseUrl: postgres.url, redisUrl: redis.url, postgres, redis, pids, stop };
}

/** Waits for a short-lived child and parses the last line it printed as JSON. */
export function runChildJson<T>(child: ChildProcess): Promise<T> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdin?.end();
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(last) as T);
      } catch (error) {
        reject(new Error(`child failed (${(error as Error).message}): ${err.slice(-2000)}`));
      }
    });
  });
}

/** Starts a long-running child and waits until it prints `ready`. */
export function startReadyChild(child: ChildProcess, what: string): Promise<ChildProcess> {
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}): ${err.slice(-2000)}`)));
  });
}
