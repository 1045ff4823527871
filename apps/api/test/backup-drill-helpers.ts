import { childEnv } from '@baanrian/config';
import { run, type RunResult } from '@baanrian/dev-services';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';

export const repoRoot = path.resolve(__dirname, '../../..');
const TSX = path.join(repoRoot, 'node_modules/.bin/tsx');

/** An operator command (`npm run db:backup` and friends) exactly as package.json runs it. */
export function runDbScript(name: 'db-backup' | 'db-restore', args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return run(TSX, ['--tsconfig', 'tools/tsconfig.json', `tools/scripts/${name}.ts`, ...args], { env, cwd: repoRoot });
}

export interface ServedPostgres {
  url: string;
  /** Milliseconds from spawning until PostgreSQL accepted connections (includes WAL replay after a restore). */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * PostgreSQL on a data directory through `npm run db:serve`, in a child process: the embedded
 * server's package is ESM-only and cannot be loaded inside jest.
 */
export function servePostgres(dataDir: string, timeoutMs = 120_000): Promise<ServedPostgres> {
  const started = Date.now();
  const child = spawn(TSX, ['--tsconfig', 'tools/tsconfig.json', 'tools/scripts/db-serve.ts', '--data-dir', dataDir], { cwd: repoRoot, env: childEnv({}), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`db:serve not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGINT');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /export DATABASE_URL='([^']+)'/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve({
        url,
        startMs: Date.now() - started,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGINT');
          await exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`db:serve exited (${code}):\n${output}`)));
  });
}

export interface DatabaseSnapshot {
  /** Per table: row count and an md5 over every row's text, in a stable order. */
  tables: Record<string, { rows: number; digest: string }>;
  sequences: Record<string, string | null>;
}

/** Every table's content and every sequence's position: equal snapshots mean an identical database. */
export async function snapshotDatabase(url: string, exclude: string[] = []): Promise<DatabaseSnapshot> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const names: string[] = (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows
      .map((r) => r.tablename as string)
      .filter((name) => !exclude.includes(name));
    const tables: DatabaseSnapshot['tables'] = {};
    for (const name of names) {
      const { rows } = await client.query(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM public."${name}" t`);
      tables[name] = rows[0];
    }
    const sequences = Object.fromEntries(
      (await client.query(`SELECT sequencename, last_value::text FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => [r.sequencename, r.last_value]),
    );
    return { tables, sequences };
  } finally {
    await client.end();
  }
}

/**
 * Commits numbered rows one by one until stopped, so a backup is taken under writes. A backup
 * that is consistent holds exactly the rows 1..k for some k: no gap, none half-written.
 */
export async function startTicking(url: string): Promise<{ stop(): Promise<number> }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE drill_tick (n int PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())');
  let n = 0;
  let running = true;
  const loop = (async () => {
    while (running) await client.query('INSERT INTO drill_tick (n) VALUES ($1)', [++n]);
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await client.end();
      return n;
    },
  };
}

export async function countTicks(url: string): Promise<{ count: number; max: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS count, coalesce(max(n), 0)::int AS max FROM drill_tick');
    return rows[0];
  } finally {
    await client.end();
  }
}
