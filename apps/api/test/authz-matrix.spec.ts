import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { useTestApi } from './api-app';
import { CONSENT_POLICY_VERSION } from '@baanrian/contracts';
import { bearer, PASSWORD, signIn, signUp, uniqueEmail } from './accounts-helpers';
import { createChild, switchToChild } from './guardian-helpers';
import { publishTestCourse } from './catalog-fixture';

/**
 * The authorisation matrix: every operation of the OpenAPI document × every kind of caller ×
 * (for operations on a user id) the caller's own id versus another user's. The expected status
 * of each cell is declared below; an operation missing from the table fails the first test, so
 * a new endpoint cannot escape review.
 *
 * `child` is a guardian (the learner) acting as their child. Unless a row says otherwise a child
 * is expected to get what a learner gets; rows for the family's account (children, consents,
 * export, erasure) say `child` explicitly.
 */
const api = useTestApi();
const http = api.http;

const CALLERS = ['anonymous', 'learner', 'instructor', 'admin', 'child'] as const;
type Caller = (typeof CALLERS)[number];
type Guardian = 'learner' | 'instructor' | 'admin';
type Target = 'own' | 'other';
/** `child` defaults to the learner's status. */
type PerCaller = Record<Exclude<Caller, 'child'>, number> & { child?: number };

interface Context {
  ids: Record<Exclude<Caller, 'anonymous'> | 'other', string>;
  signInEmail: string;
  /** A child profile of each guardian caller and of the other user. */
  children: Record<Guardian | 'other', string>;
}

interface Entry {
  /** Same status whichever user id is in the path (or there is none). */
  expect?: PerCaller;
  /** For paths with a user {id}: the status on the caller's own id and on another user's (`child` defaults to the learner's). */
  byTarget?: Record<Exclude<Caller, 'child'>, Record<Target, number>> & { child?: Record<Target, number> };
  /** For paths whose {id} is not a user: the caller's own object and another user's. */
  id?: (caller: Caller, target: Target) => Promise<string> | string;
  /** Path parameters other than a user id. */
  params?: Record<string, string>;
  body?: (ctx: Context) => object;
  before?: () => Promise<unknown>;
  /** A fresh caller of the same kind for each cell, for operations that use the caller up. */
  freshCaller?: boolean;
}

