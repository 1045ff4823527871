import { createDataSource, SystemPingEntity } from '@baanrian/db';
import { QueueName } from '@baanrian/jobs';
import { createTestDatabase, eventually, type TestDatabase, testConfig } from '@baanrian/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Job, type Queue, UnrecoverableError } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { JobFailureListener } from '../src/failed-jobs/job-failure.listener';
import { JobFailureSweeper } from '../src/failed-jobs/job-failure.sweeper';
import { OMITTED, summarisePayload } from '../src/failed-jobs/job-failure.summary';
import { SystemPingJob } from '../src/system/system-ping.job';
import { SystemQueueProcessor } from '../src/system/system-queue.processor';
import { WorkerModule } from '../src/worker.module';

/*
 * Jobs that fail for good land in `job_failure` exactly once (issue 12, invariant I5), in the real
 * worker against real PostgreSQL and Redis. The ping handler stands in for any handler: it is
 * made to throw (a broken deploy), then restored (the fix). The API's retry is BullMQ's
 * `job.retry('failed', { resetAttemptsMade })`, called here as apps/api/src/failed-jobs does.
 */
let database: TestDatabase;
let db: DataSource;
let worker: INestApplicationContext;
let queue: Queue;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url }).initialize();
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig(database.url)), { logger: false });
  queue = worker.get<Queue>(getQueueToken(QueueName.System));
});

afterEach(() => jest.restoreAllMocks());

afterAll(async () => {
  await worker?.close();
  await db?.destroy();
  await database?.drop();
});

interface FailureRow {
  id: string;
  queue: string;
  job_name: string;
  payload: Record<string, unknown>;
  error_message: string;
  error_code: string | null;
  attempts: number;
  failures: number;
  status: string;
  first_failed_at: Date;
  last_failed_at: Date;
}

const rowsOf = (jobId: string): Promise<FailureRow[]> => db.query(`SELECT * FROM job_failure WHERE job_id = $1`, [jobId]);

async function newPing(): Promise<string> {
  return (await db.getRepository(SystemPingEntity).save({})).id;
}

/** Makes the ping handler throw `error` on every call (a broken handler); returns the spy. */
const breakHandler = (error: Error) => jest.spyOn(worker.get(SystemPingJob), 'handle').mockRejectedValue(error);

/** Adds a ping job with a few fast attempts and waits until its failure is recorded (once BullMQ gave up). */
async function failingPing(attempts = 3): Promise<{ job: Job; row: FailureRow; data: Record<string, unknown> }> {
  const data = { pingId: await newPing(), meta: { eventId: randomUUID(), requestId: 'req-failing' } };
  const job = await queue.add('system.ping', data, { jobId: randomUUID(), attempts, backoff: { type: 'fixed', delay: 20 } });
  const [row] = await eventually(async () => ((await rowsOf(job.id!)).length ? rowsOf(job.id!) : undefined), 20_000, 'the failure to be recorded');
  return { job, row, data };
}

const stateOf = async (jobId: string) => (await Job.fromId(queue, jobId))?.getState();

describe('a job that fails for good', () => {
  it('is recorded once, after its last attempt, with ids only, even when its failure is delivered again', async () => {
    const handler = breakHandler(Object.assign(new Error('mail server said no'), { code: 'EENVELOPE' }));
    const { job, row, data } = await failingPing(3);
    expect(handler).toHaveBeenCalledTimes(3);
    expect(await stateOf(job.id!)).toBe('failed');
    expect(row).toMatchObject({ queue: 'system', job_name: 'system.ping', payload: data, error_message: 'mail server said no', error_code: 'EENVELOPE', attempts: 3, failures: 1, status: 'open' });
    expect(row.first_failed_at).toEqual(row.last_failed_at);

    // The same failure again: BullMQ's event emitted a second time, the listener called directly
    // (a second worker), and a full sweep of the failed sets (a restarted worker).
    const stored = (await Job.fromId(queue, job.id!))!;
    worker.get(SystemQueueProcessor).worker.emit('failed', stored, new Error('mail server said no'), 'active');
    await worker.get(JobFailureListener).onFailed('system', stored, new Error('mail server said no'));
    expect(await worker.get(JobFailureSweeper).sweep(0)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the emitted event's write, had it made one
    const rows = await rowsOf(job.id!);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: row.id, failures: 1, attempts: 3, last_failed_at: row.last_failed_at });
  });

  it('is recorded after one attempt when the handler says it cannot succeed (UnrecoverableError)', async () => {
    const handler = breakHandler(new UnrecoverableError('the payload names no ping'));
    const { row } = await failingPing(5);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(row).toMatchObject({ attempts: 1, error_code: 'UnrecoverableError', error_message: 'the payload names no ping' });
  });

  it('is found by the sweep when the failed event never reached the database (worker killed, PostgreSQL away)', async () => {
    breakHandler(new Error('boom'));
    const { job, row } = await failingPing(2);
    await db.query(`DELETE FROM job_failure WHERE id = $1`, [row.id]);
    expect(await worker.get(JobFailureSweeper).sweep(Date.now() - 60_000)).toBe(1);
    const [found] = await rowsOf(job.id!);
    expect(found).toMatchObject({ job_name: 'system.ping', attempts: 2, failures: 1, status: 'open', error_message: 'boom', last_failed_at: row.last_failed_at });
    // Stack text is all Redis keeps of the error: its class is the code.
    expect(found.error_code).toBe('Error');
  });

  it('runs again when retried: a retry that fails again reopens the record; once the handler is fixed it completes', async () => {
    const handler = breakHandler(new Error('still broken'));
    const { job, row, data } = await failingPing(2);
    await db.query(`UPDATE job_failure SET status = 'retried', resolved_at = now() WHERE id = $1`, [row.id]); // as the API marks it
    const retry = async () => (await Job.fromId(queue, job.id!))!.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });

    await retry();
    const reopened = await eventually(async () => {
      const [r] = await rowsOf(job.id!);
      return r.failures === 2 ? r : undefined;
    }, 20_000, 'the second failure to reopen the record');
    expect(handler).toHaveBeenCalledTimes(4);
    expect(reopened).toMatchObject({ id: row.id, status: 'open', attempts: 2, first_failed_at: row.first_failed_at });
    expect(reopened.last_failed_at.getTime()).toBeGreaterThan(row.last_failed_at.getTime());

    handler.mockRestore(); // the fix is deployed
    await retry();
    await eventually(async () => ((await stateOf(job.id!)) === 'completed' ? true : undefined), 10_000, 'the retried job to complete');
    const ping = await db.getRepository(SystemPingEntity).findOneByOrFail({ id: data.pingId as string });
    expect(ping.completedAt).not.toBeNull();
    expect(await rowsOf(job.id!)).toHaveLength(1);
  });
});

describe('the payload summary', () => {
  it('keeps ids, numbers and the request context, and omits anything else (tokens, text)', () => {
    const id = randomUUID();
    expect(
      summarisePayload({ resetTokenId: id, sealedToken: 'v1.abc.def', version: 3, email: 'somchai@example.org', ruleId: 'has spaces in it', meta: { eventId: id, requestId: 'req-1', note: 'x' } }),
    ).toEqual({ resetTokenId: id, sealedToken: OMITTED, version: 3, email: OMITTED, ruleId: OMITTED, meta: { eventId: id, requestId: 'req-1', note: OMITTED } });
    expect(summarisePayload(null)).toEqual({});
  });
});
