import { TEST_JWT_PRIVATE_KEY } from '@baanrian/testing';
import { createLocalJWKSet, exportJWK, type JSONWebKeySet, jwtVerify, SignJWT } from 'jose';
import { execFileSync } from 'node:child_process';
import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomUUID, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

  /**
   * A token signed with the attacker's own key, the key advertised in the header: by URL (`jku`,
   * `x5u`, served by the attacker's server) or embedded (`jwk`, `x5c`), or a `kid` naming a file.
   * The api verifies with its own key only: every such token is 401, and it never fetches the URLs.
   */
  describe('keys advertised in the token header (ASVS 9.1.3)', () => {
    const attacker = generateKeyPairSync('ed25519');
    let certKey: KeyObject;
    let certPem: string;
    let server: Server;
    let baseUrl: string;
    const fetched: string[] = [];

    beforeAll(async () => {
      // A real self-signed certificate for the x5u/x5c cases, so the advertised key would verify.
      const dir = mkdtempSync(path.join(tmpdir(), 'jwt-x5u-'));
      try {
        execFileSync('openssl', ['req', '-x509', '-newkey', 'ed25519', '-nodes', '-subj', '/CN=evil.example', '-days', '1', '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`], { stdio: 'ignore' });
        certKey = createPrivateKey(readFileSync(`${dir}/key.pem`));
        certPem = readFileSync(`${dir}/cert.pem`, 'utf8');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const jwk = { ...(await exportJWK(attacker.publicKey)), kid: 'evil', alg: 'EdDSA', use: 'sig' };
      server = createServer((req, res) => {
        fetched.push(req.url ?? '');
        if (req.url === '/jwks.json') res.setHeader('Content-Type', 'application/json').end(JSON.stringify({ keys: [jwk] }));
        else res.setHeader('Content-Type', 'application/pem-certificate-chain').end(certPem);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const signed = (header: Record<string, unknown>, key: KeyObject) => new SignJWT(claims(userId)).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', ...header }).sign(key);

    it.each([
      ['jku: a JWK Set URL on the attacker\'s server', async () => signed({ kid: 'evil', jku: `${baseUrl}/jwks.json` }, attacker.privateKey)],
      ['jwk: the attacker\'s public key embedded', async () => signed({ jwk: await exportJWK(attacker.publicKey) }, attacker.privateKey)],
      ['x5u: a certificate URL on the attacker\'s server', async () => signed({ x5u: `${baseUrl}/cert.pem` }, certKey)],
      ['x5c: the attacker\'s certificate embedded', async () => signed({ x5c: [new X509Certificate(certPem).raw.toString('base64')] }, certKey)],
      [
        'kid naming a file, HS256 with that file\'s (empty) content as the secret',
        async () => {
          const head = `${b64({ alg: 'HS256', typ: 'JWT', kid: '../../../../../../dev/null' })}.${b64(claims(userId))}`;
          return `${head}.${createHmac('sha256', '').update(head).digest('base64url')}`;
        },
      ],
    ])('rejects %s with 401', async (_case, token) => {
      const res = await me(await token()).set('Accept-Language', 'th').expect(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHORIZED', title: 'กรุณาเข้าสู่ระบบ' });
    });

    it('never fetched an advertised URL', () => {
      expect(fetched).toEqual([]);
    });

    it('is a real attack: a verifier that trusted jku would accept the jku token (the control)', async () => {
      const jwks = (await (await fetch(`${baseUrl}/jwks.json`)).json()) as JSONWebKeySet;
      const token = await signed({ kid: 'evil', jku: `${baseUrl}/jwks.json` }, attacker.privateKey);
      await expect(jwtVerify(token, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] })).resolves.toBeDefined();
    });
  });
});
