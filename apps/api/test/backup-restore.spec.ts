import { verifyDataIntegrity } from '@baanrian/credentials';
import { createDataSource } from '@baanrian/db';
import { testConfig } from '@baanrian/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { seedDemo } from '../src/seed/demo-seed';
import { bearer, type Signed, signIn, signUp, signUpAdmin } from './accounts-helpers';
import { startApi } from './api-app';
import { countTicks, type DatabaseSnapshot, runDbScript, servePostgres, type ServedPostgres, snapshotDatabase, startTicking } from './backup-drill-helpers';
import { seedCredential, type SeededCredential } from './credentials-helpers';
import { createQuiz, enrolIn } from './quiz-attempts-helpers';

/**
 * The restore drill (docs/operations.md, "Backup and restore"): a server with real data, backed
 * up with `npm run db:backup` while it takes writes, destroyed, restored with `npm run db:restore`
 * into a new data directory, started on another port; then every table, every sequence and what
 * people see must be what they were. Timings are printed for the operations guide.
 */
jest.setTimeout(600_000);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'baanrian-drill-'));
let original: ServedPostgres | undefined;
let restored: ServedPostgres | undefined;
let api: { app: NestExpressApplication; db: DataSource } | undefined;
const http = () => request(api!.app.getHttpServer());

afterAll(async () => {
  await api?.app.close();
  await Promise.all([original?.stop(), restored?.stop()]);
  rmSync(tmp, { recursive: true, force: true });
});

interface Written {
  learner: Signed;
  credential: SeededCredential;
  attemptId: string;
  seed: string;
}

/** Demo year plus records written the way the API writes them: an account, a signed credential, a graded attempt. */
async function writeRecords(): Promise<Written> {
  const seed = await seedDemo(api!.db);
  await signUpAdmin(http, api!.db);
  const learner = await signUp(http, { displayName: 'สมหญิง กู้คืนได้' });
  const credential = await seedCredential(api!.app, api!.db, { userId: learner.id, learnerName: 'สมหญิง กู้คืนได้' });
  const quiz = await createQuiz(api!.db, { results_policy: 'immediately' });
  await enrolIn(api!.db, quiz.courseId, learner.id);
  const attempt = (await http().post(`/api/v1/learning/quizzes/${quiz.quizId}/attempts`).set(bearer(learner.accessToken)).expect(201)).body;
  await http().post(`/api/v1/learning/attempts/${attempt.id}/submit`).set(bearer(learner.accessToken)).set('Idempotency-Key', 'drill').expect(202);
  // The grade as the worker writes it (grading itself is the worker's tests' subject).
  await api!.db.query(`UPDATE quiz_attempt SET status = 'graded' WHERE id = $1`, [attempt.id]);
  await api!.db.query(`INSERT INTO quiz_grade (attempt_id, score, max_score, percent, passed, details) VALUES ($1, 7, 8, 87.5, true, $2::jsonb)`, [
    attempt.id,
    JSON.stringify({ score: 7, maxScore: 8, correct: 'partial', pendingManual: false, questions: [] }),
  ]);
  return { learner, credential, attemptId: attempt.id, seed };
}

