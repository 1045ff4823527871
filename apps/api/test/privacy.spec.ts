import { CONSENT_POLICY_VERSION, MAX_CHILDREN_PER_GUARDIAN } from '@baanrian/contracts';
import { uniqueName } from '@baanrian/testing';
import { useTestApi } from './api-app';
import { bearer, PASSWORD, refreshCookie, type Signed, signIn, signUp, uniqueEmail } from './accounts-helpers';
import { CHILD_CONSENT, claimsOf, createChild, switchToChild } from './guardian-helpers';

const api = useTestApi();
const http = api.http;
const thisYear = new Date().getFullYear();

let admin: { id: string; token: string };

beforeAll(async () => {
  const res = await http()
    .post('/api/v1/setup/admin')
    .send({ email: uniqueEmail('admin'), password: PASSWORD, displayName: 'Admin', preferredLocale: 'en' })
    .expect(201);
  admin = { id: res.body.user.id, token: res.body.accessToken };
});

const refresh = (cookie: string) => http().post('/api/v1/auth/refresh').set('Cookie', cookie);

describe('child profiles', () => {
  let guardian: Signed;
  beforeAll(async () => {
    guardian = await signUp(http, { displayName: 'แม่ของมะลิ' });
  });

  it('cannot be created without the guardian consenting to learning under the current policy', async () => {
    const base = { displayName: 'น้องมะลิ', birthYear: thisYear - 4 };
    const missing = await http().post('/api/v1/me/children').set(bearer(guardian.accessToken)).set('Accept-Language', 'en').send(base).expect(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    const noLearning = await http()
      .post('/api/v1/me/children')
      .set(bearer(guardian.accessToken))
      .set('Accept-Language', 'en')
      .send({ ...base, consent: { policyVersion: CONSENT_POLICY_VERSION, purposes: ['communications'] } })
      .expect(400);
    expect(noLearning.body).toMatchObject({ code: 'CONSENT_REQUIRED', title: "A guardian's consent for learning is required" });
    const outdated = await http()
      .post('/api/v1/me/children')
      .set(bearer(guardian.accessToken))
      .send({ ...base, consent: { policyVersion: '2001-01', purposes: ['learning'] } })
      .expect(409);
    expect(outdated.body.code).toBe('CONSENT_POLICY_OUTDATED');
    const tooOld = await http()
      .post('/api/v1/me/children')
      .set(bearer(guardian.accessToken))
      .send({ ...base, birthYear: thisYear - 30, consent: CHILD_CONSENT })
      .expect(400);
    expect(tooOld.body.code).toBe('CHILD_AGE_OUT_OF_RANGE');
    const listed = await http().get('/api/v1/me/children').set(bearer(guardian.accessToken)).expect(200);
    expect(listed.body).toEqual([]);
    const [{ count }] = await api.db().query(`SELECT count(*)::int AS count FROM app_user WHERE guardian_id = $1`, [guardian.id]);
    expect(count).toBe(0);
  });

  it('are created with the consent in one go, derive the target group, and have no sign-in of their own', async () => {
    const child = await createChild(http, guardian.accessToken, { displayName: 'น้องมะลิ', birthYear: thisYear - 4 });
    expect(child).toEqual({ id: expect.any(String), displayName: 'น้องมะลิ', birthYear: thisYear - 4, targetGroup: 'early_childhood', consentGivenAt: expect.any(String) });
    const [row] = await api.db().query(`SELECT guardian_id, email, password_hash, account_code FROM app_user WHERE id = $1`, [child.id]);
    expect(row).toMatchObject({ guardian_id: guardian.id, email: null, password_hash: null });
    const consents = await api.db().query(`SELECT purpose, policy_version, given_by_id FROM consent_record WHERE subject_id = $1 ORDER BY purpose`, [child.id]);
    expect(consents).toEqual([
      { purpose: 'learning', policy_version: CONSENT_POLICY_VERSION, given_by_id: guardian.id },
      { purpose: 'participation_reports', policy_version: CONSENT_POLICY_VERSION, given_by_id: guardian.id },
    ]);
    // The account code exists (for reports and cards) but opens nothing without a password.
    await http().post('/api/v1/auth/sign-in').send({ login: row.account_code, password: PASSWORD }).expect(401);

    const updated = await http().patch(`/api/v1/me/children/${child.id}`).set(bearer(guardian.accessToken)).send({ birthYear: thisYear - 10 }).expect(200);
    expect(updated.body).toMatchObject({ birthYear: thisYear - 10, targetGroup: 'youth' });
    const listed = await http().get('/api/v1/me/children').set(bearer(guardian.accessToken)).expect(200);
    expect(listed.body.map((c: { id: string }) => c.id)).toEqual([child.id]);
  });

  it('are limited per guardian', async () => {
    const busy = await signUp(http);
    for (let i = 0; i < MAX_CHILDREN_PER_GUARDIAN; i++) await createChild(http, busy.accessToken, { displayName: `Child ${i}` });
    const res = await http()
      .post('/api/v1/me/children')
      .set(bearer(busy.accessToken))
      .set('Accept-Language', 'en')
      .send({ displayName: 'One more', birthYear: thisYear - 1, consent: CHILD_CONSENT })
      .expect(409);
    expect(res.body).toMatchObject({ code: 'TOO_MANY_CHILDREN', title: `You can have at most ${MAX_CHILDREN_PER_GUARDIAN} child profiles` });
  });

  it('are managed only by their guardian, not by another user or an administrator', async () => {
    const child = await createChild(http, guardian.accessToken);
    const stranger = await signUp(http);
    for (const token of [stranger.accessToken, admin.token]) {
      await http().patch(`/api/v1/me/children/${child.id}`).set(bearer(token)).send({ displayName: 'x' }).expect(403);
      await http().delete(`/api/v1/me/children/${child.id}`).set(bearer(token)).expect(403);
      await http().post(`/api/v1/me/children/${child.id}/switch`).set(bearer(token)).expect(403);
    }
    // Not a child at all: the same 403 as another family's child, so ids tell nothing.
    await http().post(`/api/v1/me/children/${stranger.id}/switch`).set(bearer(guardian.accessToken)).expect(403);
    // Erasing the child the guardian's family is acting as returns that family to the guardian.
    await switchToChild(http, guardian.accessToken, child.id);
    await http().delete(`/api/v1/me/children/${child.id}`).set(bearer(guardian.accessToken)).expect(204);
    const reloaded = await refresh(guardian.cookie).expect(200);
    expect(reloaded.body.user).toMatchObject({ id: guardian.id, actingAs: null });
    guardian.cookie = refreshCookie(reloaded);
    const listed = await http().get('/api/v1/me/children').set(bearer(guardian.accessToken)).expect(200);
    expect(listed.body.map((c: { id: string }) => c.id)).not.toContain(child.id);
  });
});

describe('switching into a child and back', () => {
  it('acts as the child (sub = child, act.sub = guardian) until switching back, across refreshes of the same cookie family', async () => {
    const guardian = await signUp(http, { displayName: 'พ่อของต้นกล้า' });
    const child = await createChild(http, guardian.accessToken, { displayName: 'ต้นกล้า' });

    const switched = await http().post(`/api/v1/me/children/${child.id}/switch`).set(bearer(guardian.accessToken)).expect(200);
    expect(switched.body.user).toMatchObject({ id: child.id, displayName: 'ต้นกล้า', isChild: true, email: null, actingAs: { guardianId: guardian.id, guardianName: 'พ่อของต้นกล้า' } });
    const claims = claimsOf(switched.body.accessToken);
    expect(claims).toMatchObject({ sub: child.id, act: { sub: guardian.id }, roles: ['learner'] });
    expect(claims.sid).toBe(claimsOf(guardian.accessToken).sid);
    const me = await http().get('/api/v1/me').set(bearer(switched.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ id: child.id, isChild: true, actingAs: { guardianId: guardian.id, guardianName: 'พ่อของต้นกล้า' } });

    // A page load while acting: the guardian's cookie family resumes acting as the child.
    const reloaded = await refresh(guardian.cookie).expect(200);
    expect(claimsOf(reloaded.body.accessToken)).toMatchObject({ sub: child.id, act: { sub: guardian.id } });
    expect(reloaded.body.user.actingAs).toEqual({ guardianId: guardian.id, guardianName: 'พ่อของต้นกล้า' });

    const back = await http().post('/api/v1/auth/switch-back').set(bearer(reloaded.body.accessToken)).expect(200);
    expect(back.body.user).toMatchObject({ id: guardian.id, isChild: false, actingAs: null });
    expect(claimsOf(back.body.accessToken).act).toBeUndefined();
    const afterBack = await refresh(refreshCookie(reloaded)).expect(200);
    expect(afterBack.body.user).toMatchObject({ id: guardian.id, actingAs: null });

    const notActing = await http().post('/api/v1/auth/switch-back').set(bearer(back.body.accessToken)).expect(409);
    expect(notActing.body.code).toBe('NOT_ACTING');
  });

  it('ends a child session once the acting guardian is no longer the child\'s guardian', async () => {
    const guardian = await signUp(http);
    const child = await createChild(http, guardian.accessToken);
    const other = await signUp(http);
    const childToken = await switchToChild(http, guardian.accessToken, child.id);
    await http().get('/api/v1/me').set(bearer(childToken)).expect(200);
    // The token still names the old guardian as actor: the per-request check refuses it.
    await api.db().query(`UPDATE app_user SET guardian_id = $2 WHERE id = $1`, [child.id, other.id]);
    await http().get('/api/v1/me').set(bearer(childToken)).expect(401);
  });

  it("keeps a child session away from the guardian's account: no children, consents, export, erasure or administration", async () => {
    const guardian = await signIn(http, (await signUp(http)).email);
    const child = await createChild(http, guardian.accessToken);
    const childToken = await switchToChild(http, guardian.accessToken, child.id);
    const asChild = { ...bearer(childToken), 'Accept-Language': 'en' };
    await http().post('/api/v1/me/children').set(asChild).send({ displayName: 'x', birthYear: thisYear - 2, consent: CHILD_CONSENT }).expect(403);
    await http().post(`/api/v1/me/children/${child.id}/switch`).set(asChild).expect(403);
    await http().get('/api/v1/me/export').set(asChild).expect(403);
    await http().delete('/api/v1/me').set(asChild).send({ confirmation: 'DELETE' }).expect(403);
    await http().get('/api/v1/me/consents').set(asChild).expect(403);
    await http().patch('/api/v1/me').set(asChild).send({ birthYear: 1970, phone: '+66 81 000 0000' }).expect(403);
    await http().put(`/api/v1/admin/users/${child.id}/roles/admin`).set(asChild).expect(403);
    const [{ count }] = await api.db().query(`SELECT count(*)::int AS count FROM app_user WHERE id = $1 AND erased_at IS NULL`, [guardian.id]);
    expect(count).toBe(1);
  });

  it('does not let an administrator guardian carry admin powers into the child session', async () => {
    const childOfAdmin = await createChild(http, admin.token);
    const childToken = await switchToChild(http, admin.token, childOfAdmin.id);
    await http().get('/api/v1/admin/users').set(bearer(childToken)).expect(403);
    await http().get('/api/v1/admin/audit').set(bearer(childToken)).expect(403);
  });
});

describe('consents', () => {
  it('are listed, given and withdrawn (never deleted); withdrawing a child\'s learning consent blocks switching at once', async () => {
    const guardian = await signUp(http);
    const child = await createChild(http, guardian.accessToken);
    const childToken = await switchToChild(http, guardian.accessToken, child.id);

    const own = await http().post('/api/v1/me/consents').set(bearer(guardian.accessToken)).send({ purpose: 'communications', policyVersion: CONSENT_POLICY_VERSION }).expect(201);
    expect(own.body).toEqual({
      id: expect.any(String),
      purpose: 'communications',
      policyVersion: CONSENT_POLICY_VERSION,
      givenAt: expect.any(String),
      givenById: guardian.id,
      subjectId: guardian.id,
      withdrawnAt: null,
    });
    const listed = await http().get('/api/v1/me/consents').set(bearer(guardian.accessToken)).expect(200);
    expect(listed.body.map((c: { subjectId: string; purpose: string }) => `${c.subjectId === child.id ? 'child' : 'me'}:${c.purpose}`).sort()).toEqual([
      'child:learning',
      'child:participation_reports',
      'me:communications',
    ]);

    const stranger = await signUp(http);
    const learning = listed.body.find((c: { subjectId: string; purpose: string }) => c.subjectId === child.id && c.purpose === 'learning');
    await http().delete(`/api/v1/me/consents/${learning.id}`).set(bearer(stranger.accessToken)).expect(403);
    await http().delete(`/api/v1/me/consents/${learning.id}`).set(bearer(admin.token)).expect(403);
    await http().delete(`/api/v1/me/consents/${learning.id}`).set(bearer(guardian.accessToken)).expect(204);

    const [row] = await api.db().query(`SELECT withdrawn_at FROM consent_record WHERE id = $1`, [learning.id]);
    expect(row.withdrawn_at).toBeInstanceOf(Date);
    const blocked = await http().post(`/api/v1/me/children/${child.id}/switch`).set(bearer(guardian.accessToken)).set('Accept-Language', 'th').expect(403);
    expect(blocked.body).toMatchObject({ code: 'CONSENT_WITHDRAWN', title: expect.stringContaining('ถอน') });
    // The session already acting as the child stops at once, and a refresh returns to the guardian.
    await http().get('/api/v1/me').set(bearer(childToken)).expect(401);
    const reloaded = await refresh(guardian.cookie).expect(200);
    expect(reloaded.body.user).toMatchObject({ id: guardian.id, actingAs: null });
    const children = await http().get('/api/v1/me/children').set(bearer(guardian.accessToken)).expect(200);
    expect(children.body[0].consentGivenAt).toBeNull();

    // Consenting again (for the child) opens the profile again.
    await http()
      .post('/api/v1/me/consents')
      .set(bearer(guardian.accessToken))
      .send({ purpose: 'learning', policyVersion: CONSENT_POLICY_VERSION, subjectId: child.id })
      .expect(201);
    await http()
      .post('/api/v1/me/consents')
      .set(bearer(stranger.accessToken))
      .send({ purpose: 'learning', policyVersion: CONSENT_POLICY_VERSION, subjectId: child.id })
      .expect(403);
    await http().post(`/api/v1/me/children/${child.id}/switch`).set(bearer(guardian.accessToken)).expect(200);
  });
});

describe('download my data', () => {
  it('returns the profile, roles, consents, children, sessions (without token hashes) and audit entries as an audited attachment', async () => {
    const person = await signUp(http, { displayName: 'ผู้ส่งออก ข้อมูล', phone: '+66 81 555 0101', birthYear: 1980, province: 'น่าน', district: 'ปัว' });
    await http().post('/api/v1/me/consents').set(bearer(person.accessToken)).send({ purpose: 'participation_reports', policyVersion: CONSENT_POLICY_VERSION }).expect(201);
    const child = await createChild(http, person.accessToken, { displayName: 'ลูกผู้ส่งออก' });
    const res = await http().get('/api/v1/me/export').set(bearer(person.accessToken)).expect(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="baanrian-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.profile).toMatchObject({ id: person.id, email: person.email, displayName: 'ผู้ส่งออก ข้อมูล', phone: '+66 81 555 0101', birthYear: 1980, province: 'น่าน', district: 'ปัว', hasPassword: true });
    expect(res.body.roles).toEqual(['learner']);
    expect(res.body.consents).toEqual([expect.objectContaining({ purpose: 'participation_reports', subjectId: person.id, givenById: person.id })]);
    expect(res.body.consentsGiven.map((c: { subjectId: string }) => c.subjectId)).toContain(child.id);
    expect(res.body.children).toEqual([expect.objectContaining({ profile: expect.objectContaining({ id: child.id, displayName: 'ลูกผู้ส่งออก' }) })]);
    expect(res.body.sessions.length).toBeGreaterThan(0);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/token_?hash|passwordHash|argon2/i);
    const [audit] = await api.db().query(`SELECT actor_id, target_id FROM audit_log WHERE action = 'user.export' AND actor_id = $1`, [person.id]);
    expect(audit).toEqual({ actor_id: person.id, target_id: person.id });
  });

  it('is rate-limited per account', async () => {
    const person = await signUp(http);
    for (let i = 0; i < 5; i++) await http().get('/api/v1/me/export').set(bearer(person.accessToken)).expect(200);
    const limited = await http().get('/api/v1/me/export').set(bearer(person.accessToken)).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('delete my account', () => {
  it('asks for the typed confirmation', async () => {
    const person = await signUp(http);
    await http().delete('/api/v1/me').set(bearer(person.accessToken)).send({ confirmation: 'delete' }).expect(400);
    await http().delete('/api/v1/me').set(bearer(person.accessToken)).send({}).expect(400);
    await http().get('/api/v1/me').set(bearer(person.accessToken)).expect(200);
  });

  it('refuses the last administrator (409), and lets one go once another exists', async () => {
    const res = await http().delete('/api/v1/me').set(bearer(admin.token)).send({ confirmation: 'DELETE' }).expect(409);
    expect(res.body.code).toBe('LAST_ADMIN');
    const second = await signUp(http);
    await http().put(`/api/v1/admin/users/${second.id}/roles/admin`).set(bearer(admin.token)).expect(200);
    await http().delete('/api/v1/me').set(bearer(second.accessToken)).send({ confirmation: 'DELETE' }).expect(204);
    await http().delete('/api/v1/me').set(bearer(admin.token)).send({ confirmation: 'DELETE' }).expect(409);
  });

  it('leaves no personal data in any column of any table, while report counts stay the same', async () => {
    const tag = uniqueName('erase').replace(/[^a-z0-9]/gi, '');
    const email = `${tag}@example.org`;
    const displayName = `Erasable ${tag}`;
    const phone = `+66 89 ${String(Date.now()).slice(-7)}`;
    const person = await signUp(http, { email, displayName, phone, birthYear: 1985, province: 'ลำปาง', district: `เกาะคา ${tag}`, preferredLocale: 'vi' });
    const accountCode = person.body.user.accountCode;
    // A national id hash, as the digital-ID sign-in stores it.
    const nationalIdHash = `nid-${tag}`;
    await api.db().query(`UPDATE app_user SET national_id_hash = $2 WHERE id = $1`, [person.id, nationalIdHash]);
    // A digital-ID link (the provider's subject identifies the person there) and a pending reset.
    const subject = `sub-${tag}`;
    await api.db().query(`INSERT INTO external_identity (issuer, subject, user_id) VALUES ('https://id.example.org', $2, $1)`, [person.id, subject]);
    await http().post('/api/v1/auth/password/forgot').send({ email }).expect(202);
    // Sessions: a second sign-in, and a family acting as a child.
    const session = await signIn(http, email);
    const children = [
      await createChild(http, session.accessToken, { displayName: `Child one ${tag}` }),
      await createChild(http, session.accessToken, { displayName: `Child two ${tag}`, birthYear: thisYear - 12 }),
    ];
    await switchToChild(http, session.accessToken, children[0].id);
    await http().post('/api/v1/me/consents').set(bearer(session.accessToken)).send({ purpose: 'communications', policyVersion: CONSENT_POLICY_VERSION }).expect(201);
    // Audit entries about them (administrator actions) and by them (an export).
    await http().put(`/api/v1/admin/users/${person.id}/roles/instructor`).set(bearer(admin.token)).expect(200);
    await http().get('/api/v1/me/export').set(bearer(session.accessToken)).expect(200);
    const childCodes: string[] = (await api.db().query(`SELECT account_code FROM app_user WHERE guardian_id = $1`, [person.id])).map((r: { account_code: string }) => r.account_code);
    const needles = [email, displayName, phone, accountCode, nationalIdHash, subject, tag, ...children.map((c) => c.displayName), ...childCodes];

    const reportCounts = () =>
      api.db().query(`SELECT target_group, province, count(*)::int AS people FROM app_user GROUP BY 1, 2 ORDER BY 1, 2 NULLS FIRST`);
    const countsBefore = await reportCounts();
    const consentQuery = `SELECT id, purpose, policy_version, given_at FROM consent_record WHERE subject_id = ANY($1) OR given_by_id = ANY($1) ORDER BY id`;
    const familyIds = [person.id, ...children.map((c) => c.id)];
    const consentsBefore: { id: string }[] = await api.db().query(consentQuery, [familyIds]);
    expect(consentsBefore.length).toBeGreaterThanOrEqual(3); // the two children's learning consent and the guardian's own
    // Before erasure the scan does find them, so it can see what it looks for.
    expect((await findPersonalData(needles)).length).toBeGreaterThan(0);

    await http().delete('/api/v1/me').set(bearer(session.accessToken)).send({ confirmation: 'DELETE' }).expect(204);

    expect(await findPersonalData(needles)).toEqual([]);
    expect(await reportCounts()).toEqual(countsBefore);
    const [tombstone] = await api.db().query(
      `SELECT display_name, email, phone, birth_year, district, password_hash, national_id_hash, guardian_id, erased_at, target_group, province FROM app_user WHERE id = $1`,
      [person.id],
    );
    expect(tombstone).toMatchObject({ display_name: '', email: null, phone: null, birth_year: null, district: null, password_hash: null, national_id_hash: null, target_group: 'general_public', province: 'ลำปาง' });
    expect(tombstone.erased_at).toBeInstanceOf(Date);
    const [{ sessions, consents, roles }] = await api.db().query(
      `SELECT (SELECT count(*)::int FROM refresh_token WHERE user_id = ANY($1)) AS sessions,
              (SELECT count(*)::int FROM consent_record WHERE subject_id = ANY($1) OR given_by_id = ANY($1)) AS consents,
              (SELECT count(*)::int FROM user_role WHERE user_id = ANY($1)) AS roles`,
      [[person.id, ...children.map((c) => c.id)]],
    );
    expect({ sessions, consents, roles }).toEqual({ sessions: 0, consents: 0, roles: 0 });
    // The consent records stay as proof that consent was given (purpose, policy version, time),
    // naming nobody, and count as withdrawn.
    const anonymised = await api.db().query(
      `SELECT id, purpose, policy_version, given_at, subject_id, given_by_id, withdrawn_at FROM consent_record WHERE id = ANY($1) ORDER BY id`,
      [consentsBefore.map((c) => c.id)],
    );
    expect(anonymised.map(({ id, purpose, policy_version, given_at }: Record<string, unknown>) => ({ id, purpose, policy_version, given_at }))).toEqual(consentsBefore);
    for (const record of anonymised) {
      expect(record).toMatchObject({ subject_id: null, given_by_id: null, withdrawn_at: expect.any(Date) });
    }
    const [{ links, resets }] = await api.db().query(
      `SELECT (SELECT count(*)::int FROM external_identity WHERE user_id = $1) AS links,
              (SELECT count(*)::int FROM password_reset_token WHERE user_id = $1) AS resets`,
      [person.id],
    );
    expect({ links, resets }).toEqual({ links: 0, resets: 0 });
    // Audit entries keep the bare id; the administrators' view shows no name for it.
    const audit = await http().get('/api/v1/admin/audit?limit=100').set(bearer(admin.token)).expect(200);
    const byThem = audit.body.items.filter((entry: { actorId: string }) => entry.actorId === person.id);
    expect(byThem.map((entry: { action: string }) => entry.action).sort()).toEqual(['user.erase', 'user.export']);
    expect(byThem.every((entry: { actorName: string | null }) => entry.actorName === null)).toBe(true);
    // Nothing opens the account any more.
    await http().get('/api/v1/me').set(bearer(session.accessToken)).expect(401);
    await http().post('/api/v1/auth/sign-in').send({ login: email, password: PASSWORD }).expect(401);
    await refresh(session.cookie).expect(401);
    const users = await http().get(`/api/v1/admin/users?limit=100`).set(bearer(admin.token)).expect(200);
    expect(users.body.items.map((u: { id: string }) => u.id)).not.toContain(person.id);
  });
});

/** Every text, varchar, citext, json and jsonb column of every table in the database that holds any of the needles. */
async function findPersonalData(needles: string[]): Promise<string[]> {
  const columns: { table_schema: string; table_name: string; column_name: string }[] = await api.db().query(
    `SELECT c.table_schema, c.table_name, c.column_name
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
       AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY') OR c.udt_name = 'citext')`,
  );
  expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(expect.arrayContaining(['app_user.email', 'app_user.display_name', 'audit_log.details', 'consent_record.purpose']));
  const found: string[] = [];
  for (const { table_schema, table_name, column_name } of columns) {
    const [{ hits }] = await api.db().query(
      `SELECT count(*)::int AS hits FROM "${table_schema}"."${table_name}" WHERE "${column_name}"::text ILIKE ANY($1)`,
      [needles.map((n) => `%${n.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)],
    );
    if (hits > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}
