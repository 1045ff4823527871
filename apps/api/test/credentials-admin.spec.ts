import { CREDENTIAL_ADMIN_PAGE_SIZE } from '@baanrian/contracts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { useTestApi } from './api-app';
import { bearer, type Signed, signUp, signUpAdmin } from './accounts-helpers';
import { seedCredential } from './credentials-helpers';

/**
 * Administration of certificates beyond the basics (credentials.spec.ts): audited revocation and
 * reissue, the reconciliation report, title rules and their public Achievement, template images
 * (uploaded through media, checked, drawn in the PDF), template deletion and the paged list.
 */
const api = useTestApi({ env: { PUBLIC_URL: 'https://learn.example.org' } });
const http = api.http;
jest.setTimeout(60_000);

let admin: Signed;
let learner: Signed;
const asAdmin = <T extends { set: (h: Record<string, string>) => T }>(req: T) => req.set(bearer(admin.accessToken));

beforeAll(async () => {
  admin = await signUpAdmin(http, api.db());
  learner = await signUp(http);
});

const TEMPLATE = { name: 'แบบมาตรฐาน', content: { organisationName: 'ศูนย์การเรียนรู้บ้านเรียน', heading: 'เกียรติบัตร', signatories: [] as unknown[] } };

async function upload(bytes: Buffer, contentType: string): Promise<string> {
  const res = await asAdmin(http().post('/api/v1/media')).set('Content-Type', contentType).send(bytes).expect(201);
  return res.body.id;
}

/** A PNG of the given size in pixels, noise so that it does not compress. */
const noisePng = (width: number, height: number) =>
  sharp(Buffer.from(Array.from({ length: width * height * 3 }, () => Math.floor(Math.random() * 256))), { raw: { width, height, channels: 3 } }).png().toBuffer();

const audit = async (action: string) =>
  (await asAdmin(http().get('/api/v1/admin/audit').query({ limit: 100 })).expect(200)).body.items.filter((e: { action: string }) => e.action === action);

describe('revocation and reissue are audited', () => {
  it('writes credential.revoke with the reason in the same transaction as the revocation', async () => {
    const credential = await seedCredential(api.app(), api.db(), { userId: learner.id });
    await asAdmin(http().post(`/api/v1/admin/credentials/${credential.id}/revoke`)).send({ reason: 'ออกให้ผิดคน' }).expect(200);
    expect(await audit('credential.revoke')).toEqual([
      expect.objectContaining({ actorId: admin.id, targetId: credential.id, details: { code: credential.code, reason: 'ออกให้ผิดคน' } }),
    ]);

    // When the audit entry cannot be written, the credential is not revoked either.
    const other = await seedCredential(api.app(), api.db(), { userId: learner.id });
    await api.db().query(`ALTER TABLE audit_log ADD CONSTRAINT no_revoke_audit CHECK (action <> 'credential.revoke') NOT VALID`);
    try {
      await asAdmin(http().post(`/api/v1/admin/credentials/${other.id}/revoke`)).send({ reason: 'ทดสอบ' }).expect(500);
    } finally {
      await api.db().query(`ALTER TABLE audit_log DROP CONSTRAINT no_revoke_audit`);
    }
    expect((await http().get(`/api/v1/credentials/${other.code}/verification`).expect(200)).body.status).toBe('valid');
    const [row] = await api.db().query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'credential.revoked' AND payload->>'credentialId' = $1`, [other.id]);
    expect(row.n).toBe(0);
  });

  it('writes credential.reissue with the template version, together with the reissue request', async () => {
    const template = await asAdmin(http().post('/api/v1/admin/credentials/templates')).send({ ...TEMPLATE, name: 'ออกใหม่' }).expect(201);
    await asAdmin(http().post(`/api/v1/admin/credentials/templates/${template.body.id}/reissue`)).expect(202);
    expect(await audit('credential.reissue')).toEqual([
      expect.objectContaining({ actorId: admin.id, targetId: template.body.id, details: { templateName: 'ออกใหม่', templateVersion: 1 } }),
    ]);

    await api.db().query(`ALTER TABLE audit_log ADD CONSTRAINT no_reissue_audit CHECK (action <> 'credential.reissue') NOT VALID`);
    try {
      await asAdmin(http().post(`/api/v1/admin/credentials/templates/${template.body.id}/reissue`)).expect(500);
    } finally {
      await api.db().query(`ALTER TABLE audit_log DROP CONSTRAINT no_reissue_audit`);
    }
    const [row] = await api.db().query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'credential.reissue-requested' AND payload->>'templateId' = $1`, [template.body.id]);
    expect(row.n).toBe(1);
  });
});

