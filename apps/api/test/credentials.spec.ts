import { decodeStatusList, verifyDataIntegrity, verifyVcJwt } from '@baanrian/credentials';
import { useTestApi } from './api-app';
import { bearer, type Signed, signUp, signUpAdmin } from './accounts-helpers';
import { seedCredential } from './credentials-helpers';

const api = useTestApi();
const http = api.http;
jest.setTimeout(30_000);

const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const VERIFICATION_FIELDS = ['achievementName', 'issuedAt', 'issuerName', 'learnerName', 'revokedAt', 'serials', 'status'];

let admin: Signed;
let learner: Signed;
let other: Signed;

beforeAll(async () => {
  admin = await signUpAdmin(http, api.db());
  learner = await signUp(http);
  other = await signUp(http);
});

/** Problems differ only in the request path and id. */
const withoutInstance = (body: Record<string, unknown>) => ({ ...body, instance: undefined, requestId: undefined });

/** The public key of a verification method, as a verifier would find it: in the DID document. */
async function resolveFromDidDocument(verificationMethod: string): Promise<{ publicKeyMultibase: string } | null> {
  const did = await http().get('/.well-known/did.json').expect(200);
  const method = (did.body.verificationMethod as { id: string; publicKeyMultibase: string }[]).find((m) => m.id === verificationMethod);
  return method ? { publicKeyMultibase: method.publicKeyMultibase } : null;
}

async function uploadPng(): Promise<string> {
  const res = await http().post('/api/v1/media').set(bearer(admin.accessToken)).set('Content-Type', 'image/png').send(TINY_PNG).expect(201);
  return res.body.id;
}

const TEMPLATE = { name: 'แบบมาตรฐาน', content: { organisationName: 'ศูนย์การเรียนรู้บ้านเรียน', heading: 'เกียรติบัตร', signatories: [{ name: 'สมชาย ใจกว้าง', title: 'ผู้อำนวยการ' }] } };

describe('public verification', () => {
  it('answers a valid credential with the contract fields only, whatever the letter case of the code', async () => {
    const credential = await seedCredential(api.app(), api.db(), { userId: learner.id, learnerName: 'สมศรี ใจดี' });
    const res = await http().get(`/api/v1/credentials/${credential.code.toLowerCase()}/verification`).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(VERIFICATION_FIELDS);
    expect(res.body).toMatchObject({ status: 'valid', revokedAt: null, learnerName: 'สมศรี ใจดี', achievementName: 'การทำอาหารพื้นเมืองล้านนา', issuerName: 'Baanrian', serials: [] });
    expect(JSON.stringify(res.body)).not.toContain(learner.id);
  });

  it('answers an unknown and a malformed code with the same problem', async () => {
    const unknown = await http().get('/api/v1/credentials/ZZZZZZZZZZ/verification').set('Accept-Language', 'en').expect(404);
    const malformed = await http().get('/api/v1/credentials/not-a-code!/verification').set('Accept-Language', 'en').expect(404);
    const json = await http().get('/api/v1/credentials/ZZZZZZZZZZ/credential.json').set('Accept-Language', 'en').expect(404);
    expect(unknown.body.code).toBe('CREDENTIAL_NOT_FOUND');
    expect(withoutInstance(malformed.body)).toEqual(withoutInstance(unknown.body));
    expect(withoutInstance(json.body)).toEqual(withoutInstance(unknown.body));
    const th = await http().get('/api/v1/credentials/ZZZZZZZZZZ/verification').set('Accept-Language', 'th').expect(404);
    expect(th.body.title).toBe('ไม่พบใบรับรองที่มีรหัสนี้');
  });

  it('says invalid once the stored credential was altered after signing', async () => {
    const credential = await seedCredential(api.app(), api.db(), { userId: learner.id });
    // Valid first, so a remembered result cannot hide the change.
    expect((await http().get(`/api/v1/credentials/${credential.code}/verification`).expect(200)).body.status).toBe('valid');
    await api.db().query(`UPDATE credential SET document = jsonb_set(document, '{credentialSubject,achievement,name}', '"ปริญญาเอก"') WHERE id = $1`, [credential.id]);
    const res = await http().get(`/api/v1/credentials/${credential.code}/verification`).expect(200);
    expect(res.body.status).toBe('invalid');
  });

  it('serves the signed credential and its VC-JWT, verifiable with the published keys only', async () => {
    const credential = await seedCredential(api.app(), api.db(), { userId: learner.id });
    const json = await http().get(`/api/v1/credentials/${credential.code}/credential.json`).expect(200);
    expect(json.headers['content-type']).toMatch(/^application\/ld\+json/);
    const document = JSON.parse(json.text);
    expect(document.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect((await verifyDataIntegrity(document, resolveFromDidDocument)).verified).toBe(true);

    const jwt = await http().get(`/api/v1/credentials/${credential.code}/credential.jwt`).buffer(true).parse((res, cb) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => cb(null, text));
    }).expect(200);
    expect(jwt.headers['content-type']).toMatch(/^application\/vc\+jwt/);
    const jwks = await http().get('/api/v1/credentials/jwks.json').expect(200);
    // A JOSE verifier: the key comes from the JWK Set, matched on the header's kid.
    const result = await verifyVcJwt(jwt.body as string, (kid: string) => {
      const publicJwk = jwks.body.keys.find((k: { kid: string }) => k.kid === kid || kid.endsWith(`#${k.kid}`));
      return publicJwk ? { publicJwk } : null;
    });
    expect(result.verified).toBe(true);
  });

  it('publishes the issuer profile under the DID', async () => {
    await http().put('/api/v1/admin/credentials/issuer').set(bearer(admin.accessToken)).send({ name: { th: 'ศูนย์บ้านเรียน', en: 'Baanrian Centre' }, url: 'https://learn.example.org', email: 'cert@example.org' }).expect(200);
    const res = await http().get('/api/v1/credentials/issuer').expect(200);
    const did = await http().get('/.well-known/did.json').expect(200);
    expect(res.body).toMatchObject({ id: did.body.id, type: ['Profile'], name: 'ศูนย์บ้านเรียน', url: 'https://learn.example.org', email: 'cert@example.org' });
    expect(did.body.id).toMatch(/^did:web:/);
  });
});

