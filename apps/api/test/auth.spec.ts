import { UserEntity } from '@baanrian/db';
import { argon2id, hash } from 'argon2';
import { useTestApi } from './api-app';
import { bearer, PASSWORD, refreshCookie, signIn, signUp, signUpAdmin, uniqueEmail } from './accounts-helpers';
import { createChild, switchToChild } from './guardian-helpers';

const api = useTestApi();

/** Argon2id, 19 MiB, 2 iterations, 1 lane (the PHC string lists the parameters in its own order). */
function expectCurrentArgon2(stored: string): void {
  expect(stored).toMatch(/^\$argon2id\$v=19\$/);
  expect(stored.split('$')[3].split(',').sort()).toEqual(['m=19456', 'p=1', 't=2']);
}
const http = api.http;

describe('sign-up, sign-in, me, refresh, sign-out', () => {
  it('signs up a learner, returns a session and sets the refresh cookie per the contract', async () => {
    const email = uniqueEmail('somsri');
    const res = await http()
      .post('/api/v1/auth/sign-up')
      .send({ email, password: PASSWORD, displayName: '  สมศรี  ', preferredLocale: 'th', birthYear: 1950, province: 'เชียงใหม่' })
      .expect(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.user).toMatchObject({
      email,
      displayName: 'สมศรี',
      preferredLocale: 'th',
      birthYear: 1950,
      province: 'เชียงใหม่',
      district: null,
      phone: null,
      targetGroup: 'elderly',
      targetGroupSource: 'age',
      staffStatus: 'none',
      roles: ['learner'],
      isChild: false,
      actingAs: null,
    });
    expect(res.body.user.accountCode).toMatch(/^BR-\d{5}$/);
    expect(new Date(res.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(new Date(res.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    const cookie = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('baanrian_refresh=')) ?? '';
    expect(cookie).toMatch(/; Path=\/api\/v1\/auth/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toMatch(/; Secure/); // the test instance's public URL is http
    // Only a hash of the refresh token is stored, and the password only as Argon2id.
    const token = refreshCookie(res).split('=')[1];
    const stored = await api.db().query(`SELECT token_hash FROM refresh_token WHERE user_id = $1`, [res.body.user.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);
    const [user] = await api.db().query(`SELECT password_hash FROM app_user WHERE id = $1`, [res.body.user.id]);
    expectCurrentArgon2(user.password_hash);
  });

  it('asks an administrator to confirm education staff', async () => {
    const { body } = await signUp(http, { targetGroup: 'education_staff', birthYear: 1990 });
    expect(body.user).toMatchObject({ targetGroup: 'education_staff', targetGroupSource: 'learner', staffStatus: 'pending' });
  });

  it('signs in with the email or the account code, and GET /me answers with the user', async () => {
    const { email, body } = await signUp(http);
    const byEmail = await signIn(http, email.toUpperCase());
    const byCode = await signIn(http, body.user.accountCode.toLowerCase().replace('-', ' '));
    expect(byCode.id).toBe(byEmail.id);
    const me = await http().get('/api/v1/me').set(bearer(byCode.accessToken)).expect(200);
    expect(me.body).toMatchObject({ id: body.user.id, email, roles: ['learner'] });
    const [row] = await api.db().query(`SELECT last_sign_in_at FROM app_user WHERE id = $1`, [body.user.id]);
    expect(row.last_sign_in_at).not.toBeNull();
  });

  it('answers GET /me without a token with 401 problem+json', async () => {
    const res = await http().get('/api/v1/me').set('Accept-Language', 'en').expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED', title: 'Sign-in required' });
  });

  it('changes the profile with PATCH /me: null clears, the target group follows the birth year unless chosen', async () => {
    const { accessToken } = await signUp(http, { birthYear: 2001, phone: '081 234 5678' });
    const patch = (body: object) => http().patch('/api/v1/me').set(bearer(accessToken)).send(body);
    expect((await patch({ birthYear: 1960, phone: null, district: 'สันทราย' }).expect(200)).body).toMatchObject({
      birthYear: 1960,
      targetGroup: 'elderly',
      targetGroupSource: 'age',
      phone: null,
      district: 'สันทราย',
    });
    expect((await patch({ targetGroup: 'general_public' }).expect(200)).body).toMatchObject({ targetGroup: 'general_public', targetGroupSource: 'learner' });
    expect((await patch({ birthYear: 1950 }).expect(200)).body.targetGroup).toBe('general_public');
    expect((await patch({ targetGroup: null }).expect(200)).body).toMatchObject({ targetGroup: 'elderly', targetGroupSource: 'age' });
    const bad = await patch({ displayName: null, preferredLocale: 'fr' }).set('Accept-Language', 'en').expect(400);
    expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['displayName', 'preferredLocale']);
  });

  it('rotates the refresh cookie on every use', async () => {
    const { cookie, id } = await signUp(http);
    const first = await http().post('/api/v1/auth/refresh').set('Cookie', cookie).expect(200);
    expect(first.body.user.id).toBe(id);
    const rotated = refreshCookie(first);
    expect(rotated).not.toBe(cookie);
    const second = await http().post('/api/v1/auth/refresh').set('Cookie', rotated).expect(200);
    await http().get('/api/v1/me').set(bearer(second.body.accessToken)).expect(200);
  });

  it('revokes the whole family when an old refresh token is used again after the grace window', async () => {
    const { cookie, id } = await signUp(http);
    const first = await http().post('/api/v1/auth/refresh').set('Cookie', cookie).expect(200);
    const current = refreshCookie(first);
    // The old token was used 11 s ago: past the 10 s window in which two tabs may race.
    await api.db().query(`UPDATE refresh_token SET used_at = used_at - interval '11 seconds' WHERE user_id = $1 AND used_at IS NOT NULL`, [id]);
    // The stolen copy of the old token comes back: both holders are signed out.
    const reuse = await http().post('/api/v1/auth/refresh').set('Cookie', cookie).set('Accept-Language', 'en').expect(401);
    expect(reuse.body).toMatchObject({ code: 'SESSION_REVOKED', title: 'This session was ended. Please sign in again.' });
    expect(([] as string[]).concat(reuse.headers['set-cookie'])[0]).toMatch(/^baanrian_refresh=;.*Expires=Thu, 01 Jan 1970/);
    const after = await http().post('/api/v1/auth/refresh').set('Cookie', current).expect(401);
    expect(after.body.code).toBe('SESSION_REVOKED');
  });

  it('answers two tabs refreshing with the same cookie at once with the same session, without revoking it', async () => {
    const { cookie, id } = await signUp(http);
    const [a, b] = await Promise.all([
      http().post('/api/v1/auth/refresh').set('Cookie', cookie),
      http().post('/api/v1/auth/refresh').set('Cookie', cookie),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    for (const res of [a, b]) {
      expect(res.body.user.id).toBe(id);
      await http().get('/api/v1/me').set(bearer(res.body.accessToken)).expect(200);
    }
    // Exactly one of them rotated the cookie; the other leaves the browser's cookie as it is.
    const rotated = [a, b].filter((res) => res.headers['set-cookie']);
    expect(rotated).toHaveLength(1);
    const current = refreshCookie(rotated[0]);
    // The family lives on: the rotated cookie keeps working, and a third late tab within the window too.
    await http().post('/api/v1/auth/refresh').set('Cookie', cookie).expect(200);
    const next = await http().post('/api/v1/auth/refresh').set('Cookie', current).expect(200);
    await http().post('/api/v1/auth/refresh').set('Cookie', refreshCookie(next)).expect(200);
  });

  it('keeps acting as the child when the racing refresh comes back inside the window', async () => {
    const guardian = await signUp(http);
    const child = await createChild(http, guardian.accessToken);
    await switchToChild(http, guardian.accessToken, child.id);
    const first = await http().post('/api/v1/auth/refresh').set('Cookie', guardian.cookie).expect(200);
    const late = await http().post('/api/v1/auth/refresh').set('Cookie', guardian.cookie).expect(200);
    expect(first.body.user.id).toBe(child.id);
    expect(late.body.user).toMatchObject({ id: child.id, actingAs: { guardianId: guardian.id } });
    expect(late.headers['set-cookie']).toBeUndefined();
  });

  it('ends access tokens at once when a role is revoked or the account disabled; a refresh answers the new roles', async () => {
    const adminAccount = await signUpAdmin(http, api.db());
    const admin = bearer(adminAccount.accessToken);
    const user = await signUp(http);
    await http().put(`/api/v1/admin/users/${user.id}/roles/instructor`).set(admin).expect(200);
    const before = await http().post('/api/v1/auth/refresh').set('Cookie', user.cookie).expect(200);
    expect(before.body.user.roles).toContain('instructor');
    await http().delete(`/api/v1/admin/users/${user.id}/roles/instructor`).set(admin).expect(200);
    await http().get('/api/v1/me').set(bearer(before.body.accessToken)).expect(401);
    const after = await http().post('/api/v1/auth/refresh').set('Cookie', refreshCookie(before)).expect(200);
    expect(after.body.user.roles).toEqual(['learner']);
    await http().get('/api/v1/me').set(bearer(after.body.accessToken)).expect(200);

    await http().post(`/api/v1/admin/users/${user.id}/disable`).set(admin).expect(200);
    await http().post(`/api/v1/admin/users/${user.id}/enable`).set(admin).expect(200);
    // Enabling again does not bring back the sessions that disabling ended.
    await http().get('/api/v1/me').set(bearer(after.body.accessToken)).expect(401);
    // First-run setup, tested below, needs a database without administrators.
    await api.db().query(`DELETE FROM user_role WHERE user_id = $1 AND role = 'admin'`, [adminAccount.id]);
  });

  it("accepts a child session only under the guardian's current session version", async () => {
    const guardian = await signUp(http);
    const child = await createChild(http, guardian.accessToken);
    const childToken = await switchToChild(http, guardian.accessToken, child.id);
    await http().get('/api/v1/me').set(bearer(childToken)).expect(200);
    await api.db().query(`UPDATE app_user SET session_version = session_version + 1 WHERE id = $1`, [guardian.id]);
    await http().get('/api/v1/me').set(bearer(childToken)).expect(401);
  });

  it('answers a refresh without a cookie or with an unknown one with 401 SESSION_EXPIRED', async () => {
    expect((await http().post('/api/v1/auth/refresh').expect(401)).body.code).toBe('SESSION_EXPIRED');
    expect((await http().post('/api/v1/auth/refresh').set('Cookie', 'baanrian_refresh=nothing-like-this').expect(401)).body.code).toBe('SESSION_EXPIRED');
  });

  it('expires refresh tokens', async () => {
    const { cookie, id } = await signUp(http);
    await api.db().query(`UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [id]);
    expect((await http().post('/api/v1/auth/refresh').set('Cookie', cookie).expect(401)).body.code).toBe('SESSION_EXPIRED');
  });

  it('signs out: the family is revoked and the cookie cleared', async () => {
    const { cookie } = await signUp(http);
    const res = await http().post('/api/v1/auth/sign-out').set('Cookie', cookie).expect(204);
    expect(([] as string[]).concat(res.headers['set-cookie'])[0]).toMatch(/^baanrian_refresh=;/);
    expect((await http().post('/api/v1/auth/refresh').set('Cookie', cookie).expect(401)).body.code).toBe('SESSION_REVOKED');
    await http().post('/api/v1/auth/sign-out').expect(204); // signed out already: still fine
  });
});

describe('bad input and failures', () => {
  it('answers a duplicate email (in any case) with 409 EMAIL_TAKEN', async () => {
    const { email } = await signUp(http);
    const res = await http()
      .post('/api/v1/auth/sign-up')
      .set('Accept-Language', 'vi')
      .send({ email: email.toUpperCase(), password: PASSWORD, displayName: 'B', preferredLocale: 'vi' })
      .expect(409);
    expect(res.body).toMatchObject({ code: 'EMAIL_TAKEN', title: 'Email này đã có tài khoản. Hãy thử đăng nhập.' });
  });

  it('rejects unknown fields and invalid values with 400 and field errors in the caller\'s language', async () => {
    const res = await http()
      .post('/api/v1/auth/sign-up')
      .set('Accept-Language', 'en')
      .send({ email: 'not-an-email', password: 'short', displayName: '', preferredLocale: 'th', roles: ['admin'] })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'roles', message: 'is not an accepted field' },
        { field: 'email', message: 'is not a valid email address' },
        { field: 'password', message: 'is too short' },
        { field: 'displayName', message: 'is too short' },
      ]),
    );
  });

  it('gives the same answer for an unknown login, a wrong password and an account without a password', async () => {
    const { email, id } = await signUp(http);
    const { email: noPassword, id: noPasswordId } = await signUp(http);
    await api.db().query(`UPDATE app_user SET password_hash = NULL WHERE id = $1`, [noPasswordId]);
    const answers = [];
    for (const [login, password] of [
      [email, 'wrong password'],
      [uniqueEmail('nobody'), PASSWORD],
      ['BR-00000', PASSWORD],
      [noPassword, PASSWORD],
    ]) {
      const res = await http().post('/api/v1/auth/sign-in').set('Accept-Language', 'en').send({ login, password }).expect(401);
      answers.push({ ...res.body, instance: undefined, requestId: undefined });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject({ code: 'INVALID_CREDENTIALS', title: 'The email or account code, or the password, is not correct' });
    expect(id).toBeDefined();
  });

  it('takes as long for an unknown login as for a wrong password (one Argon2 verification each)', async () => {
    const { email } = await signUp(http);
    const time = async (login: string) => {
      const started = process.hrtime.bigint();
      await http().post('/api/v1/auth/sign-in').send({ login, password: 'wrong password' }).expect(401);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time(email));
      unknown.push(await time(uniqueEmail('ghost')));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // A skipped verification would make unknown logins several times faster.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('upgrades a weaker password hash at sign-in', async () => {
    const { email, id } = await signUp(http);
    const weak = await hash(PASSWORD, { type: argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await api.db().getRepository(UserEntity).update(id, { passwordHash: weak });
    await signIn(http, email);
    const [row] = await api.db().query(`SELECT password_hash FROM app_user WHERE id = $1`, [id]);
    expect(row.password_hash).not.toBe(weak);
    expectCurrentArgon2(row.password_hash);
    await signIn(http, email);
  });
});

describe('disabling a user', () => {
  it('ends all their sessions at once: refresh fails, access tokens stop working, sign-in says disabled', async () => {
    const admin = await http()
      .post('/api/v1/setup/admin')
      .send({ email: uniqueEmail('admin'), password: PASSWORD, displayName: 'Admin', preferredLocale: 'en' })
      .expect(201);
    const learner = await signUp(http);
    const otherDevice = await signIn(http, learner.email);

    await http().post(`/api/v1/admin/users/${learner.id}/disable`).set(bearer(admin.body.accessToken)).expect(200);

    for (const session of [learner, otherDevice]) {
      await http().get('/api/v1/me').set(bearer(session.accessToken)).expect(401);
      expect((await http().post('/api/v1/auth/refresh').set('Cookie', session.cookie).expect(401)).body.code).toBe('SESSION_REVOKED');
    }
    const res = await http().post('/api/v1/auth/sign-in').set('Accept-Language', 'en').send({ login: learner.email, password: PASSWORD }).expect(403);
    expect(res.body.code).toBe('ACCOUNT_DISABLED');
    // A wrong password still gets the usual answer: being disabled is said only to the account holder.
    await http().post('/api/v1/auth/sign-in').send({ login: learner.email, password: 'wrong password' }).expect(401);

    await http().post(`/api/v1/admin/users/${learner.id}/enable`).set(bearer(admin.body.accessToken)).expect(200);
    await signIn(http, learner.email);
  });
});
