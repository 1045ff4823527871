import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';

export interface RunningRedis {
  url: string;
  port: number;
  /** The server's process id, for fault tests that kill it (SIGKILL) instead of stopping it. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a private `redis-server`, bound to loopback, with the eviction policy BullMQ needs.
 * With `dataDir` it keeps an append-only file there, so queued jobs survive a restart.
 */
export async function startRedis(options: { port: number; dataDir?: string }): Promise<RunningRedis> {
  const args = ['--port', String(options.port), '--bind', '127.0.0.1', '--maxmemory-policy', 'noeviction', '--save', ''];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    stopStaleServer(path.join(options.dataDir, 'redis.pid'));
    args.push('--dir', options.dataDir, '--appendonly', 'yes', '--pidfile', path.join(options.dataDir, 'redis.pid'));
  } else {
    args.push('--appendonly', 'no');
  }
  // Its own process group: a Ctrl-C in the terminal must not stop Redis before the apps that use it
  // have finished their jobs; whoever started it stops it last.
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `redis://127.0.0.1:${options.port}`;
  await waitForRedis(url, exited, () => output);
  return {
    url,
    port: options.port,
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A launcher killed with SIGKILL leaves its Redis behind; it would hold the data dir's AOF files. */
function stopStaleServer(pidFile: string): void {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.startsWith('redis-server')) process.kill(pid, 'SIGTERM');
  } catch {
    // No pid file, or the process is gone: nothing to stop.
  }
  rmSync(pidFile, { force: true });
}

async function waitForRedis(url: string, exited: Promise<number | null>, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let dead = false;
  void exited.then(() => (dead = true));
  while (Date.now() < deadline) {
    if (dead) throw new Error(`redis-server exited during start:\n${output().slice(-2000)}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      client.disconnect();
    }
  }
  throw new Error(`redis-server did not answer on ${url} within 10 s:\n${output().slice(-2000)}`);
}