describe('revocation and keys', () => {
  it('revokes with a reason: verification says revoked and the signed status list has the bit set', async () => {
    const credential = await seedCredential(api.app(), api.db(), { userId: learner.id });
    const revoked = await http().post(`/api/v1/admin/credentials/${credential.id}/revoke`).set(bearer(admin.accessToken)).send({ reason: 'ทุจริตในการสอบ' }).expect(200);
    expect(revoked.body).toMatchObject({ id: credential.id, revocationReason: 'ทุจริตในการสอบ' });
    const verification = await http().get(`/api/v1/credentials/${credential.code}/verification`).expect(200);
    expect(verification.body.status).toBe('revoked');
    expect(verification.body.revokedAt).toBe(revoked.body.revokedAt);
    expect(JSON.stringify(verification.body)).not.toContain('ทุจริต');

    const list = await http().get('/api/v1/credentials/status/1').expect(200);
    expect(list.headers['content-type']).toMatch(/^application\/ld\+json/);
    const statusList = JSON.parse(list.text);
    expect(statusList.type).toContain('BitstringStatusListCredential');
    expect((await verifyDataIntegrity(statusList, resolveFromDidDocument)).verified).toBe(true);
    expect(decodeStatusList(statusList.credentialSubject.encodedList).isSet(credential.statusIndex)).toBe(true);
    const outbox = await api.db().query(`SELECT payload FROM outbox_event WHERE type = 'credential.revoked'`);
    expect(outbox.map((r: { payload: { credentialId: string } }) => r.payload.credentialId)).toContain(credential.id);

    const again = await http().post(`/api/v1/admin/credentials/${credential.id}/revoke`).set(bearer(admin.accessToken)).set('Accept-Language', 'vi').send({ reason: 'lần nữa' }).expect(409);
    expect(again.body).toMatchObject({ code: 'CREDENTIAL_ALREADY_REVOKED', title: 'Chứng chỉ này đã bị thu hồi' });
  });

  it('rotates the key: both keys are published and credentials signed before still verify', async () => {
    const before = await seedCredential(api.app(), api.db(), { userId: learner.id });
    const oldKeys = (await http().get('/api/v1/admin/credentials/keys').set(bearer(admin.accessToken)).expect(200)).body;
    const rotated = await http().post('/api/v1/admin/credentials/keys/rotate').set(bearer(admin.accessToken)).expect(200);
    expect(rotated.body.status).toBe('active');
    const after = await seedCredential(api.app(), api.db(), { userId: learner.id });
    const keys = (await http().get('/api/v1/admin/credentials/keys').set(bearer(admin.accessToken)).expect(200)).body;
    expect(keys).toHaveLength(oldKeys.length + 1);
    expect(keys.filter((k: { status: string }) => k.status === 'active')).toHaveLength(1);
    const did = await http().get('/.well-known/did.json').expect(200);
    expect(did.body.verificationMethod).toHaveLength(keys.length);
    expect((await http().get('/api/v1/credentials/jwks.json').expect(200)).body.keys).toHaveLength(keys.length);
    for (const credential of [before, after]) {
      expect((await http().get(`/api/v1/credentials/${credential.code}/verification`).expect(200)).body.status).toBe('valid');
    }
  });
});