/** One published course for the public course page row, published once whichever cell runs first. */
let matrixCourse: Promise<unknown> | null = null;
const publishMatrixCourse = () => (matrixCourse ??= publishTestCourse(api.db(), { slug: 'matrix-course' }));

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
  // The public catalog: no sign-in, the same answer for everyone; an unknown slug is 404 for all.
  'GET /api/v1/catalog': { expect: all(200) },
  'GET /api/v1/catalog/{slug}': { expect: all(200), params: { slug: 'matrix-course' }, before: publishMatrixCourse },
  'POST /api/v1/auth/sign-up': {
    expect: all(201),
    body: () => ({ email: uniqueEmail('matrix'), password: PASSWORD, displayName: 'Matrix', preferredLocale: 'en' }),
  },
  'POST /api/v1/auth/sign-in': { expect: all(200), body: (ctx) => ({ login: ctx.signInEmail, password: PASSWORD }) },
  // Cookie-based: without the refresh cookie nobody is refreshed, and signing out is harmless.
  'POST /api/v1/auth/refresh': { expect: all(401) },
  'POST /api/v1/auth/sign-out': { expect: all(204) },
  // OIDC is not configured here (oidc.spec.ts covers it configured): status says so, start is 404,
  // and a callback sends the browser back to the portal's sign-in page.
  'GET /api/v1/auth/oidc': { expect: all(200) },
  'GET /api/v1/auth/oidc/start': { expect: all(404) },
  'GET /api/v1/auth/oidc/callback': { expect: all(302) },
  // Public: the same 202 for any email; a made-up token is refused whoever asks.
  'POST /api/v1/auth/password/forgot': { expect: all(202), body: () => ({ email: uniqueEmail('matrix-forgot') }) },
  'POST /api/v1/auth/password/reset': { expect: all(400), body: () => ({ token: 'made-up', password: 'a new password' }) },
  'GET /api/v1/setup': { expect: all(200) },
  'POST /api/v1/setup/admin': {
    expect: all(409),
    body: () => ({ email: uniqueEmail('late-admin'), password: PASSWORD, displayName: 'Too late', preferredLocale: 'en' }),
  },
  'GET /api/v1/me': { expect: signedIn(200) },
  // A child session reads its profile; the guardian edits it through /me/children/{id}.
  'PATCH /api/v1/me': { expect: { ...signedIn(200), child: 403 }, body: () => ({ province: 'เชียงใหม่' }) },
  'GET /api/v1/admin/users': { expect: adminOnly(200) },
  'GET /api/v1/admin/audit': { expect: adminOnly(200) },
  // Only administrators grant roles, to anyone including themselves; nobody else, not even to themselves.
  'PUT /api/v1/admin/users/{id}/roles/{role}': { byTarget: adminOnlyByTarget(200, 200), params: { role: 'learner' } },
  'DELETE /api/v1/admin/users/{id}/roles/{role}': { byTarget: adminOnlyByTarget(409, 200), params: { role: 'admin' } },
  'POST /api/v1/admin/users/{id}/disable': { byTarget: adminOnlyByTarget(409, 200) },
  'POST /api/v1/admin/users/{id}/enable': { byTarget: adminOnlyByTarget(200, 200) },
  'POST /api/v1/admin/users/{id}/confirm-staff': { byTarget: adminOnlyByTarget(409, 200) },
  // Guardians and children: only the guardian, never a child session, never another family (administrators included).
  'GET /api/v1/me/children': { expect: { ...signedIn(200), child: 403 } },
  'POST /api/v1/me/children': {
    expect: { ...signedIn(201), child: 403 },
    body: () => ({ displayName: 'Matrix child', birthYear: new Date().getFullYear() - 3, consent: { policyVersion: CONSENT_POLICY_VERSION, purposes: ['learning'] } }),
  },
  'PATCH /api/v1/me/children/{id}': { byTarget: guardianOnly(200), id: childOf, body: () => ({ displayName: 'Renamed' }) },
  // "own" is a fresh child each time, so the children the other rows use stay.
  'DELETE /api/v1/me/children/{id}': {
    byTarget: guardianOnly(204),
    id: async (caller, target) => (target === 'own' && isGuardian(caller) ? (await createChild(http, tokenOf(caller))).id : childOf(caller, target)),
  },
  'POST /api/v1/me/children/{id}/switch': { byTarget: guardianOnly(200), id: childOf },
  'POST /api/v1/auth/switch-back': { expect: { ...signedIn(409), child: 200 } },
  // Consents: one's own and those given for one's children; a child session has none to manage.
  'GET /api/v1/me/consents': { expect: { ...signedIn(200), child: 403 } },
  'POST /api/v1/me/consents': { expect: { ...signedIn(201), child: 403 }, body: () => ({ purpose: 'communications', policyVersion: CONSENT_POLICY_VERSION }) },
  'DELETE /api/v1/me/consents/{id}': { byTarget: guardianOnly(204), id: consentOf },
  'GET /api/v1/me/export': { expect: { ...signedIn(200), child: 403 } },
  // Each cell erases a fresh account of the caller's kind (an administrator while others remain).
  'DELETE /api/v1/me': { expect: { ...signedIn(204), child: 403 }, freshCaller: true, body: () => ({ confirmation: 'DELETE' }) },
  // Assisted sign-up: instructors and administrators create accounts for people without email.
  'POST /api/v1/assisted-accounts': {
    expect: { anonymous: 401, learner: 403, instructor: 201, admin: 201 },
    body: () => ({ displayName: 'Matrix Elder', preferredLocale: 'th', birthYear: 1950 }),
  },
  'GET /api/v1/assisted-accounts': { expect: { anonymous: 401, learner: 403, instructor: 200, admin: 200 } },
  // A new card: only for assisted accounts (neither own nor other is one: administrators get 409),
  // and for instructors only those they created (assisted-accounts.spec.ts covers the creator).
  'POST /api/v1/admin/users/{id}/card': {
    byTarget: {
      anonymous: { own: 401, other: 401 },
      learner: { own: 403, other: 403 },
      instructor: { own: 403, other: 403 },
      admin: { own: 409, other: 409 },
    },
    body: () => ({}),
  },
  // Card sign-in is public; a wrong card is 400 for everyone.
  'POST /api/v1/auth/card': { expect: all(400), body: () => ({ accountCode: 'BR-00001', oneTimeCode: 'ABCD-EFGH' }) },
  'POST /api/v1/auth/card/complete': { expect: all(400), body: () => ({ setupToken: 'forged', secretKind: 'pin', secret: '480153' }) },
};

