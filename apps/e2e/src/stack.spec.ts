import { type TestDatabase, eventually } from '@baanrian/testing';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { Client } from 'pg';
import { isRunning, type Proc, stopQuietly } from './support/process';
import { appEnv, jsonLines, readiness, seededDatabase, startApi, startLiveApi, startWorker } from './support/stack';
import { accepts } from './support/system';

/**
 * The built api and worker (dist/), as separate processes against their own seeded database, as an
 * operator runs them. The tests share one stack and run in order: the last ones stop it.
 */
jest.setTimeout(60_000);

let db: TestDatabase;
let api: Proc;
let worker: Proc | undefined;
let port: number;
let env: NodeJS.ProcessEnv;
let baseUrl: string;
/** Requesting a ping is for administrators: the demo seed's (public demo password). */
let adminAuth: Record<string, string>;

/** Exited by itself after cleaning up, with code 0 (not by a re-raised signal). */
const cleanExit = (exit: { code: number | null; signal: string | null }) => exit.code === 0 && exit.signal === null;

async function heartbeatRows(): Promise<number> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return Number((await client.query('SELECT count(*) AS n FROM worker_heartbeat')).rows[0].n);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  db = await seededDatabase();
  ({ api, port, baseUrl, env } = await startLiveApi((free) => appEnv(db.url, free)));
  const signIn = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'admin@demo.baanrian.test', password: 'demo-admin-2567' }),
  });
  adminAuth = { Authorization: `Bearer ${((await signIn.json()) as { accessToken: string }).accessToken}` };
});

afterAll(async () => {
  await Promise.all([stopQuietly(worker), stopQuietly(api)]);
  await db?.drop();
});

it('reports not ready, naming the worker, until a worker runs; then ready', async () => {
  const before = await readiness(baseUrl);
  expect(before.status).toBe(503);
  expect(before.contentType).toContain('application/problem+json');
  expect(before.body.detail).toMatch(/worker/);
  expect(before.body.checks).toMatchObject({ database: { ok: true }, redis: { ok: true }, worker: { ok: false } });

  worker = startWorker(env);
  const ready = await eventually(async () => {
    const r = await readiness(baseUrl);
    return r.status === 200 ? r : undefined;
  }, 30_000, `readiness 200 (worker output:\n${worker.tail()})`);
  expect(ready.body).toMatchObject({ status: 'ready', checks: { database: { ok: true }, redis: { ok: true }, worker: { ok: true } } });
});

it('carries a ping from the API through outbox, relay and queue to the worker, with the caller’s request id', async () => {
  const requestId = `e2e-${randomBytes(6).toString('hex')}`;
  const res = await fetch(`${baseUrl}/api/v1/system/pings`, { method: 'POST', headers: { 'X-Request-Id': requestId, ...adminAuth } });
  expect(res.status).toBe(202);
  expect(res.headers.get('x-request-id')).toBe(requestId);
  const ping = (await res.json()) as { id: string; requestedAt: string; completedAt: string | null };
  expect(ping).toMatchObject({ id: expect.any(String), requestedAt: expect.any(String), completedAt: null });

  const done = await eventually(async () => {
    const body = (await (await fetch(`${baseUrl}/api/v1/system/pings/${ping.id}`)).json()) as { completedAt: string | null };
    return body.completedAt ? body : undefined;
  }, 20_000, 'the worker to complete the ping');
  expect(new Date(done.completedAt as string).getTime()).toBeGreaterThanOrEqual(new Date(ping.requestedAt).getTime());

  const ready = await readiness(baseUrl);
  expect(ready.status).toBe(200);
  expect(ready.body.lastPing).toMatchObject({ id: ping.id, completedAt: done.completedAt });

  const line = await eventually(async () => jsonLines(worker as Proc).find((l) => l.requestId === requestId), 5_000, 'the worker log line');
  expect(line).toMatchObject({ msg: 'system.ping completed', pingId: ping.id, context: 'SystemPingJob', eventId: expect.any(String) });
});

it('publishes its OpenAPI document and the Swagger UI', async () => {
  const json = await fetch(`${baseUrl}/api/docs-json`);
  expect(json.status).toBe(200);
  const doc = (await json.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toMatch(/^3\./);
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/catalog', '/api/v1/health/ready', '/api/v1/system/pings']));

  const ui = await fetch(`${baseUrl}/api/docs`);
  expect(ui.status).toBe(200);
  expect(ui.headers.get('content-type')).toContain('text/html');
  expect(await ui.text()).toMatch(/swagger-ui/i);
});

it('refuses to start on a port already in use, or with a malformed variable, in one line and exit code 1', async () => {
  const second = startApi(env); // the same PORT as the running api
  expect(await second.waitForExit(30_000)).toEqual({ code: 1, signal: null });
  expect(second.lines).toContain(
    `Invalid configuration: PORT ${port} is already in use on 127.0.0.1: stop the other program or choose another PORT`,
  );
  const broken = startApi({ ...env, DATABASE_URL: 'mysql://db/x' });
  expect(await broken.waitForExit(30_000)).toEqual({ code: 1, signal: null });
  expect(broken.lines).toEqual(['Invalid configuration: DATABASE_URL must be a URL like postgres://user:password@host:5432/baanrian']);
});

it('stops the worker on SIGTERM: it exits cleanly, removes its heartbeat, and readiness names the worker again', async () => {
  const w = worker as Proc;
  expect(await heartbeatRows()).toBe(1);
  w.child.kill('SIGTERM');
  const exit = await w.waitForExit(10_000);
  expect({ ...exit, clean: cleanExit(exit) }).toMatchObject({ clean: true });
  expect(await heartbeatRows()).toBe(0);

  const after = await readiness(baseUrl);
  expect(after.status).toBe(503);
  expect(after.body.detail).toMatch(/worker/);
});

it('stops the api on SIGTERM: it finishes the request in flight, stops accepting, and exits cleanly', async () => {
  // A request whose body is still arriving when SIGTERM comes: it must still be answered.
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${baseUrl}/api/v1/system/pings`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': '2', ...adminAuth } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.write('{');
    setTimeout(() => req.end('}'), 1_500);
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  api.child.kill('SIGTERM');
  await eventually(async () => ((await accepts(port)) ? undefined : true), 1_000, 'the api to stop accepting new connections');
  expect(isRunning(api)).toBe(true); // still draining

  const answered = await response;
  expect(answered.status).toBe(202);
  expect(JSON.parse(answered.body)).toMatchObject({ id: expect.any(String) });
  // Drained keep-alive connections are closed at once, so the exit follows the last answer closely.
  const exit = await api.waitForExit(2_000);
  expect({ ...exit, clean: cleanExit(exit) }).toMatchObject({ clean: true });
  expect(await accepts(port)).toBe(false);
});