describe('my certificates', () => {
  it('lists my certificates with share links, and the PDF once rendered (nobody else\'s)', async () => {
    const credential = await seedCredential(api.app(), api.db(), { userId: learner.id, achievementName: 'Lanna cooking' });
    const list = await http().get('/api/v1/me/credentials').set(bearer(learner.accessToken)).expect(200);
    const mine = list.body.find((c: { id: string }) => c.id === credential.id);
    expect(mine).toMatchObject({ code: credential.code, pdfReady: false, revokedAt: null, serial: null });
    expect(mine.links.verificationPage).toMatch(new RegExp(`/verify/${credential.code}$`));
    const linkedIn = new URL(mine.linkedInAddToProfileUrl);
    expect(linkedIn.searchParams.get('startTask')).toBe('CERTIFICATION_NAME');
    expect(linkedIn.searchParams.get('name')).toBe('Lanna cooking');
    expect(linkedIn.searchParams.get('certId')).toBe(credential.code);

    const notReady = await http().get(`/api/v1/me/credentials/${credential.id}/certificate.pdf`).set(bearer(learner.accessToken)).expect(404);
    expect(notReady.body.code).toBe('CREDENTIAL_PDF_NOT_READY');

    const template = await http().post('/api/v1/admin/credentials/templates').set(bearer(admin.accessToken)).send(TEMPLATE).expect(201);
    const pdfBytes = Buffer.from('%PDF-1.4\n% test certificate\n%%EOF\n');
    const media = await http().post('/api/v1/media').set(bearer(admin.accessToken)).set('Content-Type', 'application/pdf').send(pdfBytes).expect(201);
    await api.db().query(
      `INSERT INTO credential_pdf (credential_id, serial, template_id, template_version, media_id, rendered_at) VALUES ($1, $2, $3, 1, $4, now())`,
      [credential.id, `BR-2569-${String(Date.now()).slice(-6)}`, template.body.id, media.body.id],
    );
    const pdf = await http().get(`/api/v1/me/credentials/${credential.id}/certificate.pdf`).set(bearer(learner.accessToken)).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(pdf.body).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await http().get(`/api/v1/credentials/${credential.code}/verification`).expect(200)).body.serials).toEqual([
      expect.objectContaining({ templateVersion: 1, current: true }),
    ]);

    const stranger = await http().get(`/api/v1/me/credentials/${credential.id}/certificate.pdf`).set(bearer(other.accessToken)).expect(404);
    expect(stranger.body.code).toBe('CREDENTIAL_NOT_FOUND');
    expect((await http().get('/api/v1/me/credentials').set(bearer(other.accessToken)).expect(200)).body).toEqual([]);
  });
});

