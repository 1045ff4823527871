import { useTestApi } from './api-app';
import { bearer, signUp } from './accounts-helpers';
import { seedCredential } from './credentials-helpers';
import { CREDENTIAL_LOOKUP_RATE_LIMIT } from '../src/credentials/credential-lookup.throttle';

/**
 * Public verification and the credential downloads are limited per client address (Redis, shared
 * by every API process): past the free requests the answer is a 429 problem in the caller's
 * language with Retry-After, and waiting that long is enough. TRUST_PROXY lets the test speak for
 * several addresses, as a reverse proxy would.
 */
const api = useTestApi({ env: { TRUST_PROXY: 'true' } });
const http = api.http;
jest.setTimeout(60_000);

let nextIp = 1;
const freshIp = () => `198.51.100.${nextIp++}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('answers 429 with Retry-After once an address used its free lookups, across verification and downloads, and lets it go after the wait', async () => {
  const learner = await signUp(http);
  const credential = await seedCredential(api.app(), api.db(), { userId: learner.id });
  const ip = freshIp();
  const free = CREDENTIAL_LOOKUP_RATE_LIMIT.free;
  expect(free).toBeGreaterThanOrEqual(30); // a school office checking a class's certificates is never slowed
  const paths = [`/api/v1/credentials/${credential.code}/verification`, `/api/v1/credentials/${credential.code}/credential.json`, `/api/v1/credentials/${credential.code}/credential.jwt`, '/api/v1/credentials/ZZZZZZZZZZ/verification'];
  // The budget is shared by every lookup endpoint, and unknown codes count as well (guessing codes is what it stops).
  for (let i = 0; i < free; i++) {
    const path = paths[i % paths.length];
    await http().get(path).set('X-Forwarded-For', ip).expect(path.includes('ZZZZ') ? 404 : 200);
  }
  const limited = await http().get(paths[0]).set('X-Forwarded-For', ip).set('Accept-Language', 'en').expect(429);
  expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(limited.headers['retry-after']).toBe('1');
  expect(limited.body).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS', title: 'Too many attempts. Please wait 1 seconds and try again.' });
  const thai = await http().get(paths[1]).set('X-Forwarded-For', ip).set('Accept-Language', 'th').expect(429);
  expect(thai.body.title).toBe('ลองหลายครั้งเกินไป กรุณารอ 1 วินาทีแล้วลองใหม่');

  // Another address is not slowed by this one.
  await http().get(paths[0]).set('X-Forwarded-For', freshIp()).expect(200);

  // After Retry-After, one more passes; the next wait doubles.
  await sleep(1100);
  await http().get(paths[0]).set('X-Forwarded-For', ip).expect(200);
  expect((await http().get(paths[0]).set('X-Forwarded-For', ip).expect(429)).headers['retry-after']).toBe('2');
});

it('limits the signed-in learner\'s PDF download per address too', async () => {
  const learner = await signUp(http);
  const credential = await seedCredential(api.app(), api.db(), { userId: learner.id });
  const ip = freshIp();
  for (let i = 0; i < CREDENTIAL_LOOKUP_RATE_LIMIT.free; i++) {
    // Not rendered yet: a 404 problem, and it still counts.
    await http().get(`/api/v1/me/credentials/${credential.id}/certificate.pdf`).set(bearer(learner.accessToken)).set('X-Forwarded-For', ip).expect(404);
  }
  const limited = await http().get(`/api/v1/me/credentials/${credential.id}/certificate.pdf`).set(bearer(learner.accessToken)).set('X-Forwarded-For', ip).expect(429);
  expect(limited.headers['retry-after']).toBe('1');
  expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
  // The list of my certificates and the public issuer documents are not limited.
  await http().get('/api/v1/me/credentials').set(bearer(learner.accessToken)).set('X-Forwarded-For', ip).expect(200);
  await http().get('/.well-known/did.json').set('X-Forwarded-For', ip).expect(200);
});