describe('reconciliation report', () => {
  it('shows nothing before the first run, then the latest run\'s report', async () => {
    expect((await asAdmin(http().get('/api/v1/admin/credentials/reconciliation')).expect(200)).body).toEqual({ lastRun: null });
    const summary = (issued: number) => ({ issued, rendered: 1, mailed: 2, enrollmentIds: issued ? ['6f1c4c2e-6b1e-4c55-9a43-1d2f3e4a5b6c'] : [] });
    // What the worker's nightly job writes.
    await api.db().query(`INSERT INTO credential_reconcile_run (started_at, finished_at, summary) VALUES ($1, $2, $3), ($4, $5, $6)`, [
      '2026-11-21T19:30:00Z', '2026-11-21T19:30:04Z', summary(0),
      '2026-11-22T19:30:00Z', '2026-11-22T19:30:07Z', summary(1),
    ]);
    const res = await asAdmin(http().get('/api/v1/admin/credentials/reconciliation')).expect(200);
    expect(res.body).toEqual({ lastRun: { startedAt: '2026-11-22T19:30:00.000Z', finishedAt: '2026-11-22T19:30:07.000Z', ...summary(1) } });
    await http().get('/api/v1/admin/credentials/reconciliation').set(bearer(learner.accessToken)).expect(403);
  });
});

describe('title rules', () => {
  it('serves each rule publicly as the Open Badges Achievement its titles name, and keeps rules with awards', async () => {
    await asAdmin(http().put('/api/v1/admin/credentials/issuer')).send({ name: { th: 'ศูนย์บ้านเรียน' }, url: 'https://learn.example.org' }).expect(200);
    const rule = await asAdmin(http().post('/api/v1/admin/credentials/title-rules'))
      .send({ fiscalYear: 2569, name: { th: 'พลเมืองแห่งการเรียนรู้', en: 'Learning citizen' }, minCompletedCourses: 2, minHours: 10 })
      .expect(201);
    const res = await http().get(`/api/v1/credentials/titles/${rule.body.id}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const did = (await http().get('/.well-known/did.json').expect(200)).body.id;
    expect(JSON.parse(res.text)).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: `https://learn.example.org/api/v1/credentials/titles/${rule.body.id}`,
      type: ['Achievement'],
      achievementType: 'Achievement',
      name: 'พลเมืองแห่งการเรียนรู้',
      description: 'พลเมืองแห่งการเรียนรู้ ประจำปีงบประมาณ พ.ศ. 2569',
      criteria: { narrative: 'เรียนจบอย่างน้อย 2 รายวิชา และมีชั่วโมงการเรียนรู้รวมอย่างน้อย 10 ชั่วโมง ในปีงบประมาณ พ.ศ. 2569 (1 ตุลาคม 2568 ถึง 30 กันยายน 2569)' },
      image: { id: 'https://learn.example.org/badge.png', type: 'Image' },
      creator: { id: did, type: ['Profile'], name: 'ศูนย์บ้านเรียน', url: 'https://learn.example.org' },
      inLanguage: 'th',
    });
    const unknown = await http().get('/api/v1/credentials/titles/00000000-0000-4000-8000-000000000000').set('Accept-Language', 'en').expect(404);
    expect(unknown.body.code).toBe('CREDENTIAL_TITLE_RULE_NOT_FOUND');

    // "Award now" queues the worker's job through the outbox.
    await asAdmin(http().post(`/api/v1/admin/credentials/title-rules/${rule.body.id}/award`)).expect(202);
    const events = await api.db().query(`SELECT payload FROM outbox_event WHERE type = 'credentials.award-titles'`);
    expect(events.map((e: { payload: unknown }) => e.payload)).toContainEqual({ ruleId: rule.body.id });

    // Once somebody holds the title, the rule stays (its URL must keep resolving); deactivating is the way.
    await api.db().query(`UPDATE credential SET kind = 'title', source_id = $1 WHERE id = $2`, [rule.body.id, (await seedCredential(api.app(), api.db(), { userId: learner.id })).id]);
    const refused = await asAdmin(http().delete(`/api/v1/admin/credentials/title-rules/${rule.body.id}`)).set('Accept-Language', 'vi').expect(409);
    expect(refused.body).toMatchObject({ code: 'CREDENTIAL_TITLE_RULE_IN_USE', title: expect.stringContaining('Không thể xóa quy tắc này') });
    await asAdmin(http().put(`/api/v1/admin/credentials/title-rules/${rule.body.id}`)).send({ active: false }).expect(200);
    await http().get(`/api/v1/credentials/titles/${rule.body.id}`).expect(200);
  });
});