describe('administration', () => {
  it('keeps templates versioned by content, checks their images, previews and reissues', async () => {
    const logo = await uploadPng();
    const created = await http().post('/api/v1/admin/credentials/templates').set(bearer(admin.accessToken)).send({ ...TEMPLATE, name: 'มีโลโก้', content: { ...TEMPLATE.content, logoMediaId: logo } }).expect(201);
    expect(created.body).toMatchObject({ version: 1, content: { logoMediaId: logo } });
    const renamed = await http().put(`/api/v1/admin/credentials/templates/${created.body.id}`).set(bearer(admin.accessToken)).send({ name: 'ชื่อใหม่' }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'ชื่อใหม่', version: 1 });
    const changed = await http().put(`/api/v1/admin/credentials/templates/${created.body.id}`).set(bearer(admin.accessToken)).send({ content: { ...TEMPLATE.content, heading: 'วุฒิบัตร' } }).expect(200);
    expect(changed.body.version).toBe(2);

    const badImage = await http().post('/api/v1/admin/credentials/templates').set(bearer(admin.accessToken)).set('Accept-Language', 'en').send({ ...TEMPLATE, content: { ...TEMPLATE.content, logoMediaId: '00000000-0000-4000-8000-000000000000' } }).expect(422);
    expect(badImage.body.code).toBe('CREDENTIAL_MEDIA_INVALID');

    const preview = await http().post('/api/v1/admin/credentials/templates/preview').set(bearer(admin.accessToken)).send({ content: { ...TEMPLATE.content, logoMediaId: logo }, locale: 'th' }).buffer(true).expect(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(preview.body).subarray(0, 5).toString()).toBe('%PDF-');

    const reissue = await http().post(`/api/v1/admin/credentials/templates/${created.body.id}/reissue`).set(bearer(admin.accessToken)).expect(202);
    expect(reissue.body).toEqual({ templateId: created.body.id, templateVersion: 2 });
    const [event] = await api.db().query(`SELECT payload FROM outbox_event WHERE type = 'credential.reissue-requested' ORDER BY created_at DESC LIMIT 1`);
    expect(event.payload).toEqual({ templateId: created.body.id });

    const templates = (await http().get('/api/v1/admin/credentials/templates').set(bearer(admin.accessToken)).expect(200)).body;
    const defaultTemplate = templates.find((t: { isDefault: boolean }) => t.isDefault);
    const refused = await http().delete(`/api/v1/admin/credentials/templates/${defaultTemplate.id}`).set(bearer(admin.accessToken)).expect(409);
    expect(refused.body.code).toBe('CREDENTIAL_TEMPLATE_IS_DEFAULT');
    await http().delete(`/api/v1/admin/credentials/templates/${created.body.id}`).set(bearer(admin.accessToken)).expect(204);
    await http().get(`/api/v1/admin/credentials/templates/${created.body.id}`).set(bearer(admin.accessToken)).expect(404);
  });

  it('searches issued credentials by learner name', async () => {
    const credential = await seedCredential(api.app(), api.db(), { userId: learner.id, learnerName: 'ประยุทธ ค้นหาได้' });
    const res = await http().get('/api/v1/admin/credentials').query({ q: 'ค้นหาได้' }).set(bearer(admin.accessToken)).expect(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({ id: credential.id, code: credential.code, learnerName: 'ประยุทธ ค้นหาได้', userId: learner.id });
  });

  it('manages title rules and queues an award run', async () => {
    const rule = await http().post('/api/v1/admin/credentials/title-rules').set(bearer(admin.accessToken)).send({ fiscalYear: 2569, name: { th: 'พลเมืองนักเรียนรู้' }, minCompletedCourses: 3, minHours: 20 }).expect(201);
    expect(rule.body).toMatchObject({ fiscalYear: 2569, minCompletedCourses: 3, minHours: 20, active: true });
    const updated = await http().put(`/api/v1/admin/credentials/title-rules/${rule.body.id}`).set(bearer(admin.accessToken)).send({ minHours: 25.5 }).expect(200);
    expect(updated.body).toMatchObject({ minHours: 25.5, minCompletedCourses: 3 });
    await http().post(`/api/v1/admin/credentials/title-rules/${rule.body.id}/award`).set(bearer(admin.accessToken)).expect(202);
    const [event] = await api.db().query(`SELECT payload FROM outbox_event WHERE type = 'credentials.award-titles' ORDER BY created_at DESC LIMIT 1`);
    expect(event.payload).toEqual({ ruleId: rule.body.id });
    await http().delete(`/api/v1/admin/credentials/title-rules/${rule.body.id}`).set(bearer(admin.accessToken)).expect(204);
    expect((await http().get('/api/v1/admin/credentials/title-rules').set(bearer(admin.accessToken)).expect(200)).body).toEqual([]);
  });
});
