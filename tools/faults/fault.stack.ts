import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApps, ensureSystemTools, freePort, REDIS, runOrFail, type RunningPostgres, type RunningRedis, startRedis } from '@baanrian/dev-services';
import { type SmtpSink, startSmtpSink } from '@baanrian/testing';
import { calculateJwkThumbprint, exportJWK, SignJWT } from 'jose';
import { Client } from 'pg';
import { type FaultProxy, startFaultProxy } from './fault.proxy';
import { type ManagedProcess, managedProcess, pollUntil } from './fault.process';
import { startPostgresProcess } from './fault.postgres';

export type { ManagedProcess } from './fault.process';

export const ROOT = path.resolve(__dirname, '../..');

export interface ManagedService {
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
}

export interface FaultStack {
  /** The local proxy in front of the API processes (round robin). */
  baseUrl: string;
  /** Each API process directly. */
  apiUrls: string[];
  databaseUrl: string;
  redisUrl: string;
  /** Every worker's SMTP_URL points here. */
  smtp: SmtpSink;
  apis: ManagedProcess[];
  workers: ManagedProcess[];
  /** Same data dir and port after a restart. */
  postgres: ManagedService;
  /** Same port and append-only data dir after a restart; `kill()` is SIGKILL (no final AOF write). */
  redis: ManagedService & { url: string; kill(): Promise<void> };
  /** The proxy, for its per-process answer counts. */
  proxy: FaultProxy;
  /** An access token for the user, signed with the stack's AUTH_JWT_PRIVATE_KEY (no sign-in cost). */
  token(userId: string, roles?: string[]): Promise<string>;
  /** What the processes got (APP_SECRET, keys …). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface FaultStackOptions {
  apis?: number;
  workers?: number;
  env?: Record<string, string>;
  log?: (line: string) => void;
}

/**
 * The multi-process deployment on one machine (issue 12 §1): PostgreSQL and Redis started as
 * `npm start` starts them, in a temporary folder; migrations; N API processes behind a local
 * round-robin proxy; M worker processes; a real SMTP server. Production mode, so every process
 * needs the shared keys, as pods of one Deployment share a Secret.
 */
export async function startFaultStack(options: FaultStackOptions = {}): Promise<FaultStack> {
  const log = options.log ?? (() => undefined);
  ensureSystemTools([REDIS], (line) => log(`[stack] ${line}`)); // as npm start: installed once when missing
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'baanrian-faults-'));
  const cleanups: (() => Promise<unknown>)[] = [async () => rmSync(tmp, { recursive: true, force: true })];
  const cleanup = async () => {
    // Never silent: a step that fails may leave a server or a folder behind.
    for (const step of cleanups.splice(0).reverse()) await step().catch((error: Error) => console.warn(`[fault stack] cleanup: ${error.message}`));
  };
  try {
    const [pgPort, redisPort, proxyPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const apiPorts = await Promise.all(Array.from({ length: options.apis ?? 2 }, () => freePort()));
    const pgOptions = { dataDir: path.join(tmp, 'pg'), port: pgPort, database: 'baanrian', log: (l: string) => log(`[postgres] ${l.trimEnd()}`) };
    const redisOptions = { port: redisPort, dataDir: path.join(tmp, 'redis') };
    // Each server is registered for cleanup as soon as it is up, so a failed sibling leaves nothing behind.
    const started = async <T>(promise: Promise<T>, stop: (value: T) => Promise<unknown>) => {
      const value = await promise;
      cleanups.push(() => stop(value));
      return value;
    };
    const results = await Promise.allSettled([
      started(startPostgresProcess(pgOptions), (pg) => pg.stop()),
      started(startRedis(redisOptions), (rd) => rd.stop()),
      started(startSmtpSink(), (sink) => sink.close()),
      buildApps(['api', 'worker']),
    ]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [pg, rd, smtp] = results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [RunningPostgres, RunningRedis, SmtpSink];
    // From here on the restartable handles own the servers (they stop whichever instance is current).
    cleanups.splice(1);
    const postgres = restartable(pg, () => startPostgresProcess(pgOptions));
    const redis = restartable(rd, () => startRedis(redisOptions));
    cleanups.push(() => smtp.close(), () => postgres.stop(), () => redis.stop());

    const publicUrl = `http://127.0.0.1:${proxyPort}`;
    const privateKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      DATABASE_URL: pg.url,
      REDIS_URL: rd.url,
      // Every API process must sign and accept the same `iss`: the address clients use, not its own port.
      PUBLIC_URL: publicUrl,
      // The proxy sets X-Forwarded-For; per-address rate limits must see the client, not the proxy.
      TRUST_PROXY: 'true',
      APP_SECRET: randomBytes(32).toString('hex'),
      AUTH_JWT_PRIVATE_KEY: privateKey,
      // Media (exports, certificate PDFs) shared by every process, as the ReadWriteMany volume is.
      DATA_DIR: path.join(tmp, 'data'),
      SMTP_URL: smtp.url,
      ...options.env,
    };
    log(`[stack] ${(await runOrFail('Migrations', process.execPath, [path.join(ROOT, 'dist/apps/api/cli.js'), 'migrate'], env)).trim()}`);

    const apiSlots = apiPorts.map((port, i) => ({ name: `api-${i + 1}`, port }));
    const proxy = await startFaultProxy(() => apiSlots, proxyPort);
    cleanups.push(() => proxy.close());
    const heartbeat = (pid: number) => async () => {
      const client = new Client({ connectionString: pg.url, connectionTimeoutMillis: 2000 });
      try {
        await client.connect();
        // WORKER_ID is `host:pid:random` (apps/worker/src/worker-identity.ts): its first heartbeat says it is up.
        const { rowCount } = await client.query(`SELECT 1 FROM worker_heartbeat WHERE worker_id LIKE '%:' || $1 || ':%'`, [String(pid)]);
        return (rowCount ?? 0) > 0;
      } finally {
        await client.end().catch(() => undefined);
      }
    };
    const workers = Array.from({ length: options.workers ?? 3 }, (_, i) =>
      managedProcess({
        name: `worker-${i + 1}`,
        script: path.join(ROOT, 'dist/apps/worker/main.js'),
        env,
        log,
        ready: (pid, alive) => pollUntil(`worker-${i + 1}`, heartbeat(pid), alive),
      }),
    );
    const apis = apiSlots.map(({ name, port }) =>
      managedProcess({
        name,
        script: path.join(ROOT, 'dist/apps/api/main.js'),
        env: { ...env, PORT: String(port) },
        log,
        // Ready as a load balancer sees it: database migrated, Redis usable, a worker heartbeat.
        ready: (_pid, alive) => pollUntil(name, async () => (await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`)).ok, alive),
      }),
    );
    // Processes stop before the servers they use (cleanups run in reverse).
    cleanups.push(() => Promise.all([...apis, ...workers].map((p) => p.stop())));
    // All at once: the APIs' readiness waits for the first worker heartbeat anyway.
    await Promise.all([...workers, ...apis].map((p) => p.start()));

    const signer = createPrivateKey(privateKey);
    const kid = await calculateJwkThumbprint(await exportJWK(createPublicKey(signer)));
    return {
      baseUrl: proxy.url,
      apiUrls: apiSlots.map(({ port }) => `http://127.0.0.1:${port}`),
      databaseUrl: pg.url,
      redisUrl: rd.url,
      smtp,
      apis,
      workers,
      postgres,
      redis: Object.assign(redis, { url: rd.url }),
      proxy,
      env,
      // The claims AccessTokenService.issue writes; roles are informative (the API reads them from the database).
      token: (userId, roles = ['learner']) =>
        new SignJWT({ roles, sv: 0 })
          .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid })
          .setSubject(userId)
          .setIssuer(publicUrl)
          .setAudience('baanrian-api')
          .setIssuedAt()
          .setExpirationTime('10m')
          .setJti(randomUUID())
          .sign(signer),
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** A server that can be stopped and started again with the same options (so the same port and data dir). */
function restartable<T extends RunningPostgres | RunningRedis>(first: T, start: () => Promise<T>): ManagedService & { kill(): Promise<void> } {
  let current: T | null = first;
  const service = {
    async stop() {
      const running = current;
      current = null;
      await running?.stop();
    },
    async start() {
      if (current) throw new Error('already running');
      current = await start();
    },
    async restart() {
      await service.stop();
      await service.start();
    },
    /** SIGKILL: no shutdown work at all (Redis only; a killed postmaster leaves its backends behind). */
    async kill() {
      const running = current;
      if (!running || !('pid' in running)) throw new Error('kill() is for Redis');
      current = null;
      process.kill(running.pid, 'SIGKILL');
      await running.stop(); // returns once the killed process has exited
    },
  };
  return service;
}
