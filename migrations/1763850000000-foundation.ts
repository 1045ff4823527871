import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Courses (the catalog slice), the transactional outbox, system pings, worker heartbeats, seed markers. */
export class Foundation1763850000000 implements MigrationInterface {
  name = 'Foundation1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "course" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "slug" text NOT NULL,
      "title" jsonb NOT NULL,
      "summary" jsonb NOT NULL,
      "language" text NOT NULL DEFAULT 'th',
      "target_groups" text array NOT NULL,
      "format" text NOT NULL,
      "status" text NOT NULL DEFAULT 'draft',
      "published_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_course_slug" UNIQUE ("slug"),
      CONSTRAINT "PK_course" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "course_target_groups_idx" ON "course" ("target_groups")`);
    await q.query(`CREATE TABLE "outbox_event" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "type" text NOT NULL,
      "payload" jsonb NOT NULL,
      "request_id" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "attempts" integer NOT NULL DEFAULT 0,
      "last_error" text,
      "published_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_outbox_event" PRIMARY KEY ("id"))`);
    await q.query(
      `CREATE INDEX "outbox_event_unpublished_idx" ON "outbox_event" ("available_at", "created_at") WHERE published_at IS NULL`,
    );
    await q.query(`CREATE TABLE "seed_run" (
      "name" text NOT NULL,
      "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_seed_run" PRIMARY KEY ("name"))`);
    await q.query(`CREATE TABLE "system_ping" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "completed_at" TIMESTAMP WITH TIME ZONE,
      "completed_by" text,
      CONSTRAINT "PK_system_ping" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "worker_heartbeat" (
      "worker_id" text NOT NULL,
      "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_worker_heartbeat" PRIMARY KEY ("worker_id"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "worker_heartbeat"`);
    await q.query(`DROP TABLE "system_ping"`);
    await q.query(`DROP TABLE "seed_run"`);
    await q.query(`DROP INDEX "outbox_event_unpublished_idx"`);
    await q.query(`DROP TABLE "outbox_event"`);
    await q.query(`DROP INDEX "course_target_groups_idx"`);
    await q.query(`DROP TABLE "course"`);
  }
}
