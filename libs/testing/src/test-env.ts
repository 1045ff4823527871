import { type AppConfig, loadConfig, rawEnv } from '@baanrian/config';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/**
 * What `npm test` (tools/scripts/test.ts) started for this run: a PostgreSQL server holding a
 * migrated template database, and a Redis server. Tests never start or mock these themselves.
 */
export interface TestServers {
  pgAdminUrl: string;
  templateDatabase: string;
  redisUrl: string;
  repoRoot: string;
}

export function testServers(): TestServers {
  const pgAdminUrl = rawEnv('TEST_PG_ADMIN_URL');
  const redisUrl = rawEnv('TEST_REDIS_URL');
  if (!pgAdminUrl || !redisUrl) {
    throw new Error('Integration tests need the servers `npm test` starts: run them with `npm test`, not bare jest.');
  }
  return {
    pgAdminUrl,
    redisUrl,
    templateDatabase: rawEnv('TEST_PG_TEMPLATE') ?? 'baanrian_template',
    repoRoot: path.resolve(__dirname, '../../..'),
  };
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A private database for one test file: a copy of the migrated template (fast), or an empty one
 * (`migrated: false`) for tests of the migrations themselves.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const servers = testServers();
  const name = uniqueName('t');
  const admin = new Client({ connectionString: servers.pgAdminUrl });
  await admin.connect();
  try {
    const template = options.migrated === false ? 'template0' : servers.templateDatabase;
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: databaseUrl(servers.pgAdminUrl, name),
    drop: async () => {
      const client = new Client({ connectionString: servers.pgAdminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * One access-token signing key per test process, so that several APIs started by one test file
 * (e.g. two processes sharing Redis) accept each other's tokens, as a real deployment does.
 */
export const TEST_JWT_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** The application configuration for a test, with its own database and queue prefix. */
export function testConfig(databaseUrlValue: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrlValue,
    REDIS_URL: testServers().redisUrl,
    QUEUE_PREFIX: uniqueName('q'),
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_MS: '50',
    AUTH_JWT_PRIVATE_KEY: TEST_JWT_PRIVATE_KEY,
    PORTAL_DIST_DIR: path.join(testServers().repoRoot, 'dist/apps/portal'),
    // Uploaded media of a test go to a directory of their own, never into the repository's .data.
    MEDIA_DIR: path.join(os.tmpdir(), 'baanrian-test-media', uniqueName('m')),
    ...overrides,
  });
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
