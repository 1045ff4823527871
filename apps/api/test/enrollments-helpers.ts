import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { startApi } from './api-app';
import { bearer, type Http } from './accounts-helpers';
import { addModule, addTextLesson, createCourse, publish } from './courses-helpers';

/**
 * The API on its own database with a bigger connection pool, so concurrent enrolments really run
 * side by side in PostgreSQL instead of queueing for ten connections.
 */
export function useEnrollmentApi(poolSize = 40) {
  let database: TestDatabase;
  let started: { app: NestExpressApplication; db: DataSource };
  beforeAll(async () => {
    database = await createTestDatabase();
    started = await startApi(testConfig(database.url, { DATABASE_POOL_SIZE: String(poolSize) }));
  });
  afterAll(async () => {
    await started?.app.close();
    await database?.drop();
  });
  return {
    http: (() => request(started.app.getHttpServer())) as Http,
    db: () => started.db,
    app: () => started.app,
  };
}

/** A course published through the studio (so course_seat follows the published capacity). */
export async function publishedCourse(http: Http, token: string, fields: Record<string, unknown> = {}): Promise<{ id: string; slug: string }> {
  const course = await createCourse(http, token, fields);
  const moduleId = await addModule(http, token, course.id);
  await addTextLesson(http, token, moduleId);
  await publish(http, token, course.id);
  return { id: course.id, slug: course.slug };
}

/** Edits the draft's fields and publishes again. */
export async function republish(http: Http, token: string, courseId: string, fields: Record<string, unknown>): Promise<void> {
  const draft = await http().get(`/api/v1/studio/courses/${courseId}`).set(bearer(token)).expect(200);
  await http().patch(`/api/v1/studio/courses/${courseId}`).set(bearer(token)).send({ draftRevision: draft.body.draftRevision, ...fields }).expect(200);
  await publish(http, token, courseId);
}

let seq = 0;

/** Learner accounts straight in the database (no password hashing): for load and concurrency tests. */
export async function insertLearners(db: DataSource, count: number, prefix = 'load'): Promise<{ id: string; email: string; account_code: string }[]> {
  const tag = `${prefix}${Date.now().toString(36)}${seq++}`;
  return db.query(
    `INSERT INTO app_user (email, account_code, display_name, target_group)
     SELECT $1 || '-' || g || '@example.org', upper($1) || '-' || g, 'ผู้เรียน ' || g, 'general_public' FROM generate_series(1, $2::int) g
     RETURNING id, email, account_code`,
    [tag, count],
  );
}

export async function outboxEvents(db: DataSource, type: string, courseId: string): Promise<{ userId: string; enrollmentId: string }[]> {
  const rows: { payload: { userId: string; enrollmentId: string } }[] = await db.query(
    `SELECT payload FROM outbox_event WHERE type = $1 AND payload->>'courseId' = $2 ORDER BY created_at`,
    [type, courseId],
  );
  return rows.map((r) => r.payload);
}
