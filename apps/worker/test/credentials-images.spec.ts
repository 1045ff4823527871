import type { AppConfig } from '@baanrian/config';
import { createDataSource, createMediaStorage, originalMediaKey } from '@baanrian/db';
import { createTestDatabase, eventually, type TestDatabase, testConfig } from '@baanrian/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import type { DataSource } from 'typeorm';
import { CertificatePdfs } from '../src/credentials/certificate-pdfs';
import { CredentialIssueJob } from '../src/credentials/credential-issue.job';
import { WorkerModule } from '../src/worker.module';
import { enrolled, person, publishedCourseWithSessions } from './learning-fixtures';

/**
 * The template's logo and signature images, uploaded to media storage and referenced by id in the
 * template, are drawn in every certificate PDF the worker renders (read back with poppler's
 * `pdfimages`); a template image whose file is gone still gives a PDF, without it.
 */
jest.setTimeout(60_000);

let database: TestDatabase;
let db: DataSource;
let config: AppConfig;
let worker: INestApplicationContext;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url }).initialize();
  config = testConfig(database.url, { PUBLIC_URL: 'https://learn.example.org' });
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
});

afterAll(async () => {
  await worker?.close();
  await db?.destroy();
  await database?.drop();
});

/** An image as the API's media upload leaves it: the file in storage and a ready row. */
async function uploadedImage(bytes: Buffer, contentType: 'image/png' | 'image/jpeg'): Promise<string> {
  const id = randomUUID();
  await createMediaStorage(config.media).put(originalMediaKey(id), Readable.from([bytes]), contentType);
  await db.query(
    `INSERT INTO media_asset (id, owner_id, kind, content_type, byte_size, sha256, storage_key, original_name) VALUES ($1, NULL, 'image', $2, $3, $4, $5, 'image')`,
    [id, contentType, bytes.length, createHash('sha256').update(bytes).digest('hex'), originalMediaKey(id)],
  );
  return id;
}

/** A completion issued; the worker renders its PDF from the `credential.issued` event, as in production. Its PDF id. */
async function renderedCertificate(): Promise<string> {
  const { courseId } = await publishedCourseWithSessions(db, []);
  const learner = await person(db, 'th', { displayName: 'สมศรี มีรูป' });
  const enrollmentId = await enrolled(db, courseId, learner.id, 'completed');
  expect(await worker.get(CredentialIssueJob).handle({ enrollmentId })).toBe('issued');
  const [pdf] = await eventually(async () => {
    const rows: { id: string }[] = await db.query(
      `SELECT p.id FROM credential_pdf p JOIN credential c ON c.id = p.credential_id WHERE c.enrollment_id = $1 AND p.media_id IS NOT NULL`,
      [enrollmentId],
    );
    return rows.length ? rows : undefined;
  }, 30_000, 'the rendered PDF');
  return pdf.id;
}

/** Width×height of every raster image in the PDF. */
function imagesIn(pdf: Buffer): string[] {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cert-images-')), 'certificate.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => line.trim().split(/\s+/).slice(3, 5).join('x'))
    .sort();
}

it('draws the template\'s logo (PNG) and signature (JPEG) in the certificates it renders, and renders without an image whose file is gone', async () => {
  const logo = await uploadedImage(await sharp({ create: { width: 160, height: 80, channels: 3, background: '#1b4d89' } }).png().toBuffer(), 'image/png');
  const signature = await uploadedImage(await sharp({ create: { width: 300, height: 90, channels: 3, background: '#ffffff' } }).jpeg().toBuffer(), 'image/jpeg');
  await db.query(`INSERT INTO credential_template (name, is_default, content) VALUES ('มีรูป', true, $1) ON CONFLICT (is_default) WHERE is_default DO UPDATE SET content = EXCLUDED.content`, [
    { organisationName: 'ศูนย์การเรียนรู้', logoMediaId: logo, signatories: [{ name: 'มาลี ศรีสุข', title: 'ผู้อำนวยการ', signatureMediaId: signature }] },
  ]);
  const pdfs = worker.get(CertificatePdfs);
  // Two certificates: the second is drawn with the images kept from the first.
  for (let i = 0; i < 2; i++) expect(imagesIn(await pdfs.bytes(await renderedCertificate()))).toEqual(['160x80', '300x90']);

  // A template naming an image that no longer exists still renders (the renderer logs a warning).
  await db.query(`UPDATE credential_template SET content = jsonb_set(content, '{logoMediaId}', to_jsonb($1::text)), version = version + 1 WHERE is_default`, [randomUUID()]);
  expect(imagesIn(await pdfs.bytes(await renderedCertificate()))).toEqual(['300x90']);
});