describe('template images', () => {
  it('accepts uploaded PNG and JPEG logos and signatures and draws them in the PDF', async () => {
    const logo = await upload(await noisePng(120, 60), 'image/png');
    const signature = await upload(await sharp({ create: { width: 300, height: 90, channels: 3, background: '#ffffff' } }).jpeg().toBuffer(), 'image/jpeg');
    const content = { ...TEMPLATE.content, logoMediaId: logo, signatories: [{ name: 'สมชาย ใจกว้าง', title: 'ผู้อำนวยการ', signatureMediaId: signature }] };
    const created = await asAdmin(http().post('/api/v1/admin/credentials/templates')).send({ name: 'มีรูป', content }).expect(201);
    expect(created.body.content).toMatchObject({ logoMediaId: logo, signatories: [{ signatureMediaId: signature }] });

    const preview = await asAdmin(http().post('/api/v1/admin/credentials/templates/preview')).send({ content, locale: 'th' }).buffer(true).expect(200);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cred-preview-')), 'preview.pdf');
    writeFileSync(file, Buffer.from(preview.body));
    // pdfimages lists the raster images on the page: the logo (120×60) and the signature (300×90).
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean).map((line) => line.trim().split(/\s+/).slice(3, 5).join('x'));
    expect(images.sort()).toEqual(['120x60', '300x90']);
  });

  it('refuses images that are not PNG or JPEG, and images over 2 MB, in the caller\'s language', async () => {
    const webp = await upload(await sharp({ create: { width: 40, height: 40, channels: 3, background: '#336699' } }).webp().toBuffer(), 'image/webp');
    const wrongType = await asAdmin(http().post('/api/v1/admin/credentials/templates')).set('Accept-Language', 'en')
      .send({ ...TEMPLATE, content: { ...TEMPLATE.content, logoMediaId: webp } })
      .expect(422);
    expect(wrongType.body).toMatchObject({ code: 'CREDENTIAL_MEDIA_INVALID', title: 'The chosen image must be an uploaded PNG or JPEG file' });

    const large = await noisePng(1000, 900); // ~2.7 MB: uploads as media (10 MB limit), too big for every certificate
    expect(large.length).toBeGreaterThan(2 * 1024 * 1024);
    const bigLogo = await upload(large, 'image/png');
    const tooLarge = await asAdmin(http().post('/api/v1/admin/credentials/templates/preview')).set('Accept-Language', 'th')
      .send({ content: { ...TEMPLATE.content, signatories: [{ name: 'ก', title: 'ข', signatureMediaId: bigLogo }] } })
      .expect(422);
    expect(tooLarge.body).toMatchObject({ code: 'CREDENTIAL_MEDIA_TOO_LARGE', title: 'รูปภาพสำหรับใบรับรองต้องมีขนาดไม่เกิน 2 MB' });
    await asAdmin(http().put('/api/v1/admin/credentials/issuer')).send({ name: { th: 'ศูนย์' }, url: 'https://learn.example.org', imageMediaId: bigLogo }).expect(422);
  });
});

