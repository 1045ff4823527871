import type { AppConfig } from '@baanrian/config';
import { createDataSource, writeOutboxEvent } from '@baanrian/db';
import { createTestDatabase, eventually, type SmtpSink, startSmtpSink, type TestDatabase, testConfig, testServers, TEST_JWT_PRIVATE_KEY, uniqueName } from '@baanrian/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { CredentialDeliveryJob } from '../src/credentials/credential-delivery.job';
import { CredentialIssueJob } from '../src/credentials/credential-issue.job';
import { CredentialReissueJob } from '../src/credentials/credential-reissue.job';
import { CredentialsReconcileJob } from '../src/credentials/credentials-reconcile.job';
import { IssuerKeysService } from '../src/credentials/issuer-keys.service';
import { WorkerModule } from '../src/worker.module';
import { enrolled, person, publishedCourseWithSessions } from './learning-fixtures';

/**
 * Certificates, exactly once, against real PostgreSQL, Redis and SMTP: a completed enrolment
 * becomes one signed credential, one rendered PDF in media storage and one mail, however often the
 * event arrives and even when the worker is killed (SIGKILL) in the middle of issuing.
 */
let database: TestDatabase;
let db: DataSource;
let smtp: SmtpSink;
let config: AppConfig;
const mediaDir = path.join(os.tmpdir(), 'baanrian-test-media', uniqueName('cred'));
const queuePrefix = uniqueName('q');

beforeAll(async () => {
  smtp = await startSmtpSink();
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url }).initialize();
  config = testConfig(database.url, { SMTP_URL: smtp.url, PUBLIC_URL: 'https://learn.example.org', MEDIA_DIR: mediaDir, QUEUE_PREFIX: queuePrefix });
});

afterAll(async () => {
  await smtp?.close();
  await db?.destroy();
  await database?.drop();
});

async function completedLearners(count: number, locale = 'th'): Promise<{ courseId: string; enrollmentIds: string[]; userIds: string[] }> {
  const course = await publishedCourseWithSessions(db, []);
  await db.query(`UPDATE course SET learning_hours = 6 WHERE id = $1`, [course.courseId]);
  const enrollmentIds: string[] = [];
  const userIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const learner = await person(db, locale, { displayName: `สมศรี ใจดี ${i}` });
    const enrollmentId = await enrolled(db, course.courseId, learner.id, 'completed');
    await db.query(`UPDATE enrollment SET completed_at = now() WHERE id = $1`, [enrollmentId]);
    enrollmentIds.push(enrollmentId);
    userIds.push(learner.id);
  }
  return { courseId: course.courseId, enrollmentIds, userIds };
}

/** What the API writes when a course is completed: the event, in a transaction. */
async function completionEvent(courseId: string, enrollmentId: string, userId: string): Promise<void> {
  await db.transaction((manager) => writeOutboxEvent(manager, 'enrollment.completed', { enrollmentId, courseId, userId }, 'req-complete'));
}

interface Delivered {
  credentials: number;
  pdfsWithMedia: number;
  mailed: number;
}

async function delivered(enrollmentIds: string[]): Promise<Delivered> {
  const [row] = await db.query(
    `SELECT count(DISTINCT c.id)::int AS credentials, count(p.media_id)::int AS "pdfsWithMedia", count(DISTINCT c.id) FILTER (WHERE c.mailed_at IS NOT NULL)::int AS mailed
       FROM credential c LEFT JOIN credential_pdf p ON p.credential_id = c.id WHERE c.enrollment_id = ANY($1::uuid[])`,
    [enrollmentIds],
  );
  return row;
}

const mailsFor = (credentialId: string) => smtp.mails.filter((mail) => mail.headers['message-id'] === `<credential.${credentialId}@learn.example.org>`);

