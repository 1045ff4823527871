import { createDataSource, isDependencyUnavailable } from '@baanrian/db';
import { createTestDatabase, eventually, type TestDatabase, testServers } from '@baanrian/testing';
import { Redis } from 'ioredis';
import net from 'node:net';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Which errors the problem filter answers 503 (PostgreSQL or Redis out of reach) instead of 500.
 * Each error here is produced for real by the drivers; the whole outage, with processes, is
 * proved by the fault suite (tools/faults/fault.stack.spec.ts).
 */
let database: TestDatabase;
let db: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url, applicationName: 'dependency-unavailable-spec' }).initialize();
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** A port nothing listens on (taken and released at once). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const caught = (promise: Promise<unknown>) => promise.then(() => new Error('did not fail'), (error: unknown) => error);

describe('dependency unavailable', () => {
  it('recognises PostgreSQL refusing connections (stopped)', async () => {
    const client = new Client({ host: '127.0.0.1', port: await closedPort(), user: 'x', database: 'x' });
    expect(isDependencyUnavailable(await caught(client.connect()))).toBe(true);
  });

  it('recognises a connection PostgreSQL ended (shut down or restarted), through TypeORM', async () => {
    // A data source of its own: the terminated connection must not be handed to the other tests.
    const own = await createDataSource({ url: database.url, applicationName: 'dependency-unavailable-terminated' }).initialize();
    const runner = own.createQueryRunner();
    await runner.connect();
    try {
      const [{ pid }] = await runner.query('SELECT pg_backend_pid() AS pid');
      // A query in flight when the server ends the connection: what a request sees during a restart.
      const inFlight = caught(runner.query('SELECT pg_sleep(10)'));
      await eventually(async () => ((await db.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND query LIKE 'SELECT pg_sleep%'`, [pid])).length ? true : undefined), 10_000, 'the query to run');
      await db.query('SELECT pg_terminate_backend($1)', [pid]);
      expect(isDependencyUnavailable(await inFlight)).toBe(true);
    } finally {
      await runner.release().catch(() => undefined);
      await own.destroy().catch(() => undefined);
    }
  });

  it('recognises Redis out of reach, as the API configures its client', async () => {
    const redis = new Redis({ host: '127.0.0.1', port: await closedPort(), lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => null });
    redis.on('error', () => undefined);
    await redis.connect().catch(() => undefined);
    expect(isDependencyUnavailable(await caught(redis.get('k')))).toBe(true);
    redis.disconnect();
  });

  it('leaves real faults alone: SQL errors, constraint violations and bugs stay 500', async () => {
    expect(isDependencyUnavailable(await caught(db.query('SELEC 1')))).toBe(false);
    expect(isDependencyUnavailable(await caught(db.query(`SELECT 1 / 0`)))).toBe(false);
    expect(isDependencyUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    // A healthy Redis answering a wrong command is not an outage either.
    const redis = new Redis(testServers().redisUrl);
    try {
      expect(isDependencyUnavailable(await caught(redis.call('NO-SUCH-COMMAND')))).toBe(false);
    } finally {
      redis.disconnect();
    }
  });
});
