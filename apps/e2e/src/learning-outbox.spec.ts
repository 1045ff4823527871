import { writeOutboxEvent, createDataSource } from '@baanrian/db';
import { type RunningRedis, startRedis } from '@baanrian/dev-services';
import { createTestDatabase, eventually, type TestDatabase } from '@baanrian/testing';
import type { DataSource } from 'typeorm';
import { type Proc, stopQuietly } from './support/process';
import { appEnv, freePort, startLiveApi, startWorker } from './support/stack';

/**
 * Issue 7's resilience promise, with the built api and worker as separate processes and a Redis
 * of this test's own: while Redis is down, an enrolment and a course completion still commit
 * (their events wait in the outbox); once Redis is back, the worker's relay delivers each event
 * once and its handler runs (the learner's completion notification appears).
 */
jest.setTimeout(120_000);

let database: TestDatabase;
let db: DataSource;
let redis: RunningRedis | undefined;
let redisPort: number;
let api: Proc;
let worker: Proc | undefined;
let baseUrl: string;
let env: NodeJS.ProcessEnv;

const call = async (method: string, url: string, token: string | null, body?: unknown) => {
  const res = await fetch(`${baseUrl}/api/v1${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url }).initialize();
  redisPort = await freePort();
  redis = await startRedis({ port: redisPort });
  const redisUrl = redis.url;
  ({ api, baseUrl, env } = await startLiveApi((port) => appEnv(database.url, port, { REDIS_URL: redisUrl, OUTBOX_POLL_MS: '100', LOG_LEVEL: 'warn' })));
});

afterAll(async () => {
  await Promise.all([stopQuietly(worker), stopQuietly(api)]);
  await redis?.stop();
  await db?.destroy();
  await database?.drop();
});

it('commits enrolments and completions while Redis is down, and delivers their events once it is back', async () => {
  // A published one-lesson course and a learner, made while everything runs.
  const admin = await call('POST', '/setup/admin', null, { email: 'admin@outbox.test', password: 'correct horse battery', displayName: 'ผู้ดูแล', preferredLocale: 'th' });
  expect(admin.status).toBe(201);
  const token = admin.body.accessToken as string;
  const course = await call('POST', '/studio/courses', token, { title: { th: 'ทดสอบ' }, summary: { th: 'สรุป' }, language: 'th', targetGroups: ['elderly'], format: 'self_paced' });
  const module = await call('POST', `/studio/courses/${course.body.id}/modules`, token, { title: 'บทที่ 1' });
  const lesson = await call('POST', `/studio/modules/${module.body.id}/lessons`, token, { type: 'text', title: 'อ่าน', content: { body: 'สวัสดี' } });
  expect((await call('POST', `/studio/courses/${course.body.id}/publish`, token)).status).toBe(200);
  const learner = await call('POST', '/auth/sign-up', null, { email: 'learner@outbox.test', password: 'correct horse battery', displayName: 'สมศรี', preferredLocale: 'th' });
  expect(learner.status).toBe(201);
  const learnerId = learner.body.user.id as string;

  await redis!.stop();
  redis = undefined;

  // The enrolment, written as the enrolment service writes it: the row and its event in one transaction.
  const enrollmentId = await db.transaction(async (manager) => {
    const [row] = await manager.query(`INSERT INTO enrollment (course_id, user_id, status, activated_at) VALUES ($1, $2, 'active', now()) RETURNING id`, [course.body.id, learnerId]);
    await writeOutboxEvent(manager, 'enrollment.created', { enrollmentId: row.id, courseId: course.body.id, userId: learnerId }, 'resilience');
    return row.id as string;
  });
  // Completing the only lesson completes the course, through the api, with Redis gone.
  const done = await call('PUT', `/learning/lessons/${lesson.body.id}/progress`, learner.body.accessToken, {});
  expect(done.status).toBe(200);
  expect(done.body.enrollmentStatus).toBe('completed');
  const waiting = await db.query(`SELECT type FROM outbox_event WHERE published_at IS NULL AND payload->>'enrollmentId' = $1 ORDER BY type`, [enrollmentId]);
  expect(waiting.map((e: { type: string }) => e.type)).toEqual(['enrollment.completed', 'enrollment.created', 'enrollment.started']);
  expect(await db.query(`SELECT 1 FROM notification WHERE user_id = $1`, [learnerId])).toHaveLength(0);

  // Redis back on the same address, and a worker: every event is relayed once and handled.
  redis = await startRedis({ port: redisPort });
  worker = startWorker(env);
  const published = await eventually(async () => {
    const rows = await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`);
    return rows[0].n === 0 ? true : undefined;
  }, 60_000, 'the outbox to drain');
  expect(published).toBe(true);
  const [notice] = await eventually(async () => {
    const rows = await db.query(`SELECT type, data FROM notification WHERE user_id = $1`, [learnerId]);
    return rows.length ? rows : undefined;
  }, 30_000, 'the completion notification');
  expect(notice).toMatchObject({ type: 'enrollment.completed', data: { enrollmentId } });
  const events = await db.query(`SELECT type, count(*)::int AS n FROM outbox_event WHERE payload->>'enrollmentId' = $1 GROUP BY type ORDER BY type`, [enrollmentId]);
  expect(events).toEqual([{ type: 'enrollment.completed', n: 1 }, { type: 'enrollment.created', n: 1 }, { type: 'enrollment.started', n: 1 }]);
});
