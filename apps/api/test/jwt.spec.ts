import { TEST_JWT_PRIVATE_KEY } from '@baanrian/testing';
import { SignJWT } from 'jose';
import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { useTestApi } from './api-app';
import { bearer, signUp } from './accounts-helpers';

const api = useTestApi();
const http = api.http;

const ISSUER = 'http://127.0.0.1:3000'; // testConfig's public URL
const AUDIENCE = 'baanrian-api';
const serverKey = createPrivateKey(TEST_JWT_PRIVATE_KEY);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function claims(userId: string, overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { sub: userId, roles: ['learner', 'admin'], iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 600, jti: randomUUID(), ...overrides };
}

function eddsa(payload: Record<string, unknown>, key: KeyObject = serverKey): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' }).sign(key);
}

describe('access tokens', () => {
  let userId: string;
  beforeAll(async () => {
    ({ id: userId } = await signUp(http));
  });

  const me = (token: string) => http().get('/api/v1/me').set(bearer(token));

  it('accepts a token the server signed (the control case)', async () => {
    await me(await eddsa(claims(userId))).expect(200);
  });

  it('takes roles from the database, not from the token', async () => {
    // The token claims admin; the user is a learner: admin endpoints stay closed.
    await http().get('/api/v1/admin/users').set(bearer(await eddsa(claims(userId)))).expect(403);
  });

  it.each([
    ['alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims(userId))}.`],
    [
      'HS256 signed with the public key as secret',
      async () => {
        const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims(userId))}`;
        const secret = createPublicKey(serverKey).export({ type: 'spki', format: 'pem' });
        return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
      },
    ],
    ['another Ed25519 key', async () => eddsa(claims(userId), generateKeyPairSync('ed25519').privateKey)],
    ['a wrong audience', async () => eddsa(claims(userId, { aud: 'someone-else' }))],
    ['a wrong issuer', async () => eddsa(claims(userId, { iss: 'https://evil.example' }))],
    ['an expired token', async () => eddsa(claims(userId, { iat: Math.floor(Date.now() / 1000) - 1200, exp: Math.floor(Date.now() / 1000) - 600 }))],
    ['no expiry', async () => eddsa(claims(userId, { exp: undefined }))],
    ['an unknown user', async () => eddsa(claims(randomUUID()))],
    ['a tampered payload', async () => {
      const [head, , signature] = (await eddsa(claims(userId))).split('.');
      return `${head}.${b64(claims(randomUUID()))}.${signature}`;
    }],
    ['garbage', async () => 'not.a.jwt'],
  ])('rejects %s with 401', async (_case, token) => {
    const res = await me(await token()).set('Accept-Language', 'en').expect(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHORIZED', title: 'Sign-in required' });
  });

  it('rejects a token sent other than as a Bearer header', async () => {
    const token = await eddsa(claims(userId));
    await http().get('/api/v1/me').set('Authorization', `Basic ${token}`).expect(401);
    await http().get(`/api/v1/me?access_token=${token}`).expect(401);
  });

  it('issues EdDSA tokens with the contract claims and a 10-minute life', async () => {
    const { accessToken, id } = await signUp(http);
    const [header, payload] = accessToken.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'JWT' });
    expect(payload).toMatchObject({ sub: id, roles: ['learner'], iss: ISSUER, aud: AUDIENCE });
    expect(payload.exp - payload.iat).toBe(600);
  });
});