describe('issuing a certificate', () => {
  let worker: INestApplicationContext;
  beforeAll(async () => {
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  });
  afterAll(async () => worker?.close());

  it('creates an active issuer key on first start, sealed, and rotation keeps the old one listed', async () => {
    const [key] = await db.query(`SELECT kid, status, private_key_sealed FROM issuer_key WHERE status = 'active'`);
    expect(key.kid).toBeTruthy();
    // Sealed: the PKCS#8 DER prefix of an Ed25519 key is not in the stored bytes.
    expect(Buffer.from(key.private_key_sealed).includes(Buffer.from('302e020100300506032b6570', 'hex'))).toBe(false);
    const rotated = await worker.get(IssuerKeysService).rotate();
    expect(rotated.kid).not.toBe(key.kid);
    expect(await db.query(`SELECT kid, status FROM issuer_key ORDER BY created_at`)).toEqual([
      { kid: key.kid, status: 'retired' },
      { kid: rotated.kid, status: 'active' },
    ]);
  });

  it('gives a learner who completed a course one signed credential, one PDF and one mail, though the event came three times', async () => {
    const { courseId, enrollmentIds, userIds } = await completedLearners(1);
    for (let i = 0; i < 3; i++) await completionEvent(courseId, enrollmentIds[0], userIds[0]);
    const [credential] = await eventually(async () => {
      const rows = await db.query(`SELECT c.*, c.mailed_at IS NOT NULL AS mailed FROM credential c WHERE enrollment_id = $1 AND mailed_at IS NOT NULL`, [enrollmentIds[0]]);
      return rows.length ? rows : undefined;
    }, 30_000, 'the mailed credential');
    expect(credential).toMatchObject({ kind: 'course', source_id: courseId, user_id: userIds[0], learner_name: 'สมศรี ใจดี 0', achievement_name: 'ทำอาหารพื้นบ้าน' });
    expect(credential.verification_code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(credential.document.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.document.id).toBe(`urn:uuid:${credential.id}`);
    expect(credential.document.proof).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022' });
    expect(credential.jwt.split('.')).toHaveLength(3);
    const [pdf] = await db.query(`SELECT p.serial, m.content_type, m.byte_size FROM credential_pdf p JOIN media_asset m ON m.id = p.media_id WHERE p.credential_id = $1`, [credential.id]);
    expect(pdf.serial).toMatch(new RegExp(`^BR-${new Date().getFullYear() + 543}-\\d{6}$`));
    expect(pdf.content_type).toBe('application/pdf');
    const mails = mailsFor(credential.id);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('ทำอาหารพื้นบ้าน');
    expect(mails[0].raw).toContain(`certificate-${pdf.serial}.pdf`);
    expect(mails[0].text).toContain(`https://learn.example.org/verify/${credential.verification_code}`);
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything late would have arrived
    expect(await delivered(enrollmentIds)).toEqual({ credentials: 1, pdfsWithMedia: 1, mailed: 1 });
    expect(mailsFor(credential.id)).toHaveLength(1);
  });

  it('issues once when the job runs several times at the same moment', async () => {
    const { enrollmentIds } = await completedLearners(1);
    const job = worker.get(CredentialIssueJob);
    const results = await Promise.all([1, 2, 3, 4].map(() => job.handle({ enrollmentId: enrollmentIds[0] })));
    expect(results.sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'issued']);
    expect((await delivered(enrollmentIds)).credentials).toBe(1);
  });

  it('reconciliation issues, renders and mails a certificate whose event was lost, and reports it', async () => {
    const { enrollmentIds } = await completedLearners(1, 'en');
    // No event at all (as if lost): nothing happens until the nightly run.
    const summary = await worker.get(CredentialsReconcileJob).handle();
    expect(summary.issued).toBeGreaterThanOrEqual(1);
    expect(summary.enrollmentIds).toContain(enrollmentIds[0]);
    const [{ id }] = await db.query(`SELECT id FROM credential WHERE enrollment_id = $1`, [enrollmentIds[0]]);
    // Its delivery event was written by the issue; delivery (or the next run) renders and mails it.
    await eventually(async () => ((await delivered(enrollmentIds)).mailed === 1 ? true : undefined), 30_000, 'the delivery');
    expect(mailsFor(id)).toHaveLength(1);
    expect(mailsFor(id)[0].subject).toMatch(/^Your certificate: Home cooking/);
    const [run] = await db.query(`SELECT summary FROM credential_reconcile_run ORDER BY finished_at DESC LIMIT 1`);
    expect(run.summary.issued).toBe(summary.issued);
    // A second run finds nothing left to do.
    expect((await worker.get(CredentialsReconcileJob).handle()).enrollmentIds).not.toContain(enrollmentIds[0]);
  });

  it('reissues after a template change: a new PDF with a new serial, the old serial kept and marked superseded', async () => {
    const { enrollmentIds } = await completedLearners(1);
    await worker.get(CredentialIssueJob).handle({ enrollmentId: enrollmentIds[0] });
    const [{ id }] = await db.query(`SELECT id FROM credential WHERE enrollment_id = $1`, [enrollmentIds[0]]);
    await worker.get(CredentialDeliveryJob).handle({ credentialId: id });
    const [{ template_id: templateId, serial: oldSerial }] = await db.query(`SELECT template_id, serial FROM credential_pdf WHERE credential_id = $1`, [id]);
    await db.query(`UPDATE credential_template SET version = version + 1, content = jsonb_set(content, '{heading}', '"เกียรติบัตรฉบับใหม่"') WHERE id = $1`, [templateId]);
    expect((await worker.get(CredentialReissueJob).handle({ templateId })).reissued).toBeGreaterThanOrEqual(1);
    const pdfs = await db.query(`SELECT serial, media_id IS NOT NULL AS rendered, superseded_at IS NOT NULL AS superseded FROM credential_pdf WHERE credential_id = $1 ORDER BY serial`, [id]);
    expect(pdfs).toHaveLength(2);
    expect(pdfs.find((p: { serial: string }) => p.serial === oldSerial)).toMatchObject({ superseded: true });
    expect(pdfs.find((p: { serial: string }) => p.serial !== oldSerial)).toMatchObject({ rendered: true, superseded: false });
    expect((await worker.get(CredentialReissueJob).handle({ templateId })).reissued).toBe(0);
  });
});

