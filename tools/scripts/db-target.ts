import type { LauncherConfig } from '@baanrian/config';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The database an operator command works on: DATABASE_URL when set, otherwise the one the running
 * `npm start` wrote to DATA_DIR/services.json (as `npm run create-admin` finds it).
 */
export function targetDatabaseUrl(config: LauncherConfig): string {
  if (config.databaseUrl) return config.databaseUrl;
  const file = path.join(config.dataDir, 'services.json');
  if (!existsSync(file)) {
    throw new Error('Baanrian\'s database is not running: start it with `npm start` first, or set DATABASE_URL to the database to use.');
  }
  return (JSON.parse(readFileSync(file, 'utf8')) as { DATABASE_URL: string }).DATABASE_URL;
}

/** `--name value` from argv, or undefined. */
export function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

/** A timestamp safe in file names on every system: 20261123T201502Z. */
export function fileStamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
