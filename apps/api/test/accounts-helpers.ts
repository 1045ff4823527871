import { uniqueName } from '@baanrian/testing';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';

export type Http = () => TestAgent;

export const PASSWORD = 'correct horse battery';

export function uniqueEmail(prefix = 'user'): string {
  return `${uniqueName(prefix)}@example.org`;
}

/** The refresh cookie a response set, as `name=value` for a Cookie header. */
export function refreshCookie(res: Response): string {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('baanrian_refresh='));
  if (!header) throw new Error(`no refresh cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
  return header.split(';')[0];
}

export interface Signed {
  id: string;
  email: string;
  accessToken: string;
  cookie: string;
  body: Record<string, unknown> & { user: { id: string; accountCode: string; roles: string[] } };
}

export async function signUp(http: Http, overrides: Record<string, unknown> = {}): Promise<Signed> {
  const email = (overrides.email as string) ?? uniqueEmail();
  const res = await http()
    .post('/api/v1/auth/sign-up')
    .send({ email, password: PASSWORD, displayName: 'สมศรี ทดสอบ', preferredLocale: 'th', ...overrides })
    .expect(201);
  return { id: res.body.user.id, email, accessToken: res.body.accessToken, cookie: refreshCookie(res), body: res.body };
}

export async function signIn(http: Http, login: string, password = PASSWORD): Promise<Signed> {
  const res = await http().post('/api/v1/auth/sign-in').send({ login, password }).expect(200);
  return { id: res.body.user.id, email: login, accessToken: res.body.accessToken, cookie: refreshCookie(res), body: res.body };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A fresh account holding the admin role (granted in the database: roles are read per request). */
export async function signUpAdmin(http: Http, db: { query: (sql: string, params?: unknown[]) => Promise<unknown> }): Promise<Signed> {
  const admin = await signUp(http);
  await db.query(`INSERT INTO user_role (user_id, role) VALUES ($1, 'admin')`, [admin.id]);
  return admin;
}
