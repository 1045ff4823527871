import { LOCALES } from '@baanrian/contracts';
import { eventually } from '@baanrian/testing';
import type { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { bearer, signUp, signUpAdmin, type Signed } from './accounts-helpers';
import { useTestApi } from './api-app';
import { FailedJobsFixture, insertFailureOf, insertJobFailure } from './failed-jobs-helpers';
import { FAILED_JOBS_ERROR_STATUS } from '../src/failed-jobs/failed-jobs.exception';
import { PROBLEM_TITLES } from '../src/problem/problem.messages';

/*
 * Administrators see every job that failed for good and retry or dismiss it (issue 12, I5),
 * against real PostgreSQL and Redis: a retry sends the same BullMQ job back, and a fixed handler
 * then completes it. Recording failures is the worker's (apps/worker/test/failed-jobs.spec.ts).
 */

const api = useTestApi();
const http = api.http;
const BASE = '/api/v1/admin/jobs/failed';
let admin: Signed;
let learner: Signed;
let fixture: FailedJobsFixture;

beforeAll(async () => {
  admin = await signUpAdmin(http, api.db());
  learner = await signUp(http);
  fixture = FailedJobsFixture.of(api.app());
});

afterAll(async () => {
  await fixture?.close();
});

beforeEach(async () => {
  await api.db().query(`DELETE FROM job_failure`);
});

const asAdmin = (path: string, method: 'get' | 'post' = 'get') => http()[method](`${BASE}${path}`).set(bearer(admin.accessToken));

describe('failed jobs problem codes', () => {
  it.each(Object.keys(FAILED_JOBS_ERROR_STATUS))('%s has a title in Thai, English and Vietnamese', (code) => {
    for (const locale of LOCALES) expect(PROBLEM_TITLES[code]?.[locale]).toMatch(/\S/);
  });
});

describe('GET /admin/jobs/failed', () => {
  it('lists failures newest first, filtered by queue and status, in pages that keep the total', async () => {
    const minute = (n: number) => new Date(Date.UTC(2026, 10, 23, 10, n));
    const oldest = await insertJobFailure(api.db(), { queue: 'mail', jobName: 'account.password-reset-requested', failedAt: minute(1) });
    const middle = await insertJobFailure(api.db(), { queue: 'system', failedAt: minute(2) });
    const dismissed = await insertJobFailure(api.db(), { queue: 'mail', status: 'dismissed', failedAt: minute(3) });

    const all = await asAdmin('').expect(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([dismissed, middle, oldest]);
    expect(all.body.items[2]).toMatchObject({ queue: 'mail', jobName: 'account.password-reset-requested', status: 'open', attempts: 5, failures: 1, errorMessage: 'handler threw', errorCode: 'Error', lastFailedAt: minute(1).toISOString() });

    const mailOpen = await asAdmin('').query({ queue: 'mail', status: 'open' }).expect(200);
    expect(mailOpen.body).toMatchObject({ total: 1, items: [{ id: oldest }] });
    const page2 = await asAdmin('').query({ limit: 1, offset: 1 }).expect(200);
    expect(page2.body).toMatchObject({ total: 3, items: [{ id: middle }] });
    const past = await asAdmin('').query({ limit: 10, offset: 30 }).expect(200);
    expect(past.body).toEqual({ items: [], total: 3 });
  });

  it('refuses unknown filters and fields with a problem in the caller’s language', async () => {
    const res = await asAdmin('').query({ queue: 'nope', status: 'gone', limit: 0 }).set('Accept-Language', 'vi').expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.title).toBe('Dữ liệu gửi lên không hợp lệ');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'queue', 'status']);
  });

  it('is for administrators only: learners get 403, anonymous callers 401', async () => {
    await insertJobFailure(api.db());
    expect((await http().get(BASE).set(bearer(learner.accessToken)).expect(403)).body.code).toBe('FORBIDDEN');
    await http().get(BASE).expect(401);
    await http().post(`${BASE}/${randomUUID()}/retry`).set(bearer(learner.accessToken)).expect(403);
    await http().post(`${BASE}/${randomUUID()}/dismiss`).set(bearer(learner.accessToken)).send({ reason: 'not mine to dismiss' }).expect(403);
  });
});

