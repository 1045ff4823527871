import type { MigrationInterface, QueryRunner } from "typeorm";

/** Jobs that failed for good, kept for administrators to retry or dismiss (issue 12, invariant I5). */
export class JobFailures1795473000000 implements MigrationInterface {
    name = 'JobFailures1795473000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "job_failure" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "queue" text NOT NULL,
                "job_id" text NOT NULL,
                "job_name" text NOT NULL,
                "payload" jsonb NOT NULL,
                "error_message" text NOT NULL,
                "error_code" text,
                "attempts" integer NOT NULL,
                "failures" integer NOT NULL DEFAULT '1',
                "first_failed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_failed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" text NOT NULL DEFAULT 'open',
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "resolved_by_id" uuid,
                "resolution_note" text,
                CONSTRAINT "UQ_job_failure_job" UNIQUE ("queue", "job_id"),
                CONSTRAINT "job_failure_status_check" CHECK (status IN ('open', 'retried', 'dismissed')),
                CONSTRAINT "PK_job_failure" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "job_failure_status_idx" ON "job_failure" ("status", "last_failed_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "job_failure"
            ADD CONSTRAINT "FK_job_failure_resolved_by" FOREIGN KEY ("resolved_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "job_failure" DROP CONSTRAINT "FK_job_failure_resolved_by"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."job_failure_status_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "job_failure"
        `);
    }
}
