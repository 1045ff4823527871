import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { which } from './system-packages';

/** A PostgreSQL client program found on this machine, with the major version it reports. */
export interface PgClientTool {
  path: string;
  major: number;
  version: string;
}

export type PgClientName = 'pg_dump' | 'pg_restore';

/**
 * Folders where distributions put versioned PostgreSQL clients side by side: Debian and Ubuntu
 * (/usr/lib/postgresql/N/bin, what `pg_dump` on PATH is a wrapper for), the PGDG RPMs,
 * Homebrew and Postgres.app. `pg_dump` refuses a server of a newer major than itself, so every
 * installed major must be seen, not only the one PATH happens to pick.
 */
function candidateDirs(): string[] {
  const families: [string, (entry: string) => string][] = [
    ['/usr/lib/postgresql', (e) => path.join('/usr/lib/postgresql', e, 'bin')],
    ['/usr', (e) => (e.startsWith('pgsql-') ? path.join('/usr', e, 'bin') : '')],
    ['/opt/homebrew/opt', (e) => (e.startsWith('postgresql') ? path.join('/opt/homebrew/opt', e, 'bin') : '')],
    ['/usr/local/opt', (e) => (e.startsWith('postgresql') ? path.join('/usr/local/opt', e, 'bin') : '')],
    ['/Applications/Postgres.app/Contents/Versions', (e) => path.join('/Applications/Postgres.app/Contents/Versions', e, 'bin')],
  ];
  return families.flatMap(([root, dirOf]) => (existsSync(root) ? readdirSync(root).map(dirOf).filter(Boolean) : []));
}

/** `pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)` → 15; null when it does not run. */
export function pgToolVersion(file: string): PgClientTool | null {
  const result = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /\(PostgreSQL\)\s+((\d+)(?:\.\d+)?\S*)/.exec(result.stdout ?? '');
  return result.status === 0 && match ? { path: file, major: Number(match[2]), version: match[1] } : null;
}

/**
 * Every copy of `name` found, newest major first. With `binDirs` (the `--pg-bin` option) only
 * those folders are searched, so an operator can point at exactly the client they installed.
 */
export function findPgTools(name: PgClientName, binDirs?: string[]): PgClientTool[] {
  const onPath = binDirs ? [] : [which(name)].filter((p): p is string => Boolean(p));
  const files = [...onPath, ...(binDirs ?? candidateDirs()).map((dir) => path.join(dir, name))].filter((file) => existsSync(file));
  const tools = [...new Set(files)].map(pgToolVersion).filter((t): t is PgClientTool => t !== null);
  return tools.sort((a, b) => b.major - a.major);
}

/** The newest `name` that can talk to a server of `serverMajor` (its own major or newer), if any. */
export function pickPgTool(tools: PgClientTool[], serverMajor: number): PgClientTool | null {
  return tools.find((t) => t.major >= serverMajor) ?? null;
}

/** The problem in plain words and what to install, for an operator with no matching client. */
export function missingPgToolMessage(name: PgClientName, serverMajor: number, seen: PgClientTool[]): string {
  const found = seen.length
    ? `Found only ${seen.map((t) => `${name} ${t.major} (${t.path})`).join(', ')}; ${name} refuses a server newer than itself.`
    : `No ${name} was found on this machine.`;
  return [
    `The database server is PostgreSQL ${serverMajor}, and ${name} ${serverMajor} or newer is needed to ${name === 'pg_dump' ? 'back it up' : 'restore into it'}.`,
    found,
    `Install the PostgreSQL ${serverMajor} client, for example "apt-get install postgresql-client-${serverMajor}" (Debian and Ubuntu:`,
    `from the PostgreSQL project's apt repository when your release does not have it), "dnf install postgresql${serverMajor}"`,
    `or "brew install postgresql@${serverMajor}", then run this again (or point --pg-bin at its bin folder).`,
    `With Docker Compose, run it inside the database container instead: docker compose exec -T postgres ${name} ... (docs/operations.md, "Backup and restore").`,
  ].join('\n');
}

/** A libpq URL without its password, for command lines and logs; the password goes in PGPASSWORD. */
export function splitPassword(databaseUrl: string): { url: string; password: string | undefined; display: string } {
  const url = new URL(databaseUrl);
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  url.password = '';
  return { url: url.toString(), password, display: `${url.hostname}:${url.port || 5432}${url.pathname}` };
}