describe('templates and the issued list', () => {
  it('deletes an unused template, but not the default nor one whose PDFs were issued', async () => {
    const templates = (await asAdmin(http().get('/api/v1/admin/credentials/templates')).expect(200)).body;
    const defaultTemplate = templates.find((t: { isDefault: boolean }) => t.isDefault);
    expect((await asAdmin(http().delete(`/api/v1/admin/credentials/templates/${defaultTemplate.id}`)).expect(409)).body.code).toBe('CREDENTIAL_TEMPLATE_IS_DEFAULT');

    const used = await asAdmin(http().post('/api/v1/admin/credentials/templates')).send({ ...TEMPLATE, name: 'ใช้แล้ว' }).expect(201);
    const credential = await seedCredential(api.app(), api.db(), { userId: learner.id });
    await api.db().query(`INSERT INTO credential_pdf (credential_id, serial, template_id, template_version) VALUES ($1, 'BR-2569-900001', $2, 1)`, [credential.id, used.body.id]);
    const inUse = await asAdmin(http().delete(`/api/v1/admin/credentials/templates/${used.body.id}`)).set('Accept-Language', 'en').expect(409);
    expect(inUse.body).toMatchObject({ code: 'CREDENTIAL_TEMPLATE_IN_USE', title: 'This template cannot be deleted: certificates were issued with it' });

    const unused = await asAdmin(http().post('/api/v1/admin/credentials/templates')).send({ ...TEMPLATE, name: 'ไม่ได้ใช้' }).expect(201);
    await asAdmin(http().delete(`/api/v1/admin/credentials/templates/${unused.body.id}`)).expect(204);
    await asAdmin(http().get(`/api/v1/admin/credentials/templates/${unused.body.id}`)).expect(404);
  });

  it('pages the issued list with limit and offset, newest first, with the total', async () => {
    const base = Date.parse('2030-01-01T00:00:00Z');
    const seeded = [];
    for (let i = 0; i < CREDENTIAL_ADMIN_PAGE_SIZE + 5; i++) {
      seeded.push(await seedCredential(api.app(), api.db(), { userId: learner.id, learnerName: `หน้า ${i}`, issuedAt: new Date(base + i * 60_000) }));
    }
    const newestFirst = seeded.map((c) => c.id).reverse();
    const first = await asAdmin(http().get('/api/v1/admin/credentials').query({ q: 'หน้า', limit: CREDENTIAL_ADMIN_PAGE_SIZE, offset: 0 })).expect(200);
    expect(first.body.total).toBe(seeded.length);
    expect(first.body.items.map((c: { id: string }) => c.id)).toEqual(newestFirst.slice(0, CREDENTIAL_ADMIN_PAGE_SIZE));
    const second = await asAdmin(http().get('/api/v1/admin/credentials').query({ q: 'หน้า', limit: CREDENTIAL_ADMIN_PAGE_SIZE, offset: CREDENTIAL_ADMIN_PAGE_SIZE })).expect(200);
    expect(second.body).toMatchObject({ total: seeded.length });
    expect(second.body.items.map((c: { id: string }) => c.id)).toEqual(newestFirst.slice(CREDENTIAL_ADMIN_PAGE_SIZE));
    // Past the end: no items, and still the total (the portal shows "page N of M").
    const past = await asAdmin(http().get('/api/v1/admin/credentials').query({ q: 'หน้า', limit: 10, offset: 100 })).expect(200);
    expect(past.body).toEqual({ items: [], total: seeded.length });
    expect((await asAdmin(http().get('/api/v1/admin/credentials').query({ limit: 500 })).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
