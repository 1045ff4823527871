import 'reflect-metadata';
import { ConfigError, loadConfig } from '@baanrian/config';
import { createDataSource } from '@baanrian/db';
import { writeFileSync } from 'node:fs';
import { createAdminCommand } from './accounts/create-admin.command';
import { generateOpenApiJson } from './openapi';
import { seedDemo } from './seed/demo-seed';

/** Operator commands: `node dist/apps/api/cli.js <migrate|revert|seed|create-admin|openapi FILE>`. */
async function run(command: string | undefined, args: string[]): Promise<void> {
  const arg = args[0];
  if (command === 'openapi') {
    const json = await generateOpenApiJson();
    if (arg) writeFileSync(arg, json);
    else process.stdout.write(json);
    return;
  }
  const config = loadConfig();
  const db = await createDataSource({ url: config.database.url, applicationName: 'baanrian-cli' }).initialize();
  try {
    if (command === 'migrate') {
      const applied = await db.runMigrations({ transaction: 'each' });
      console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'Database is up to date');
    } else if (command === 'revert') {
      await db.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration');
    } else if (command === 'seed') {
      console.log(`Demo seed: ${await seedDemo(db)}`);
    } else if (command === 'create-admin') {
      console.log(await createAdminCommand(db, args));
    } else {
      throw new Error(`Unknown command "${command ?? ''}". Use migrate, revert, seed, create-admin or openapi [file].`);
    }
  } finally {
    await db.destroy();
  }
}

run(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
