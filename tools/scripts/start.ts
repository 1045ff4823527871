import { ConfigError, type LauncherConfig, loadLauncherConfig, type RawEnv } from '@baanrian/config';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  isPortFree,
  preferredPort,
  type RunningPostgres,
  startPostgres,
  type RunningRedis,
  startRedis,
  REDIS,
  ensureSystemTools,
  buildApps,
  runOrFail,
  startService,
  stopProcess,
  waitForReady,
} from '@baanrian/dev-services';
import { DEMO_ACCOUNTS } from '../../apps/api/src/seed/demo-accounts';

/**
 * `npm start` (and `npm run dev` with --dev): brings up everything Baanrian needs on one machine.
 * Uses DATABASE_URL / REDIS_URL when set; otherwise runs PostgreSQL and Redis itself, with data
 * under DATA_DIR (.data), so the next start finds the same data.
 */
const dev = process.argv.includes('--dev');
const started = Date.now();
const children: ChildProcess[] = [];
let postgres: RunningPostgres | null = null;
let redis: RunningRedis | null = null;
let stopping = false;
let servicesFile: string | null = null;

const say = (line: string) => console.log(`[baanrian] ${line}`);

async function servers(config: LauncherConfig): Promise<{ databaseUrl: string; redisUrl: string }> {
  // allSettled: if one fails, the other must still be registered so shutdown can stop it.
  const [databaseUrl, redisUrl] = await settleAll([
    config.databaseUrl ? Promise.resolve(config.databaseUrl) :
      (async () => {
        postgres = await startPostgres({ dataDir: path.join(config.dataDir, 'postgres'), port: await preferredPort(54329), database: 'baanrian' });
        say(`PostgreSQL ready on port ${postgres.port} (data in ${path.join(config.dataDir, 'postgres')})`);
        return postgres.url;
      })(),
    config.redisUrl ? Promise.resolve(config.redisUrl) :
      (async () => {
        redis = await startRedis({ dataDir: path.join(config.dataDir, 'redis'), port: await preferredPort(63790) });
        say(`Redis ready on port ${redis.port}`);
        return redis.url;
      })(),
  ]);
  return { databaseUrl, redisUrl };
}

async function settleAll<T>(promises: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

async function main(): Promise<void> {
  const config = loadLauncherConfig();
  if (!(await isPortFree(config.port, config.host))) {
    throw new ConfigError('PORT', `${config.port} is already in use on ${config.host}: stop the other program or set PORT to another port`);
  }
  if (!config.redisUrl) ensureSystemTools([REDIS], say);
  say(dev ? 'Starting in watch mode…' : 'Building and starting…');
  const [urls] = await Promise.all([servers(config), buildApps(dev ? ['api'] : ['api', 'worker', 'portal'])]);
  const env: RawEnv = { DATABASE_URL: urls.databaseUrl, REDIS_URL: urls.redisUrl, HOST: config.host, PORT: String(config.port) };
  // While running, tell operator commands (`npm run create-admin`) where the servers are.
  servicesFile = path.join(config.dataDir, 'services.json');
  writeFileSync(servicesFile, JSON.stringify({ DATABASE_URL: urls.databaseUrl, REDIS_URL: urls.redisUrl }), { mode: 0o600 });
  say((await runOrFail('Migrations', process.execPath, ['dist/apps/api/cli.js', 'migrate'], env)).trim());
  say((await runOrFail('Demo seed', process.execPath, ['dist/apps/api/cli.js', 'seed'], env)).trim());

  if (dev) {
    const nx = spawn('npx', ['nx', 'run-many', '-t', 'serve', '-p', 'api', 'worker', 'portal', '--outputStyle=stream'], {
      env: { ...process.env, ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      stdio: 'inherit',
    });
    watchChild('nx', nx);
  } else {
    watchChild('worker', startService('worker', 'dist/apps/worker/main.js', env));
    watchChild('api', startService('api', 'dist/apps/api/main.js', env));
  }
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  await waitForReady(url, 60_000);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
  Baanrian is ready in ${seconds} s.

    Portal        ${dev ? 'http://localhost:4200 (Vite, hot reload)' : url}
    API           ${url}/api/v1
    API docs      ${url}/api/docs
    Health        ${url}/api/v1/health/ready

  Demo data: ${'published courses for all five target groups (Thai, English, Vietnamese).'}
  Demo accounts (sign in with the email or code and password):
${DEMO_ACCOUNTS.map((a) => `    ${a.login.padEnd(32)}${a.password.padEnd(22)}${a.roles.join(', ')}`).join('\n')}
  Create your own administrator: npm run create-admin

  Press Ctrl-C to stop everything.
`);
}

function watchChild(name: string, child: ChildProcess): void {
  children.push(child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    say(`${name} exited (${signal ?? `code ${code}`}); stopping everything.`);
    void shutdown(1);
  });
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('Stopping…');
  if (servicesFile) rmSync(servicesFile, { force: true });
  await Promise.all(children.map((child) => stopProcess(child)));
  const pg = postgres as RunningPostgres | null;
  const rd = redis as RunningRedis | null;
  await Promise.all([rd?.stop(), pg?.stop()].map((p) => p?.catch(() => undefined)));
  say('Stopped.');
  process.exit(exitCode);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `[baanrian] ${error instanceof Error ? error.message : String(error)}`);
  // A configuration mistake is reported before anything starts: nothing to stop.
  if (error instanceof ConfigError && !postgres && !redis && children.length === 0) process.exit(1);
  await shutdown(1);
});