describe('a worker killed (SIGKILL) while issuing', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  function startWorkerProcess(): ChildProcess {
    const child = spawn(process.execPath, ['dist/apps/worker/main.js'], {
      cwd: testServers().repoRoot,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: database.url,
        REDIS_URL: testServers().redisUrl,
        QUEUE_PREFIX: queuePrefix,
        SMTP_URL: smtp.url,
        PUBLIC_URL: 'https://learn.example.org',
        MEDIA_DIR: mediaDir,
        OUTBOX_POLL_MS: '50',
        LOG_LEVEL: 'silent',
        AUTH_JWT_PRIVATE_KEY: TEST_JWT_PRIVATE_KEY,
      },
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  }

  it('leaves exactly one credential, one rendered PDF and one mail per learner after the restart', async () => {
    const { courseId, enrollmentIds, userIds } = await completedLearners(12);
    const first = startWorkerProcess();
    for (const [i, enrollmentId] of enrollmentIds.entries()) {
      await completionEvent(courseId, enrollmentId, userIds[i]);
      await completionEvent(courseId, enrollmentId, userIds[i]); // and a duplicate
    }
    // Kill it as soon as issuing has started: some credentials exist, others are in flight.
    await eventually(async () => ((await delivered(enrollmentIds)).credentials >= 1 ? true : undefined), 60_000, 'the first credential');
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    startWorkerProcess();
    // Jobs the dead worker held come back once BullMQ sees them stalled (~30 s).
    await eventually(async () => ((await delivered(enrollmentIds)).mailed === 12 ? true : undefined), 120_000, 'all twelve delivered');
    expect(await delivered(enrollmentIds)).toEqual({ credentials: 12, pdfsWithMedia: 12, mailed: 12 });
    const ids: { id: string }[] = await db.query(`SELECT id FROM credential WHERE enrollment_id = ANY($1::uuid[])`, [enrollmentIds]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const { id } of ids) expect(mailsFor(id)).toHaveLength(1);
  }, 180_000);
});
