import { verifyDataIntegrity } from '@baanrian/credentials';
import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { bearer, signUp, signUpAdmin } from './accounts-helpers';
import { startApi } from './api-app';
import { seedCredential } from './credentials-helpers';

/**
 * The CREDENTIALS_KEY rotation of docs/operations.md ("Key rotation"), step by step, on one
 * database: the api restarted with a new value cannot open the active issuer key until an
 * administrator rotates it; after that it signs with a key sealed under the new value, and
 * credentials signed before, under the old value's key, keep verifying.
 */
const OLD_VALUE = 'old-credentials-key-0123456789abcdef-0123';
const NEW_VALUE = 'new-credentials-key-fedcba9876543210-fedc';

let database: TestDatabase;
let api: { app: NestExpressApplication; db: DataSource } | undefined;
const http = () => request(api!.app.getHttpServer());

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await api?.app.close();
  await database?.drop();
});

async function resolver(): Promise<(id: string) => Promise<{ publicKeyMultibase: string } | null>> {
  const did = (await http().get('/.well-known/did.json').expect(200)).body as { verificationMethod: { id: string; publicKeyMultibase: string }[] };
  return async (id) => did.verificationMethod.find((m) => m.id === id) ?? null;
}

it('pauses signing until the issuer key is rotated under the new value; credentials signed before keep verifying', async () => {
  api = await startApi(testConfig(database.url, { CREDENTIALS_KEY: OLD_VALUE }));
  const admin = await signUpAdmin(http, api.db);
  const learner = await signUp(http);
  const before = await seedCredential(api.app, api.db, { userId: learner.id });
  await api.app.close();

  // Step 2: the api comes back with the new value. The active key was sealed under the old one.
  api = await startApi(testConfig(database.url, { CREDENTIALS_KEY: NEW_VALUE }));
  await http().get('/api/v1/credentials/status/1').expect(500);
  expect((await http().get(`/api/v1/credentials/${before.code}/verification`).expect(200)).body.status).toBe('valid');

  // Step 3: rotate. The new key is sealed under the new value and signing works again.
  await http().post('/api/v1/admin/credentials/keys/rotate').set(bearer(admin.accessToken)).expect(200);
  const statusList = JSON.parse((await http().get('/api/v1/credentials/status/1').expect(200)).text);
  expect((await verifyDataIntegrity(statusList, await resolver())).verified).toBe(true);
  const after = await seedCredential(api.app, api.db, { userId: learner.id });

  for (const credential of [before, after]) {
    expect((await http().get(`/api/v1/credentials/${credential.code}/verification`).expect(200)).body.status).toBe('valid');
    expect((await verifyDataIntegrity(credential.document, await resolver())).verified).toBe(true);
  }
  const keys = (await http().get('/api/v1/admin/credentials/keys').set(bearer(admin.accessToken)).expect(200)).body as { status: string }[];
  expect(keys.map((k) => k.status).sort()).toEqual(['active', 'retired']);
});
