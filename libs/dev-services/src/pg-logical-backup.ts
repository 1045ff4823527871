import pg from 'pg';
import { run } from './processes';
import { type PgClientTool, splitPassword } from './pg-client-tools';

/**
 * The portable route: `pg_dump` in custom format (compressed, one consistent snapshot taken
 * while the system runs, restorable into any newer PostgreSQL), and `pg_restore`. The password
 * travels in PGPASSWORD, never on a command line another user could read with `ps`, nor in logs.
 */
async function runClient(tool: PgClientTool, args: string[], databaseUrl: string): Promise<string> {
  const { password } = splitPassword(databaseUrl);
  const result = await run(tool.path, args, { env: { PGPASSWORD: password, PGAPPNAME: 'baanrian-backup' } });
  if (result.code !== 0) throw new Error(`${tool.path} failed (exit ${result.code}):\n${result.output.slice(-2000)}`);
  return result.output;
}

/** The server's version, e.g. { major: 18, version: '18.1' }. */
export async function serverVersion(databaseUrl: string): Promise<{ major: number; version: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT current_setting('server_version_num')::int / 10000 AS major, current_setting('server_version') AS version`);
    return { major: Number(rows[0].major), version: String(rows[0].version) };
  } finally {
    await client.end();
  }
}

/** Dumps the database to `file`, then reads the archive's table of contents back: a dump that cannot be listed is not a backup. */
export async function logicalBackup(pgDump: PgClientTool, pgRestore: PgClientTool | null, databaseUrl: string, file: string): Promise<{ entries: number | null }> {
  const { url } = splitPassword(databaseUrl);
  await runClient(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`], databaseUrl);
  if (!pgRestore) return { entries: null };
  const listing = await runClient(pgRestore, ['--list', file], databaseUrl);
  return { entries: listing.split('\n').filter((line) => /^\d+;/.test(line)).length };
}

/** Tables in the target's public schema: a restore goes into an empty database only, so nothing is mixed. */
export async function tableCount(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query(`SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n);
  } finally {
    await client.end();
  }
}

export async function logicalRestore(pgRestore: PgClientTool, databaseUrl: string, file: string): Promise<void> {
  const { url } = splitPassword(databaseUrl);
  await runClient(pgRestore, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${url}`, file], databaseUrl);
}