async function migrate(url: string): Promise<void> {
  const db = await createDataSource({ url, applicationName: 'baanrian-drill' }).initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
  } finally {
    await db.destroy();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let backupDir: string;

describe('restore drill', () => {
  let written: Written;
  let before: DatabaseSnapshot;
  let after: DatabaseSnapshot;
  let ticks: { atStart: number; atEnd: number; restored: { count: number; max: number } };
  const timings: Record<string, string> = {};

  beforeAll(async () => {
    let t = Date.now();
    original = await servePostgres(path.join(tmp, 'pg-original'));
    await migrate(original.url);
    api = await startApi(testConfig(original.url));
    written = await writeRecords();
    timings.setup = seconds(Date.now() - t);
    // A result the learner sees, read before the backup: the restored system must say the same.
    expect((await http().get(`/api/v1/learning/attempts/${written.attemptId}/result`).set(bearer(written.learner.accessToken)).expect(200)).body).toMatchObject({ score: 7, percent: 87.5 });
    await api.app.close();
    api = undefined;
    before = await snapshotDatabase(original.url);

    // Backed up while another session commits: the copy must still be one consistent moment.
    const ticker = await startTicking(original.url);
    const atStart = (await countTicks(original.url)).max;
    t = Date.now();
    const backup = await runDbScript('db-backup', ['--physical', '--out', path.join(tmp, 'backups')], { DATABASE_URL: original.url });
    timings.backup = seconds(Date.now() - t);
    const atEnd = await ticker.stop();
    ticks = { atStart, atEnd, restored: { count: 0, max: 0 } };
    if (backup.code !== 0) throw new Error(`db:backup failed:\n${backup.output}`);
    expect(backup.output).not.toContain(new URL(original.url).password);
    backupDir = /Backup written: (.+)/.exec(backup.output)![1].trim();
    timings.backupLog = backup.output.trim().split('\n').filter((l) => l.includes('MB')).join(' ');

    // Disaster: the server and its data directory are gone.
    await original.stop();
    rmSync(path.join(tmp, 'pg-original'), { recursive: true, force: true });
    original = undefined;

    t = Date.now();
    const restore = await runDbScript('db-restore', [backupDir, '--data-dir', path.join(tmp, 'pg-restored')]);
    if (restore.code !== 0) throw new Error(`db:restore failed:\n${restore.output}`);
    timings.restoreCopy = seconds(Date.now() - t);
    restored = await servePostgres(path.join(tmp, 'pg-restored'));
    timings.restoreStart = seconds(restored.startMs);
    await migrate(restored.url); // as after every restore: nothing is pending, nothing breaks
    // Read before the API starts, so nothing it writes on its own can differ.
    after = await snapshotDatabase(restored.url, ['drill_tick']);
    ticks.restored = await countTicks(restored.url);
    api = await startApi(testConfig(restored.url));
    timings.destroyedToServing = seconds(Date.now() - t);
    console.log(`[restore drill] ${JSON.stringify({ ...timings, tables: Object.keys(before.tables).length, ticks })}`);
  });

  it('restores every table and sequence exactly as they were when the backup started', async () => {
    expect(written.seed).toBe('seeded');
    expect(Object.keys(after.tables).length).toBeGreaterThan(40);
    expect(after.tables.enrollment.rows).toBeGreaterThan(2000); // the demo year, not an empty schema
    expect(after).toEqual(before);
  });

  it('holds one consistent moment of a server taking writes: rows 1..k with no gap, none lost before the backup began', async () => {
    const { count, max } = ticks.restored;
    expect(count).toBe(max);
    expect(max).toBeGreaterThanOrEqual(ticks.atStart);
    expect(max).toBeLessThanOrEqual(ticks.atEnd);
  });

  it('serves the restored records: sign-in, a session, the graded attempt, a credential that verifies', async () => {
    const learner = await signIn(http, written.learner.email);
    expect(learner.id).toBe(written.learner.id);
    await http().post('/api/v1/auth/refresh').set('Cookie', written.learner.cookie).expect(200);
    const result = (await http().get(`/api/v1/learning/attempts/${written.attemptId}/result`).set(bearer(learner.accessToken)).expect(200)).body;
    expect(result).toMatchObject({ status: 'graded', score: 7, maxScore: 8, percent: 87.5, passed: true });

    const code = written.credential.code;
    const verification = (await http().get(`/api/v1/credentials/${code}/verification`).expect(200)).body;
    expect(verification).toMatchObject({ status: 'valid', learnerName: 'สมหญิง กู้คืนได้' });
    const document = JSON.parse((await http().get(`/api/v1/credentials/${code}/credential.json`).expect(200)).text);
    expect(document).toEqual(written.credential.document);
    const did = (await http().get('/.well-known/did.json').expect(200)).body as { verificationMethod: { id: string; publicKeyMultibase: string }[] };
    const resolve = async (id: string) => did.verificationMethod.find((m) => m.id === id) ?? null;
    expect((await verifyDataIntegrity(document, resolve)).verified).toBe(true);
  });
});

describe('backup and restore commands', () => {
  it('say in plain words which pg_dump to install when only an older one is found, without printing the password', async () => {
    const bin = path.join(tmp, 'old-client');
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"\n');
    chmodSync(path.join(bin, 'pg_dump'), 0o755);
    const client = new Client({ connectionString: restored!.url });
    await client.connect();
    const major = Number((await client.query(`SELECT current_setting('server_version_num')::int / 10000 AS major`)).rows[0].major);
    await client.end();

    const res = await runDbScript('db-backup', ['--logical', '--pg-bin', bin, '--out', path.join(tmp, 'refused')], { DATABASE_URL: restored!.url });
    expect(res.code).toBe(1);
    expect(res.output).toContain(`The database server is PostgreSQL ${major}, and pg_dump ${major} or newer is needed to back it up.`);
    expect(res.output).toContain(`Found only pg_dump 15 (${path.join(bin, 'pg_dump')})`);
    expect(res.output).toContain(`apt-get install postgresql-client-${major}`);
    expect(res.output).not.toContain(new URL(restored!.url).password);
    expect(existsSync(path.join(tmp, 'refused')) ? readdirSync(path.join(tmp, 'refused')) : []).toEqual([]);
  });

  it('refuse to restore over the data directory of a running server', async () => {
    const res = await runDbScript('db-restore', [backupDir, '--data-dir', path.join(tmp, 'pg-restored')]);
    expect(res.code).toBe(1);
    expect(res.output).toContain(`PostgreSQL is running on ${path.join(tmp, 'pg-restored')}: stop it first`);
  });
});
