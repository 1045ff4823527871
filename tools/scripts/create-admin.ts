import { childEnv, loadLauncherConfig, type RawEnv } from '@baanrian/config';
import { buildApps } from '@baanrian/dev-services';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run create-admin [-- --email … --name …]`: creates an administrator in the database of the
 * running `npm start` (found through DATA_DIR/services.json), or the one DATABASE_URL names.
 * On a server without the sources, run the built command directly:
 * `node dist/apps/api/cli.js create-admin`.
 */
async function main(): Promise<number> {
  const config = loadLauncherConfig();
  let env: RawEnv = {};
  if (!config.databaseUrl) {
    const file = path.join(config.dataDir, 'services.json');
    if (!existsSync(file)) {
      console.error('Baanrian is not running: start it with `npm start` first, or set DATABASE_URL and REDIS_URL.');
      return 1;
    }
    env = JSON.parse(readFileSync(file, 'utf8')) as RawEnv;
  }
  await buildApps(['api']);
  const child = spawn(process.execPath, ['dist/apps/api/cli.js', 'create-admin', ...process.argv.slice(2)], { env: childEnv(env), stdio: 'inherit' });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
