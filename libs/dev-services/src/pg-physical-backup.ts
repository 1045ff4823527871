import { chmodSync, chownSync, closeSync, copyFileSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, type Stats, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * A physical ("base") backup of a PostgreSQL server whose data directory is on this machine,
 * taken while it runs with the low-level API (pg_backup_start / pg_backup_stop), for servers no
 * installed pg_dump can talk to: `npm start`'s embedded PostgreSQL 18 on a Debian whose client is 15.
 *
 * Layout: `<backup>/backup.json` (what and when) and `<backup>/data/`, a data directory with a
 * `backup_label` and the WAL the copy needs. Started by the same PostgreSQL major, it replays
 * that WAL to a consistent state, like the output of `pg_basebackup -X stream`.
 */
export interface PhysicalBackupInfo {
  kind: 'physical';
  serverVersion: string;
  serverMajor: number;
  systemIdentifier: string;
  startLsn: string;
  stopLsn: string;
  startedAt: string;
  finishedAt: string;
  bytes: number;
}

export const BACKUP_INFO_FILE = 'backup.json';

/** Contents PostgreSQL recreates or must not see in a copy (documentation, "Backing Up the Data Directory"). */
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'backup_label.old', 'tablespace_map', 'backup_manifest', 'pg_internal.init']);
const EMPTY_DIRS = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);

