import { renderCertificatePdf } from '@baanrian/certificates';
import { loadConfig, rawEnv } from '@baanrian/config';
import { buildOpenBadgeCredential, identityHash, signDataIntegrity, signVcJwt } from '@baanrian/credentials';
import { createDataSource } from '@baanrian/db';
import { Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { CertificatePdfs } from '../../../apps/worker/src/credentials/certificate-pdfs';
import { CredentialIssueJob } from '../../../apps/worker/src/credentials/credential-issue.job';
import { CredentialIssuer } from '../../../apps/worker/src/credentials/credential-issuer';
import { IssuerKeysService } from '../../../apps/worker/src/credentials/issuer-keys.service';
import { type BenchGroup, interleaved } from '../bench.group';
import { BENCH_APP_SECRET } from '../bench.stack';
import { summarise } from '../bench.stats';

/**
 * One district's completions in a term (the issue's figure), and the worker's default concurrency.
 * BENCH_CREDENTIALS_COMPLETIONS lowers the count for a quick look (the 30 s target is then scaled).
 */
const COMPLETIONS = Math.max(1, Number(rawEnv('BENCH_CREDENTIALS_COMPLETIONS') ?? 1_876));
const TARGET_SECONDS = (30 * COMPLETIONS) / 1_876;
const CONCURRENCY = 10;

/** A published course and COMPLETIONS learners who completed it, inserted in bulk. */
async function completions(db: DataSource): Promise<{ courseId: string; enrollmentIds: string[] }> {
  const [{ id: courseId }] = await db.query(
    `INSERT INTO course (slug, title, summary, language, target_groups, format, status, published_version, published_at, learning_hours)
     VALUES ($1, '{"th":"การดูแลผู้สูงอายุที่บ้าน","en":"Elder care at home"}', '{"th":"สรุป"}', 'th', '{elderly}', 'self_paced', 'published', 1, now(), 12) RETURNING id`,
    [`bench-credentials-${Date.now()}`],
  );
  const tag = randomUUID().slice(0, 8);
  await db.query(
    `INSERT INTO app_user (email, account_code, display_name, preferred_locale, target_group)
     SELECT 'cred-' || $1 || '-' || i || '@bench.example.org', 'BC-' || $1 || '-' || i, 'นางสาวสมศรี ใจดีมาก ' || i, 'th', 'general_public' FROM generate_series(1, $2) i`,
    [tag, COMPLETIONS],
  );
  const rows: { id: string }[] = await db.query(
    `INSERT INTO enrollment (course_id, user_id, status, activated_at, completed_at)
     SELECT $1, id, 'completed', now(), now() FROM app_user WHERE account_code LIKE 'BC-' || $2 || '-%' RETURNING id`,
    [courseId, tag],
  );
  return { courseId, enrollmentIds: rows.map((r) => r.id) };
}

/** Issued credentials of the course removed (PDF rows cascade; their media rows too), so the next run issues again. */
async function reset(db: DataSource, courseId: string): Promise<void> {
  await db.query(
    `WITH gone AS (DELETE FROM credential_pdf p USING credential c WHERE p.credential_id = c.id AND c.source_id = $1 RETURNING p.media_id)
     DELETE FROM media_asset WHERE id IN (SELECT media_id FROM gone)`,
    [courseId],
  );
  await db.query(`DELETE FROM outbox_event WHERE type = 'credential.issued'`);
  await db.query(`DELETE FROM credential WHERE source_id = $1`, [courseId]);
}

/**
 * Issue 9: 1,876 completions issued (signed OB3 credential, VC-JWT and rendered PDF stored in
 * media storage) in ≤ 30 s through the queue; and the queue path ≥ 0.85× the same signer and
 * renderer called in a plain loop without database or queue. Runs in this process against the
 * stack's PostgreSQL and Redis (the stack's own worker is not involved: its jobs would compete).
 */
export const credentialsGroup: BenchGroup = {
  name: 'credentials',
  issue: 9,
  async run({ stack: getStack, rounds, log }) {
    const stack = await getStack();
    const config = loadConfig({ NODE_ENV: 'test', APP_SECRET: BENCH_APP_SECRET, DATABASE_URL: stack.databaseUrl, REDIS_URL: stack.redisUrl, LOG_LEVEL: 'silent', MEDIA_DIR: path.join(os.tmpdir(), `bench-credentials-${process.pid}`) });
    const db = await createDataSource({ url: stack.databaseUrl, poolSize: CONCURRENCY + 2 }).initialize();
    try {
      const keys = new IssuerKeysService(db, config);
      const issueJob = new CredentialIssueJob(db, config, new CredentialIssuer(db, config, keys));
      const pdfs = new CertificatePdfs(db, config);
      const { courseId, enrollmentIds } = await completions(db);
      const key = await keys.active();

      /** Each completion as a `credential.issue` job, processed by a BullMQ worker: issue, then render. Seconds. */
      const queuePath = async (): Promise<number> => {
        await reset(db, courseId);
        const connection = { url: stack.redisUrl };
        const queue = new Queue('bench-credentials', { connection, prefix: 'bench' });
        await queue.obliterate({ force: true });
        const started = performance.now();
        await queue.addBulk(enrollmentIds.map((enrollmentId) => ({ name: 'credential.issue', data: { enrollmentId }, opts: { removeOnComplete: true } })));
        let done = 0;
        await new Promise<void>((resolve, reject) => {
          const worker: Worker = new Worker(
            'bench-credentials',
            async (job) => {
              await issueJob.handle({ enrollmentId: job.data.enrollmentId });
              const [{ id }] = await db.query(`SELECT id FROM credential WHERE enrollment_id = $1`, [job.data.enrollmentId]);
              await pdfs.ensure(id);
            },
            { connection, prefix: 'bench', concurrency: CONCURRENCY },
          );
          worker.on('failed', (_job, error) => reject(error));
          worker.on('completed', () => {
            if (++done === enrollmentIds.length) void worker.close().then(() => resolve());
          });
        });
        const seconds = (performance.now() - started) / 1000;
        await queue.obliterate({ force: true });
        await queue.close();
        return seconds;
      };

      /** The same signer and renderer, one completion after another, nothing stored. Seconds. */
      const plainLoop = async (): Promise<number> => {
        const started = performance.now();
        for (let i = 0; i < enrollmentIds.length; i++) {
          const id = randomUUID();
          const issuedAt = new Date();
          const unsigned = buildOpenBadgeCredential({
            id,
            issuer: { id: key.verificationMethod.split('#')[0], name: 'บ้านเรียน', url: config.http.publicUrl },
            validFrom: issuedAt.toISOString(),
            name: 'การดูแลผู้สูงอายุที่บ้าน',
            subjectIdentifierHash: identityHash(id, id),
            achievement: { id: `${config.http.publicUrl}/courses/x`, name: 'การดูแลผู้สูงอายุที่บ้าน', description: 'สรุป', criteriaNarrative: 'สรุป', imageUrl: `${config.http.publicUrl}/badge.png`, hours: 12, type: 'Course' },
            status: { listUrl: `${config.http.publicUrl}/api/v1/credentials/status/1`, index: i },
          });
          await signDataIntegrity(unsigned, key, issuedAt.toISOString());
          await signVcJwt(unsigned, key);
          await renderCertificatePdf({
            locale: 'th', learnerName: `นางสาวสมศรี ใจดีมาก ${i}`, courseTitle: 'การดูแลผู้สูงอายุที่บ้าน', hours: 12, issuedAt, serial: `BR-2569-${String(i).padStart(6, '0')}`,
            verifyUrl: `${config.http.publicUrl}/verify/ABCDEFGHJK`, template: { organisationName: 'บ้านเรียน (Baanrian)', signatories: [] },
          });
        }
        return (performance.now() - started) / 1000;
      };

      const runs = await interleaved(rounds, { queue: queuePath, loop: plainLoop }, (line) => log(`credentials: ${line}`));
      const rate = (seconds: number[]) => seconds.map((s) => enrollmentIds.length / s);
      return [
        summarise({
          group: 'credentials', name: `${COMPLETIONS} completions issued (signed credential + PDF), queue path`, unit: 's', baselineLabel: '-',
          target: { kind: 'abs-max', value: TARGET_SECONDS }, rounds: { ours: runs.queue, baseline: [] },
        }),
        summarise({
          group: 'credentials', name: `issuing throughput, queue path (concurrency ${CONCURRENCY}) vs plain loop`, unit: 'credentials/s', baselineLabel: 'same signer + renderer, plain loop, nothing stored',
          target: { kind: 'ratio-min', value: 0.85 }, rounds: { ours: rate(runs.queue), baseline: rate(runs.loop) },
        }),
      ];
    } finally {
      await db.destroy();
    }
  },
};
