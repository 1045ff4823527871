import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';
import { startPostgres } from './postgres';
import { buildApps, runOrFail, startService, stopProcess, waitForReady } from './processes';
import { startRedis } from './redis';

export interface DemoStack {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * A throwaway Baanrian with demo data, as `npm start` runs it but in a temporary folder on free
 * ports: for benchmarks and README screenshots, which must not touch the developer's `.data/`.
 */
export async function startDemoStack(options: { log?: (line: string) => void } = {}): Promise<DemoStack> {
  const quiet = () => undefined;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'baanrian-demo-'));
  const [postgres, redis] = await Promise.all([
    (async () => startPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), database: 'baanrian' }))(),
    (async () => startRedis({ port: await freePort() }))(),
    buildApps(['api', 'worker', 'portal']),
  ]);
  const port = await freePort();
  // Production mode, as measured: it needs its own access-token signing key.
  const jwtKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const env = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    APP_SECRET: 'demo-stack-secret-for-local-measurements-only',
    AUTH_JWT_PRIVATE_KEY: jwtKey,
  };
  await runOrFail('Migrations', process.execPath, ['dist/apps/api/cli.js', 'migrate'], env);
  await runOrFail('Demo seed', process.execPath, ['dist/apps/api/cli.js', 'seed'], env);
  const children = [startService('worker', 'dist/apps/worker/main.js', env, options.log ?? quiet), startService('api', 'dist/apps/api/main.js', env, options.log ?? quiet)];
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await Promise.all(children.map((child) => stopProcess(child)));
    await Promise.all([redis.stop(), postgres.stop()].map((p) => p.catch(() => undefined)));
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await waitForReady(baseUrl, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}
