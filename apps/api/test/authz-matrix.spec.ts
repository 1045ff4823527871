import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { useTestApi } from './api-app';
import { bearer, PASSWORD, signIn, signUp, uniqueEmail } from './accounts-helpers';

/**
 * The authorisation matrix: every operation of the OpenAPI document × every kind of caller ×
 * (for operations on a user id) the caller's own id versus another user's. The expected status
 * of each cell is declared below; an operation missing from the table fails the first test, so
 * a new endpoint cannot escape review.
 */
const api = useTestApi();
const http = api.http;

const CALLERS = ['anonymous', 'learner', 'instructor', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
type Target = 'own' | 'other';
type PerCaller = Record<Caller, number>;

interface Context {
  ids: Record<Exclude<Caller, 'anonymous'> | 'other', string>;
  signInEmail: string;
}

interface Entry {
  /** Same status whichever user id is in the path (or there is none). */
  expect?: PerCaller;
  /** For paths with a user {id}: the status on the caller's own id and on another user's. */
  byTarget?: Record<Caller, Record<Target, number>>;
  /** Path parameters other than a user id. */
  params?: Record<string, string>;
  body?: (ctx: Context) => object;
  before?: () => Promise<unknown>;
}

const all = (status: number): PerCaller => ({ anonymous: status, learner: status, instructor: status, admin: status });
const signedIn = (status: number): PerCaller => ({ anonymous: 401, learner: status, instructor: status, admin: status });
const adminOnly = (status: number): PerCaller => ({ anonymous: 401, learner: 403, instructor: 403, admin: status });
const adminOnlyByTarget = (own: number, other: number) => ({
  anonymous: { own: 401, other: 401 },
  learner: { own: 403, other: 403 },
  instructor: { own: 403, other: 403 },
  admin: { own, other },
});

const MATRIX: Record<string, Entry> = {
  'GET /api/v1/health/live': { expect: all(200) },
  'GET /api/v1/health/ready': { expect: all(200), before: () => api.db().query(`INSERT INTO worker_heartbeat VALUES ('matrix', now(), now()) ON CONFLICT (worker_id) DO UPDATE SET last_seen_at = now()`) },
  'POST /api/v1/system/pings': { expect: all(202) },
  'GET /api/v1/system/pings/{id}': { expect: all(404), params: { id: randomUUID() } },
  'GET /api/v1/courses': { expect: all(200) },
  'POST /api/v1/auth/sign-up': {
    expect: all(201),
    body: () => ({ email: uniqueEmail('matrix'), password: PASSWORD, displayName: 'Matrix', preferredLocale: 'en' }),
  },
  'POST /api/v1/auth/sign-in': { expect: all(200), body: (ctx) => ({ login: ctx.signInEmail, password: PASSWORD }) },
  // Cookie-based: without the refresh cookie nobody is refreshed, and signing out is harmless.
  'POST /api/v1/auth/refresh': { expect: all(401) },
  'POST /api/v1/auth/sign-out': { expect: all(204) },
  'GET /api/v1/setup': { expect: all(200) },
  'POST /api/v1/setup/admin': {
    expect: all(409),
    body: () => ({ email: uniqueEmail('late-admin'), password: PASSWORD, displayName: 'Too late', preferredLocale: 'en' }),
  },
  'GET /api/v1/me': { expect: signedIn(200) },
  'PATCH /api/v1/me': { expect: signedIn(200), body: () => ({ province: 'เชียงใหม่' }) },
  'GET /api/v1/admin/users': { expect: adminOnly(200) },
  'GET /api/v1/admin/audit': { expect: adminOnly(200) },
  // Only administrators grant roles, to anyone including themselves; nobody else, not even to themselves.
  'PUT /api/v1/admin/users/{id}/roles/{role}': { byTarget: adminOnlyByTarget(200, 200), params: { role: 'learner' } },
  'DELETE /api/v1/admin/users/{id}/roles/{role}': { byTarget: adminOnlyByTarget(409, 200), params: { role: 'admin' } },
  'POST /api/v1/admin/users/{id}/disable': { byTarget: adminOnlyByTarget(409, 200) },
  'POST /api/v1/admin/users/{id}/enable': { byTarget: adminOnlyByTarget(200, 200) },
  'POST /api/v1/admin/users/{id}/confirm-staff': { byTarget: adminOnlyByTarget(409, 200) },
};

interface Operation {
  key: string;
  method: string;
  path: string;
  secured: boolean;
}

/** The generated document, as committed in libs/api-client (schema.spec.ts checks it matches the API). */
const document = JSON.parse(readFileSync(path.resolve(__dirname, '../../../libs/api-client/src/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
};
const OPERATIONS: Operation[] = Object.entries(document.paths).flatMap(([route, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    key: `${method.toUpperCase()} ${route}`,
    method,
    path: route,
    secured: (op.security ?? []).some((s) => Object.keys(s as object).includes('bearer')),
  })),
);

interface Cell {
  caller: Caller;
  target: Target | 'no user id';
  status: number;
}

function cells(entry: Entry): Cell[] {
  const { byTarget, expect: flat } = entry;
  if (byTarget) return CALLERS.flatMap((caller) => (['own', 'other'] as const).map((target) => ({ caller, target, status: byTarget[caller][target] })));
  if (flat) return CALLERS.map((caller) => ({ caller, target: 'no user id' as const, status: flat[caller] }));
  throw new Error('a matrix entry needs expect or byTarget');
}

const tokens: Partial<Record<Caller, string>> = {};
let ctx: Context;

beforeAll(async () => {
  const admin = await http()
    .post('/api/v1/setup/admin')
    .send({ email: uniqueEmail('admin'), password: PASSWORD, displayName: 'Admin', preferredLocale: 'en' })
    .expect(201);
  const learner = await signUp(http);
  const instructor = await signUp(http);
  await http().put(`/api/v1/admin/users/${instructor.id}/roles/instructor`).set(bearer(admin.body.accessToken)).expect(200);
  // Someone else: asked to be counted as education staff, so there is something to confirm.
  const other = await signUp(http, { targetGroup: 'education_staff' });
  const signInUser = await signUp(http);
  tokens.admin = admin.body.accessToken;
  tokens.learner = learner.accessToken;
  tokens.instructor = (await signIn(http, instructor.email)).accessToken;
  ctx = { ids: { admin: admin.body.user.id, learner: learner.id, instructor: instructor.id, other: other.id }, signInEmail: signInUser.email };
});

describe('the authorisation matrix', () => {
  it('has exactly one entry for every operation in the OpenAPI document', () => {
    expect(OPERATIONS.length).toBeGreaterThan(0);
    expect(Object.keys(MATRIX).sort()).toEqual(OPERATIONS.map((op) => op.key).sort());
  });

  it('is built from the document the API serves', async () => {
    const live = (await http().get('/api/docs-json').expect(200)).body as typeof document;
    const liveKeys = Object.entries(live.paths).flatMap(([route, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${route}`));
    expect(liveKeys.sort()).toEqual(OPERATIONS.map((op) => op.key).sort());
  });

  it('agrees with the document: bearer-secured operations refuse anonymous callers, public ones never say 403', () => {
    for (const op of OPERATIONS.filter((o) => MATRIX[o.key])) {
      const anonymous = cells(MATRIX[op.key]).filter((c) => c.caller === 'anonymous').map((c) => c.status);
      const consistent = op.secured ? anonymous.every((s) => s === 401) : anonymous.every((s) => s !== 403);
      expect({ op: op.key, consistent }).toEqual({ op: op.key, consistent: true });
    }
  });

  describe.each(OPERATIONS.filter((op) => MATRIX[op.key]))('$key', (op) => {
    const entry = MATRIX[op.key];
    it.each(cells(entry))('as $caller on $target → $status', async ({ caller, target, status }) => {
      await entry.before?.();
      const userId = target === 'own' && caller !== 'anonymous' ? ctx.ids[caller] : ctx.ids.other;
      const params: Record<string, string> = { id: userId, ...entry.params };
      const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name]);
      let req = http()[op.method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
      const token = tokens[caller];
      if (token) req = req.set(bearer(token));
      if (entry.body) req = req.send(entry.body(ctx));
      const res = await req;
      expect({ status: res.status, code: res.body?.code }).toEqual({ status, code: res.body?.code });
    });
  });
});
