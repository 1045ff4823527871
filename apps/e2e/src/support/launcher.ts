import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, type Proc, signalGroup, spawnProcess } from './process';
import { repoRoot } from './stack';
import { accepts, processesMentioning } from './system';

/** A fresh, empty DATA_DIR path (not created: the launcher creates it when it starts servers). */
export function dataDirPath(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'baanrian-e2e-launcher-')), 'data');
}

/**
 * `npm start` exactly as the script runs it, with only the given settings (no DATABASE_URL or
 * REDIS_URL unless given, so it starts its own servers), in its own process group like a terminal job.
 */
export function launch(settings: Record<string, string>): Proc {
  return spawnProcess('launcher', path.join(repoRoot, 'node_modules/.bin/tsx'), ['--tsconfig', 'tools/tsconfig.json', 'tools/scripts/start.ts'], {
    cwd: repoRoot,
    env: cleanEnv(settings),
    detached: true,
  });
}

export const READY_LINE = /Baanrian is ready in ([\d.]+) s\./;

/** The ports the launcher said its PostgreSQL and Redis listen on. */
export function serverPorts(proc: Proc): { postgres: number; redis: number } {
  const port = (re: RegExp) => Number(proc.lines.map((line) => re.exec(line)?.[1]).find(Boolean));
  return { postgres: port(/PostgreSQL ready on port (\d+)/), redis: port(/Redis ready on port (\d+)/) };
}

/** What is still alive from a start: processes tied to its DATA_DIR, and which of its ports still accept connections. */
export async function leftovers(dataDir: string, ports: number[]): Promise<{ processes: string[]; openPorts: number[] }> {
  const open = await Promise.all(ports.map(async (port) => ((await accepts(port)) ? port : null)));
  return {
    processes: processesMentioning(dataDir).map((p) => `${p.pid} ${p.command.slice(0, 120)}`),
    openPorts: open.filter((port): port is number => port !== null),
  };
}

/** Test cleanup: kills the launcher's group and anything else still holding its DATA_DIR. */
export function killEverything(proc: Proc | undefined, dataDir: string): void {
  if (proc) signalGroup(proc, 'SIGKILL');
  for (const { pid } of processesMentioning(dataDir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
