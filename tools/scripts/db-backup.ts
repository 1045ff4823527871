import { loadLauncherConfig } from '@baanrian/config';
import { findPgTools, logicalBackup, missingPgToolMessage, physicalBackup, pickPgTool, serverVersion, splitPassword } from '@baanrian/dev-services';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileStamp, option, targetDatabaseUrl } from './db-target';

/**
 * `npm run db:backup [-- --out DIR] [--logical | --physical] [--pg-bin DIR]`
 *
 * Backs up Baanrian's database (DATABASE_URL, or the running `npm start`'s) into DIR
 * (default DATA_DIR/backups). With a pg_dump of the server's major version or newer: a
 * `pg_dump` custom-format file, the portable route. Without one, when the server's data
 * directory is on this machine (`npm start`'s embedded PostgreSQL): a physical backup taken
 * while it runs, restorable only into the same major. `--logical` / `--physical` force a route.
 * See docs/operations.md, "Backup and restore".
 */
const say = (line: string) => console.log(`[db:backup] ${line}`);

async function main(args: string[]): Promise<number> {
  const config = loadLauncherConfig();
  const databaseUrl = targetDatabaseUrl(config);
  const outDir = path.resolve(option(args, '--out') ?? path.join(config.dataDir, 'backups'));
  const pgBin = option(args, '--pg-bin');
  const server = await serverVersion(databaseUrl);
  say(`PostgreSQL ${server.version} at ${splitPassword(databaseUrl).display}`);
  mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  const pgDump = pickPgTool(findPgTools('pg_dump', pgBin ? [pgBin] : undefined), server.major);
  const useLogical = args.includes('--logical') || (!args.includes('--physical') && pgDump !== null);
  if (useLogical) {
    if (!pgDump) {
      console.error(missingPgToolMessage('pg_dump', server.major, findPgTools('pg_dump', pgBin ? [pgBin] : undefined)));
      return 1;
    }
    const file = path.join(outDir, `baanrian-${fileStamp()}.dump`);
    const pgRestore = pickPgTool(findPgTools('pg_restore', [path.dirname(pgDump.path)]), server.major);
    const { entries } = await logicalBackup(pgDump, pgRestore, databaseUrl, file);
    say(`pg_dump ${pgDump.version}: ${(statSync(file).size / 1e6).toFixed(1)} MB${entries === null ? '' : `, ${entries} archive entries listed back`}, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`Backup written: ${file}`);
    return 0;
  }
  if (!args.includes('--physical')) say(`no pg_dump ${server.major} or newer here: taking a physical backup of the server's data directory instead`);
  const dir = path.join(outDir, `baanrian-${fileStamp()}.pg${server.major}`);
  try {
    const info = await physicalBackup(databaseUrl, dir);
    say(`physical backup, WAL ${info.startLsn} to ${info.stopLsn}: ${(info.bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s; it restores into PostgreSQL ${info.serverMajor} only (npm run db:restore)`);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true }); // a half copy is not a backup
    console.error(`${(error as Error).message}\n${missingPgToolMessage('pg_dump', server.major, findPgTools('pg_dump', pgBin ? [pgBin] : undefined))}`);
    return 1;
  }
  console.log(`Backup written: ${dir}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[db:backup] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
