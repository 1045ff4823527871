import { type ChildProcess, spawn } from 'node:child_process';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A child process whose output is kept, line by line, for assertions and for failure messages. */
export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  lines: string[];
  exited: Promise<Exit>;
  /** Resolves with the first line (seen so far or later) matching; rejects on timeout or exit. */
  waitForLine(match: RegExp | ((line: string) => boolean), timeoutMs: number): Promise<string>;
  /** Resolves when the process exits, or rejects after `timeoutMs` (the process is left running). */
  waitForExit(timeoutMs: number): Promise<Exit>;
  /** The last lines of output, for error messages. */
  tail(count?: number): string;
}

export interface SpawnOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Own process group (as a shell's foreground job), so `signalGroup` reaches every descendant. */
  detached?: boolean;
}

// Variables the api, worker and launcher read: children get only what a test gives them.
const APP_VARIABLES = [
  'NODE_ENV', 'HOST', 'PORT', 'PUBLIC_URL', 'TRUST_PROXY', 'DATABASE_URL', 'DATABASE_POOL_SIZE', 'REDIS_URL',
  'QUEUE_PREFIX', 'APP_SECRET', 'LOG_LEVEL', 'PORTAL_DIST_DIR', 'WORKER_CONCURRENCY', 'OUTBOX_POLL_MS', 'DATA_DIR',
  'AUTH_JWT_PRIVATE_KEY', 'AUTH_HASH_CONCURRENCY', 'AUTH_REFRESH_TTL_DAYS',
];

/** This process's environment (PATH, HOME…) without any app setting or test-runner variable, plus `overrides`. */
export function cleanEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (APP_VARIABLES.includes(name) || name.startsWith('TEST_') || name.startsWith('JEST_')) delete env[name];
  }
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export function spawnProcess(name: string, command: string, args: string[], options: SpawnOptions): Proc {
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, detached: options.detached, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.on('data', (chunk: Buffer) => {
      const parts = (pending + chunk.toString()).split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        listeners.forEach((listener) => listener(line));
      }
    });
  }
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });
  const tail = (count = 40) => lines.slice(-count).join('\n');

  const waitForLine = (match: RegExp | ((line: string) => boolean), timeoutMs: number) => {
    const test = typeof match === 'function' ? match : (line: string) => match.test(line);
    const seen = lines.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const done = (error: Error | null, line?: string) => {
        clearTimeout(timer);
        listeners.delete(listener);
        if (error) reject(error);
        else resolve(line as string);
      };
      const listener = (line: string) => test(line) && done(null, line);
      const timer = setTimeout(() => done(new Error(`${name}: no line matching ${String(match)} within ${timeoutMs} ms. Output:\n${tail()}`)), timeoutMs);
      listeners.add(listener);
      void exited.then((e) => setTimeout(() => done(new Error(`${name} exited (${e.signal ?? e.code}) before printing ${String(match)}. Output:\n${tail()}`)), 50));
    });
  };

  const waitForExit = (timeoutMs: number) =>
    Promise.race([
      exited,
      new Promise<Exit>((_, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name} still running after ${timeoutMs} ms. Output:\n${tail()}`)), timeoutMs);
        void exited.then(() => clearTimeout(timer));
      }),
    ]);

  return { name, child, pid: child.pid ?? -1, lines, exited, waitForLine, waitForExit, tail };
}

export function isRunning(proc: Proc): boolean {
  return proc.child.exitCode === null && proc.child.signalCode === null;
}

/** Sends `signal` to the process's whole group, as a terminal does on Ctrl-C. Needs `detached: true`. */
export function signalGroup(proc: Proc, signal: NodeJS.Signals): void {
  try {
    process.kill(-proc.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Cleanup for afterAll: SIGTERM, then SIGKILL (to the group when detached) if it lingers. */
export async function stopQuietly(proc: Proc | undefined, graceMs = 10_000, group = false): Promise<void> {
  if (!proc) return;
  const kill = (signal: NodeJS.Signals) => (group ? signalGroup(proc, signal) : isRunning(proc) && proc.child.kill(signal));
  if (isRunning(proc)) {
    kill('SIGTERM');
    await proc.waitForExit(graceMs).catch(() => kill('SIGKILL'));
  }
  if (group) signalGroup(proc, 'SIGKILL');
}
