import { createTestDatabase, type TestDatabase, testServers, uniqueName } from '@baanrian/testing';
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@baanrian/dev-services';
import { cleanEnv, type Proc, spawnProcess, stopQuietly } from './process';

export { freePort };

export const repoRoot = path.resolve(__dirname, '../../../..');
const run = promisify(execFile);

/** A fresh copy of the migrated template with the demo seeded by the real CLI, as `npm start` does. */
export async function seededDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  const { stdout } = await run(process.execPath, ['dist/apps/api/cli.js', 'seed'], {
    cwd: repoRoot,
    env: cleanEnv({ DATABASE_URL: db.url, REDIS_URL: testServers().redisUrl }),
  });
  if (!stdout.includes('Demo seed: seeded')) throw new Error(`Unexpected seed output: ${stdout}`);
  return db;
}

/** The environment the api and worker are configured with: their own database, port and queue prefix. */
export function appEnv(databaseUrl: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return cleanEnv({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: testServers().redisUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    QUEUE_PREFIX: uniqueName('e2e'),
    LOG_LEVEL: 'info',
    PORTAL_DIST_DIR: path.join(repoRoot, 'dist/apps/portal'),
    OUTBOX_POLL_MS: '100',
    ...extra,
  });
}

export function startApi(env: NodeJS.ProcessEnv): Proc {
  return spawnProcess('api', process.execPath, ['--enable-source-maps', 'dist/apps/api/main.js'], { env, cwd: repoRoot });
}

export function startWorker(env: NodeJS.ProcessEnv): Proc {
  return spawnProcess('worker', process.execPath, ['--enable-source-maps', 'dist/apps/worker/main.js'], { env, cwd: repoRoot });
}

/**
 * Waits until `/api/v1/health/live` answers from `proc` itself: the api listens (readiness may still be
 * 503). A free port is only free when it was asked for, so another test's api may hold it by now; an
 * answer from that one must not pass for ours (CI once failed that way).
 */
export async function waitForLive(baseUrl: string, proc: Proc, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const port = Number(new URL(baseUrl).port);
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited with ${proc.child.exitCode}:\n${proc.tail()}`);
    try {
      if ((await fetch(`${baseUrl}/api/v1/health/live`)).ok && (await listensOn(proc.pid, port))) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${proc.name} not live at ${baseUrl} after ${timeoutMs} ms:\n${proc.tail()}`);
}

/** Whether process `pid` holds a listening TCP socket on `port` (Linux's /proc; elsewhere assumed). */
export async function listensOn(pid: number, port: number): Promise<boolean> {
  if (process.platform !== 'linux') return true;
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const rows = (await readFile(table, 'utf8').catch(() => '')).split('\n').slice(1);
    for (const row of rows) {
      const [, local, , state, , , , , , inode] = row.trim().split(/\s+/);
      if (state === '0A' && local?.endsWith(`:${hexPort}`)) inodes.add(inode);
    }
  }
  if (inodes.size === 0) return false;
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    if (inodes.has(target.replace(/^socket:\[(\d+)\]$/, '$1'))) return true;
  }
  return false;
}

export interface LiveApi {
  api: Proc;
  port: number;
  baseUrl: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The built api started on a free port and live. When another process took the port between asking
 * and listening, the api exits saying so, and it is started again on another port.
 */
export async function startLiveApi(envFor: (port: number) => NodeJS.ProcessEnv, attempts = 3): Promise<LiveApi> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = envFor(port);
    const api = startApi(env);
    try {
      await waitForLive(baseUrl, api);
      return { api, port, baseUrl, env };
    } catch (error) {
      await stopQuietly(api);
      if (attempt >= attempts || !api.lines.some((line) => line.includes('already in use'))) throw error;
    }
  }
}

/** JSON log lines of a process (pino), skipping anything that is not JSON. */
export function jsonLines(proc: Proc): Record<string, unknown>[] {
  return proc.lines.flatMap((line) => {
    try {
      const value: unknown = JSON.parse(line);
      return value && typeof value === 'object' ? [value as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}

export interface Readiness {
  status: number;
  contentType: string;
  body: { status?: string; detail?: string; checks?: Record<string, { ok: boolean; reason?: string }>; lastPing?: { id: string } | null };
}

export async function readiness(baseUrl: string): Promise<Readiness> {
  const res = await fetch(`${baseUrl}/api/v1/health/ready`);
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: (await res.json()) as Readiness['body'] };
}

export interface ServedPortal {
  db: TestDatabase;
  baseUrl: string;
  api: Proc;
  worker?: Proc;
  /** Starts the worker later (same database, Redis and queue prefix), e.g. to see work wait for it. */
  startWorker(): Proc;
  stop(): Promise<void>;
}

/** The built api serving the built portal from a freshly seeded database on a free port (and a worker if asked). */
export async function servePortal(options: { worker?: boolean } = {}): Promise<ServedPortal> {
  const db = await seededDatabase();
  const { api, baseUrl, env } = await startLiveApi((port) => appEnv(db.url, port, { LOG_LEVEL: 'warn' }));
  const served: ServedPortal = {
    db,
    baseUrl,
    api,
    worker: options.worker ? startWorker(env) : undefined,
    startWorker: () => (served.worker ??= startWorker(env)),
    stop: async () => {
      await Promise.all([stopQuietly(served.worker), stopQuietly(api)]);
      await db.drop();
    },
  };
  return served;
}
