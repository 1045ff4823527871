import { useTestApi } from './api-app';
import { bearer, PASSWORD, type Signed, signUp, uniqueEmail } from './accounts-helpers';

const api = useTestApi();
const http = api.http;

let admin: { id: string; token: string };
const people: Record<string, Signed> = {};
const asAdmin = (req: ReturnType<ReturnType<typeof http>['get']>) => req.set(bearer(admin.token)).set('Accept-Language', 'en');

beforeAll(async () => {
  const res = await http()
    .post('/api/v1/setup/admin')
    .send({ email: uniqueEmail('boss'), password: PASSWORD, displayName: 'Boss', preferredLocale: 'en' })
    .expect(201);
  admin = { id: res.body.user.id, token: res.body.accessToken };
  people.malee = await signUp(http, { displayName: 'มาลี ศรีสุข', email: uniqueEmail('malee'), birthYear: 1950 });
  people.somchai = await signUp(http, { displayName: 'สมชาย ใจดี', email: uniqueEmail('somchai'), birthYear: 2005 });
  people.teacher = await signUp(http, { displayName: 'Teacher Lan', email: uniqueEmail('lan'), targetGroup: 'education_staff' });
  people.percent = await signUp(http, { displayName: '100% Nguyen', email: uniqueEmail('nguyen') });
});

const names = (res: { body: { items: { displayName: string }[] } }) => res.body.items.map((u) => u.displayName).sort();

describe('GET /admin/users', () => {
  it('lists everyone, newest first, with the contract shape', async () => {
    const res = await asAdmin(http().get('/api/v1/admin/users')).expect(200);
    expect(res.body.total).toBe(5);
    expect(res.body.items[0]).toEqual({
      id: people.percent.id,
      email: people.percent.email,
      accountCode: people.percent.body.user.accountCode,
      displayName: '100% Nguyen',
      roles: ['learner'],
      targetGroup: 'general_public',
      staffStatus: 'none',
      disabled: false,
      createdAt: expect.any(String),
      lastSignInAt: null,
    });
  });

  it('searches names (Thai too), emails and account codes, partly and in any case', async () => {
    expect(names(await asAdmin(http().get('/api/v1/admin/users').query({ q: 'ศรีสุ' })).expect(200))).toEqual(['มาลี ศรีสุข']);
    expect(names(await asAdmin(http().get('/api/v1/admin/users').query({ q: 'SOMCHAI' })).expect(200))).toEqual(['สมชาย ใจดี']);
    const code = people.teacher.body.user.accountCode;
    expect(names(await asAdmin(http().get('/api/v1/admin/users').query({ q: code.toLowerCase() })).expect(200))).toEqual(['Teacher Lan']);
    // LIKE wildcards are searched for literally.
    expect(names(await asAdmin(http().get('/api/v1/admin/users').query({ q: '100%' })).expect(200))).toEqual(['100% Nguyen']);
    expect(names(await asAdmin(http().get('/api/v1/admin/users').query({ q: '%' })).expect(200))).toEqual(['100% Nguyen']);
  });

  it('filters by role and target group, and pages', async () => {
    expect(names(await asAdmin(http().get('/api/v1/admin/users').query({ role: 'admin' })).expect(200))).toEqual(['Boss']);
    expect(names(await asAdmin(http().get('/api/v1/admin/users').query({ targetGroup: 'elderly' })).expect(200))).toEqual(['มาลี ศรีสุข']);
    const page = await asAdmin(http().get('/api/v1/admin/users').query({ limit: 2, offset: 2 })).expect(200);
    expect(page.body.total).toBe(5);
    expect(page.body.items).toHaveLength(2);
    const bad = await asAdmin(http().get('/api/v1/admin/users').query({ role: 'owner', limit: 0 })).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'role']);
  });
});

