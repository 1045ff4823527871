import { freePort, startPostgres } from '@baanrian/dev-services';
import path from 'node:path';
import { option } from './db-target';

/**
 * `npm run db:serve -- --data-dir DIR [--port N]`: runs the embedded PostgreSQL on a data
 * directory, for example one restored with `npm run db:restore -- BACKUP --data-dir DIR`, to look
 * at a backup without touching `npm start`'s own data. Prints the URL (the embedded server's
 * fixed local password, as `npm run test:servers` does); Ctrl-C stops it. The restore drill
 * (apps/api/test/backup-restore.spec.ts) runs its servers with this.
 */
async function main(args: string[]): Promise<void> {
  const dataDir = option(args, '--data-dir');
  if (!dataDir) throw new Error('Usage: npm run db:serve -- --data-dir DIR [--port N]');
  const port = Number(option(args, '--port') ?? (await freePort()));
  const started = Date.now();
  const server = await startPostgres({ dataDir: path.resolve(dataDir), port, database: 'baanrian' });
  console.log(`[db:serve] PostgreSQL answers on port ${port} after ${Date.now() - started} ms (data in ${path.resolve(dataDir)})`);
  console.log(`export DATABASE_URL='${server.url}'`);
  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.stop();
  console.log('[db:serve] stopped');
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[db:serve] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