describe('POST /admin/jobs/failed/{id}/retry', () => {
  it('sends the same job back to its queue (attempts reset); the fixed handler completes it; audited once', async () => {
    const data = { pingId: randomUUID(), meta: { eventId: randomUUID(), requestId: 'req-retry' } };
    const failed = await fixture.failForGood('system', 'system.ping', data);
    const id = await insertFailureOf(api.db(), 'system', failed);

    const res = await asAdmin(`/${id}/retry`, 'post').expect(200);
    expect(res.body).toMatchObject({ id, status: 'retried', resolvedByName: 'สมศรี ทดสอบ', resolutionNote: null });
    const waiting = await fixture.queue('system').getJob(String(failed.id));
    expect(await waiting?.getState()).toBe('waiting');
    expect(waiting?.attemptsMade).toBe(0);

    const ran: Job[] = [];
    const fixed = fixture.run('system', async (job) => void ran.push(job));
    await eventually(async () => ((await waiting!.getState()) === 'completed' ? true : undefined), 10_000, 'the retried job to complete');
    await fixed.close();
    expect(ran.map((j) => ({ id: j.id, name: j.name, data: j.data }))).toEqual([{ id: failed.id, name: 'system.ping', data }]);

    const audit = await api.db().query(`SELECT actor_id, action, target_id, details FROM audit_log WHERE action = 'job.retry'`);
    expect(audit).toEqual([{ actor_id: admin.id, action: 'job.retry', target_id: id, details: { queue: 'system', jobId: failed.id, jobName: 'system.ping' } }]);

    const again = await asAdmin(`/${id}/retry`, 'post').set('Accept-Language', 'th').expect(409);
    expect(again.body).toMatchObject({ code: 'JOB_FAILURE_NOT_OPEN', title: PROBLEM_TITLES.JOB_FAILURE_NOT_OPEN.th });
  });

  it('cannot retry a job that is no longer in its queue: 409, and the record stays open', async () => {
    const id = await insertJobFailure(api.db());
    const res = await asAdmin(`/${id}/retry`, 'post').expect(409);
    expect(res.body.code).toBe('JOB_FAILURE_GONE');
    const [row] = await api.db().query(`SELECT status, resolved_by_id FROM job_failure WHERE id = $1`, [id]);
    expect(row).toEqual({ status: 'open', resolved_by_id: null });
    expect(await api.db().query(`SELECT 1 FROM audit_log WHERE target_id = $1`, [id])).toEqual([]);
  });

  it('never resends a mail that may already have gone out (mail.unconfirmed): listed as not retryable, retry 409 in the caller\'s language, record open', async () => {
    const id = await insertJobFailure(api.db(), { queue: 'mail', jobId: `mail.unconfirmed.${randomUUID()}`, jobName: 'mail.unconfirmed', payload: { key: 'credential.issued:x' } });
    const other = await insertJobFailure(api.db(), { queue: 'mail', jobName: 'account.password-reset-requested' });
    const listed = await asAdmin('').query({ queue: 'mail' }).expect(200);
    expect(Object.fromEntries(listed.body.items.map((i: { id: string; retryable: boolean }) => [i.id, i.retryable]))).toEqual({ [id]: false, [other]: true });

    const res = await asAdmin(`/${id}/retry`, 'post').set('Accept-Language', 'vi').expect(409);
    expect(res.body).toMatchObject({ code: 'JOB_FAILURE_NOT_RETRYABLE', title: PROBLEM_TITLES.JOB_FAILURE_NOT_RETRYABLE.vi });
    const [row] = await api.db().query(`SELECT status, resolved_by_id FROM job_failure WHERE id = $1`, [id]);
    expect(row).toEqual({ status: 'open', resolved_by_id: null });
    expect(await api.db().query(`SELECT 1 FROM audit_log WHERE target_id = $1`, [id])).toEqual([]);
    // Dismissing is how it is closed.
    await asAdmin(`/${id}/dismiss`, 'post').send({ reason: 'asked the learner: the mail arrived' }).expect(200);
  });

  it('answers 404 for an unknown record and 400 for an id that is not one', async () => {
    expect((await asAdmin(`/${randomUUID()}/retry`, 'post').expect(404)).body.code).toBe('JOB_FAILURE_NOT_FOUND');
    await asAdmin('/not-a-uuid/retry', 'post').expect(400);
  });
});

describe('POST /admin/jobs/failed/{id}/dismiss', () => {
  it('needs a reason, then closes the record with it, audited; a closed record cannot be retried', async () => {
    const failed = await fixture.failForGood('mail', 'account.password-reset-requested', { resetTokenId: randomUUID(), sealedToken: '[omitted]' });
    const id = await insertFailureOf(api.db(), 'mail', failed);

    const bad = await asAdmin(`/${id}/dismiss`, 'post').send({ reason: ' x ', extra: true }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'reason']);

    const res = await asAdmin(`/${id}/dismiss`, 'post').send({ reason: '  The account was erased  ' }).expect(200);
    expect(res.body).toMatchObject({ id, status: 'dismissed', resolutionNote: 'The account was erased', resolvedByName: 'สมศรี ทดสอบ' });
    const [audit] = await api.db().query(`SELECT action, details FROM audit_log WHERE target_id = $1`, [id]);
    expect(audit).toEqual({ action: 'job.dismiss', details: { queue: 'mail', jobId: failed.id, jobName: 'account.password-reset-requested', reason: 'The account was erased' } });

    expect((await asAdmin(`/${id}/retry`, 'post').expect(409)).body.code).toBe('JOB_FAILURE_NOT_OPEN');
    expect((await asAdmin(`/${id}/dismiss`, 'post').send({ reason: 'twice' }).expect(409)).body.code).toBe('JOB_FAILURE_NOT_OPEN');
    // The job itself is left alone in the failed set, until BullMQ expires it.
    expect(await (await fixture.queue('mail').getJob(String(failed.id)))?.getState()).toBe('failed');
  });
});