/** The cluster's identity as stored in global/pg_control (first 8 bytes, little-endian). */
function localSystemIdentifier(dataDir: string): string {
  const fd = openSync(path.join(dataDir, 'global', 'pg_control'), 'r');
  try {
    const bytes = Buffer.alloc(8);
    readSync(fd, bytes, 0, 8, 0);
    return bytes.readBigUInt64LE(0).toString();
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies a tree that changes under us. A file dropped meanwhile (a table rewritten) is simply
 * absent from the copy: WAL replay recreates what the backup needs. Torn pages are fine too:
 * during a backup PostgreSQL writes full pages to WAL. Ownership follows the source when we are
 * root, so the server (running as `postgres`) can open the restored files.
 */
export function copyTree(from: string, to: string, skip: (rel: string, isDir: boolean) => 'copy' | 'skip' | 'empty' = () => 'copy', rel = ''): number {
  const source = path.join(from, rel);
  const stat = statSync(source);
  const target = path.join(to, rel);
  mkdirSync(target, { recursive: true, mode: stat.mode & 0o777 });
  chmodSync(target, stat.mode & 0o777);
  if (process.getuid?.() === 0) chownSync(target, stat.uid, stat.gid);
  let bytes = 0;
  for (const name of readdirSync(source)) {
    const child = path.join(rel, name);
    let entry: Stats;
    try {
      entry = lstatSync(path.join(from, child));
    } catch {
      continue; // gone since readdir
    }
    const what = skip(child, entry.isDirectory());
    if (what === 'skip' || name.startsWith('pgsql_tmp')) continue;
    if (entry.isDirectory()) {
      if (what === 'empty') {
        mkdirSync(path.join(to, child), { mode: entry.mode & 0o777 });
        if (process.getuid?.() === 0) chownSync(path.join(to, child), entry.uid, entry.gid);
      } else bytes += copyTree(from, to, skip, child);
    } else if (entry.isFile()) {
      try {
        copyFileSync(path.join(from, child), path.join(to, child));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      if (process.getuid?.() === 0) chownSync(path.join(to, child), entry.uid, entry.gid);
      bytes += entry.size;
    }
  }
  return bytes;
}

function dataSkip(rel: string, isDir: boolean): 'copy' | 'skip' | 'empty' {
  if (isDir) return EMPTY_DIRS.has(rel) ? 'empty' : 'copy';
  return SKIP_FILES.has(path.basename(rel)) ? 'skip' : 'copy';
}

/**
 * WAL segment files from the backup's first to the one being written now (same timeline), and
 * timeline history files. Later names are recycled segments holding old WAL: not needed.
 */
function walNeeded(name: string, first: string, last: string): boolean {
  if (/^[0-9A-F]{8}\.history$/.test(name)) return true;
  return /^[0-9A-F]{24}$/.test(name) && name.slice(0, 8) === first.slice(0, 8) && name >= first && name <= last;
}

export async function physicalBackup(databaseUrl: string, backupDir: string, label = 'baanrian'): Promise<PhysicalBackupInfo> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'baanrian-backup' });
  await client.connect();
  try {
    const [{ data_directory: dataDir, version, major, system_identifier: systemIdentifier }] = (
      await client.query(
        `SELECT current_setting('data_directory') AS data_directory, current_setting('server_version') AS version,
                current_setting('server_version_num')::int / 10000 AS major, (SELECT system_identifier::text FROM pg_control_system()) AS system_identifier`,
      )
    ).rows;
    // The same path could exist on this machine for another cluster (or an old copy): compare identities.
    if (!existsSync(path.join(dataDir, 'global', 'pg_control')) || localSystemIdentifier(dataDir) !== systemIdentifier) {
      throw new Error(`The server's data directory (${dataDir}) is not on this machine, so it cannot be copied from here.`);
    }
    if (readdirSync(path.join(dataDir, 'pg_tblspc')).length > 0) throw new Error('The server has tablespaces outside its data directory; this backup does not copy them.');
    if (existsSync(path.join(backupDir, 'data'))) throw new Error(`${backupDir} already holds a backup.`);
    const startedAt = new Date().toISOString();
    // A temporary slot keeps every WAL segment from here on until this session ends, so a
    // checkpoint during a long copy cannot recycle WAL the backup needs.
    await client.query(`SELECT pg_create_physical_replication_slot($1, true, true)`, [`baanrian_backup_${process.pid}`]);
    const start = await client.query(`SELECT pg_backup_start($1, true) AS lsn`, [`${label} ${startedAt}`]);
    const target = path.join(backupDir, 'data');
    let bytes = copyTree(dataDir, target, dataSkip);
    const stop = (await client.query(`SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)`)).rows[0] as { lsn: string; labelfile: string; spcmapfile: string };
    // Copied last: it must reach at least the backup's end record, written by pg_backup_stop.
    const firstSegment = /\(file ([0-9A-F]{24})\)/.exec(stop.labelfile)?.[1];
    if (!firstSegment) throw new Error('pg_backup_stop returned a backup label without a WAL file name');
    const last = String((await client.query(`SELECT pg_walfile_name(pg_current_wal_insert_lsn()) AS last`)).rows[0].last);
    const inWal = (rel: string, isDir: boolean) => rel.startsWith(`pg_wal${path.sep}`) && !isDir && walNeeded(path.basename(rel), firstSegment, last);
    bytes += copyTree(dataDir, target, (rel, isDir) => (rel === 'pg_wal' || inWal(rel, isDir) ? 'copy' : 'skip'));
    writeLikeData(path.join(target, 'backup_label'), stop.labelfile, target);
    if (stop.spcmapfile) writeLikeData(path.join(target, 'tablespace_map'), stop.spcmapfile, target);
    const info: PhysicalBackupInfo = {
      kind: 'physical',
      serverVersion: version,
      serverMajor: Number(major),
      systemIdentifier,
      startLsn: String(start.rows[0].lsn),
      stopLsn: stop.lsn,
      startedAt,
      finishedAt: new Date().toISOString(),
      bytes,
    };
    writeFileSync(path.join(backupDir, BACKUP_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
    return info;
  } finally {
    // Ends the session: a backup still open is aborted and the temporary slot is dropped.
    await client.end();
  }
}

function writeLikeData(file: string, content: string, dataDir: string): void {
  writeFileSync(file, content, { mode: 0o600 });
  const owner = statSync(dataDir);
  if (process.getuid?.() === 0) chownSync(file, owner.uid, owner.gid);
}

export function readBackupInfo(backupDir: string): PhysicalBackupInfo | null {
  const file = path.join(backupDir, BACKUP_INFO_FILE);
  if (!existsSync(file) || !existsSync(path.join(backupDir, 'data', 'PG_VERSION'))) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as PhysicalBackupInfo;
}

/** Whether a PostgreSQL server is running on `dataDir` (its postmaster.pid names a live process). */
export function serverRunningOn(dataDir: string): boolean {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Puts a physical backup in place as `dataDir`. Nothing is deleted: an existing directory is
 * moved aside to `<dataDir>.before-restore-<time>` and its path returned. The next start of
 * PostgreSQL (the same major) replays the backup's WAL, then answers.
 */
export function restorePhysicalBackup(backupDir: string, dataDir: string, serverMajor: number): { movedAside: string | null; bytes: number } {
  const info = readBackupInfo(backupDir);
  if (!info) throw new Error(`${backupDir} is not a physical backup: it has no ${BACKUP_INFO_FILE} and data/PG_VERSION.`);
  const dataMajor = Number(readFileSync(path.join(backupDir, 'data', 'PG_VERSION'), 'utf8').trim());
  if (dataMajor !== serverMajor) {
    throw new Error(`The backup is a PostgreSQL ${dataMajor} data directory and this machine runs PostgreSQL ${serverMajor}: a physical backup restores only into the same major version. Restore it with PostgreSQL ${dataMajor}, then move the data with pg_dump.`);
  }
  if (serverRunningOn(dataDir)) throw new Error(`PostgreSQL is running on ${dataDir}: stop it first (Ctrl-C in the terminal running npm start).`);
  let movedAside: string | null = null;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    movedAside = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dataDir, movedAside); // same parent folder: a rename, nothing half-moved
  }
  const bytes = copyTree(path.join(backupDir, 'data'), dataDir);
  chmodSync(dataDir, 0o700); // PostgreSQL refuses a data directory others can read
  return { movedAside, bytes };
}