describe('role changes, disabling and staff confirmation', () => {
  it('grants and revokes roles, audited once per real change', async () => {
    const id = people.somchai.id;
    const granted = await asAdmin(http().put(`/api/v1/admin/users/${id}/roles/instructor`)).expect(200);
    expect(granted.body.roles).toEqual(['instructor', 'learner']);
    await asAdmin(http().put(`/api/v1/admin/users/${id}/roles/instructor`)).expect(200); // already held: no second entry
    // The new role works at once, without signing in again.
    expect((await http().get('/api/v1/me').set(bearer(people.somchai.accessToken)).expect(200)).body.roles).toEqual(['instructor', 'learner']);
    const revoked = await asAdmin(http().delete(`/api/v1/admin/users/${id}/roles/instructor`)).expect(200);
    expect(revoked.body.roles).toEqual(['learner']);

    const audit = await asAdmin(http().get('/api/v1/admin/audit')).expect(200);
    const forSomchai = audit.body.items.filter((e: { targetId: string }) => e.targetId === id);
    expect(forSomchai.map((e: { action: string; details: object }) => [e.action, e.details])).toEqual([
      ['user.role.revoke', { role: 'instructor' }],
      ['user.role.grant', { role: 'instructor' }],
    ]);
    expect(forSomchai[0]).toMatchObject({ actorId: admin.id, actorName: 'Boss', at: expect.any(String) });
  });

  it('writes a change and its audit entry together, or neither', async () => {
    await api.db().query(`ALTER TABLE audit_log ADD CONSTRAINT no_audit CHECK (action <> 'user.role.grant') NOT VALID`);
    try {
      await asAdmin(http().put(`/api/v1/admin/users/${people.malee.id}/roles/instructor`)).expect(500);
    } finally {
      await api.db().query(`ALTER TABLE audit_log DROP CONSTRAINT no_audit`);
    }
    const [row] = await api.db().query(`SELECT count(*)::int AS n FROM user_role WHERE user_id = $1 AND role = 'instructor'`, [people.malee.id]);
    expect(row.n).toBe(0);
  });

  it('confirms education staff who asked for it, and only them', async () => {
    const confirmed = await asAdmin(http().post(`/api/v1/admin/users/${people.teacher.id}/confirm-staff`)).expect(200);
    expect(confirmed.body).toMatchObject({ staffStatus: 'confirmed', targetGroup: 'education_staff' });
    const refused = await asAdmin(http().post(`/api/v1/admin/users/${people.malee.id}/confirm-staff`)).expect(409);
    expect(refused.body.code).toBe('STAFF_NOT_REQUESTED');
  });

  it('keeps an administrator from locking themselves out', async () => {
    expect((await asAdmin(http().post(`/api/v1/admin/users/${admin.id}/disable`)).expect(409)).body.code).toBe('SELF_LOCKOUT');
    expect((await asAdmin(http().delete(`/api/v1/admin/users/${admin.id}/roles/admin`)).expect(409)).body.code).toBe('SELF_LOCKOUT');
  });

  it('disables and enables, audited with the number of sessions ended', async () => {
    const disabled = await asAdmin(http().post(`/api/v1/admin/users/${people.percent.id}/disable`)).expect(200);
    expect(disabled.body.disabled).toBe(true);
    await asAdmin(http().post(`/api/v1/admin/users/${people.percent.id}/enable`)).expect(200);
    const audit = await asAdmin(http().get('/api/v1/admin/audit').query({ limit: 2 })).expect(200);
    expect(audit.body.items.map((e: { action: string; details: object }) => [e.action, e.details])).toEqual([
      ['user.enable', {}],
      ['user.disable', { sessionsEnded: 1 }],
    ]);
  });

  it('answers unknown users with 404 and malformed paths with 400', async () => {
    const missing = await asAdmin(http().put('/api/v1/admin/users/00000000-0000-4000-8000-000000000000/roles/admin')).expect(404);
    expect(missing.body).toMatchObject({ code: 'USER_NOT_FOUND', title: 'User not found' });
    const bad = await asAdmin(http().put('/api/v1/admin/users/not-an-id/roles/owner')).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['id', 'role']);
  });
});