function guardianOnly(own: number) {
  return {
    anonymous: { own: 401, other: 401 },
    learner: { own, other: 403 },
    instructor: { own, other: 403 },
    admin: { own, other: 403 },
    child: { own: 403, other: 403 },
  };
}

/** A new account of the caller's kind, signed in: a learner, an instructor, an administrator, or a learner acting as a new child. */
async function freshToken(caller: Exclude<Caller, 'anonymous'>): Promise<string> {
  const person = await signUp(http);
  if (caller === 'learner') return person.accessToken;
  if (caller === 'child') return switchToChild(http, person.accessToken, (await createChild(http, person.accessToken)).id);
  await http().put(`/api/v1/admin/users/${person.id}/roles/${caller}`).set(bearer(tokenOf('admin'))).expect(200);
  return (await signIn(http, person.email)).accessToken;
}

function tokenOf(caller: Guardian): string {
  const token = tokens[caller];
  if (!token) throw new Error(`no token for ${caller}`);
  return token;
}

const isGuardian = (caller: Caller): caller is Guardian => caller === 'learner' || caller === 'instructor' || caller === 'admin';

/** The caller's child ("own"; a child session's own id) or the other user's child. */
function childOf(caller: Caller, target: Target): string {
  if (target === 'other' || caller === 'anonymous') return ctx.children.other;
  return isGuardian(caller) ? ctx.children[caller] : ctx.ids.child;
}

/** A fresh consent of the caller ("own"), or one the other user gave. */
async function consentOf(caller: Caller, target: Target): Promise<string> {
  const giver = target === 'own' && isGuardian(caller) ? tokenOf(caller) : otherToken;
  const res = await http().post('/api/v1/me/consents').set(bearer(giver)).send({ purpose: 'communications', policyVersion: CONSENT_POLICY_VERSION }).expect(201);
  return res.body.id;
}

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
  if (byTarget) {
    const statuses = { ...byTarget, child: byTarget.child ?? byTarget.learner };
    return CALLERS.flatMap((caller) => (['own', 'other'] as const).map((target) => ({ caller, target, status: statuses[caller][target] })));
  }
  if (flat) {
    const statuses = { ...flat, child: flat.child ?? flat.learner };
    return CALLERS.map((caller) => ({ caller, target: 'no user id' as const, status: statuses[caller] }));
  }
  throw new Error('a matrix entry needs expect or byTarget');
}

const tokens: Partial<Record<Caller, string>> = {};
let otherToken: string;
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
  otherToken = other.accessToken;
  const children = {
    learner: (await createChild(http, learner.accessToken)).id,
    instructor: (await createChild(http, tokens.instructor)).id,
    admin: (await createChild(http, admin.body.accessToken)).id,
    other: (await createChild(http, other.accessToken)).id,
  };
  // The learner acting as a child of their own (not the one the learner rows use).
  const child = await createChild(http, learner.accessToken);
  tokens.child = await switchToChild(http, learner.accessToken, child.id);
  ctx = {
    ids: { admin: admin.body.user.id, learner: learner.id, instructor: instructor.id, other: other.id, child: child.id },
    signInEmail: signInUser.email,
    children,
  };
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
      const id = entry.id && target !== 'no user id' ? await entry.id(caller, target) : userId;
      const params: Record<string, string> = { id, ...entry.params };
      const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name]);
      const token = entry.freshCaller && caller !== 'anonymous' ? await freshToken(caller) : tokens[caller];
      let req = http()[op.method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
      if (token) req = req.set(bearer(token));
      if (entry.body) req = req.send(entry.body(ctx));
      const res = await req;
      expect({ status: res.status, code: res.body?.code }).toEqual({ status, code: res.body?.code });
    });
  });
});
