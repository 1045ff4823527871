import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Participation reports (issue 10): the daily course rollup and the learner-year table the worker
 * maintains from outbox events, measured reach (daily salts, hashed visits, their daily rollup),
 * recorded campaign reach, plan targets, export jobs, and `enrollment.started_at` (first
 * attendance or first lesson). Generated from the entities, then reviewed: ids default to
 * gen_random_uuid(); started_at backfilled by hand from existing attendance and progress (the
 * earliest progress write stands in for the first opening, which was never recorded).
 */
export class Reports1795451708624 implements MigrationInterface {
    name = 'Reports1795451708624'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "report_course_day" (
                "course_id" uuid NOT NULL,
                "day" date NOT NULL,
                "target_group" text NOT NULL,
                "province" text NOT NULL,
                "district" text NOT NULL,
                "channel" text NOT NULL,
                "enrollments" integer NOT NULL DEFAULT '0',
                "withdrawals" integer NOT NULL DEFAULT '0',
                "starts" integer NOT NULL DEFAULT '0',
                "completions" integer NOT NULL DEFAULT '0',
                "cohort_completions" integer NOT NULL DEFAULT '0',
                "certificates" integer NOT NULL DEFAULT '0',
                "learning_hours" numeric(12, 1) NOT NULL DEFAULT '0',
                CONSTRAINT "PK_report_course_day" PRIMARY KEY (
                    "course_id",
                    "day",
                    "target_group",
                    "province",
                    "district",
                    "channel"
                )
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "report_course_day_day_idx" ON "report_course_day" ("day")
        `);
        await queryRunner.query(`
            CREATE TABLE "report_learner_year" (
                "fiscal_year" smallint NOT NULL,
                "user_id" uuid NOT NULL,
                "target_group" text NOT NULL,
                "province" text NOT NULL DEFAULT '',
                "district" text NOT NULL DEFAULT '',
                "enrolled_months" integer NOT NULL DEFAULT '0',
                "online_months" integer NOT NULL DEFAULT '0',
                "onsite_months" integer NOT NULL DEFAULT '0',
                "started_months" integer NOT NULL DEFAULT '0',
                "completed_months" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_report_learner_year" PRIMARY KEY ("fiscal_year", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "report_dirty" (
                "kind" text NOT NULL,
                "key" text NOT NULL,
                "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_report_dirty" PRIMARY KEY ("kind", "key")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "report_learner_year_user_idx" ON "report_learner_year" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "reach_visit" (
                "day" date NOT NULL,
                "visitor_hash" bytea NOT NULL,
                "page_key" text NOT NULL,
                "course_id" uuid,
                "source" text NOT NULL,
                "utm_source" text NOT NULL DEFAULT '',
                "utm_medium" text NOT NULL DEFAULT '',
                "utm_campaign" text NOT NULL DEFAULT '',
                CONSTRAINT "PK_reach_visit" PRIMARY KEY ("day", "visitor_hash", "page_key")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "reach_visit_day_idx" ON "reach_visit" ("day")
        `);
        await queryRunner.query(`
            CREATE TABLE "reach_salt" (
                "day" date NOT NULL,
                "salt" bytea NOT NULL,
                CONSTRAINT "PK_reach_salt" PRIMARY KEY ("day")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "report_reach_day" (
                "day" date NOT NULL,
                "page_key" text NOT NULL,
                "source" text NOT NULL,
                "utm_campaign" text NOT NULL,
                "course_id" uuid,
                "visitors" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_report_reach_day" PRIMARY KEY ("day", "page_key", "source", "utm_campaign")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "reach_campaign" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "channel" text NOT NULL,
                "starts_on" date NOT NULL,
                "ends_on" date NOT NULL,
                "course_id" uuid,
                "programme" text,
                "impressions" integer,
                "reach" integer NOT NULL,
                "note" text NOT NULL DEFAULT '',
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_reach_campaign" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "reach_campaign_starts_on_idx" ON "reach_campaign" ("starts_on")
        `);
        await queryRunner.query(`
            CREATE TABLE "report_plan" (
                "fiscal_year" smallint NOT NULL,
                "target_group" text NOT NULL,
                "measure" text NOT NULL,
                "target" numeric(14, 1) NOT NULL,
                "updated_by_id" uuid,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_report_plan" PRIMARY KEY ("fiscal_year", "target_group", "measure")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "report_export" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requested_by_id" uuid,
                "format" text NOT NULL,
                "kind" text NOT NULL,
                "query" jsonb NOT NULL,
                "locale" text NOT NULL DEFAULT 'en',
                "status" text NOT NULL DEFAULT 'queued',
                "progress" smallint NOT NULL DEFAULT '0',
                "row_count" integer,
                "storage_key" text,
                "byte_size" bigint,
                "error" text,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_report_export" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "report_export_requested_by_idx" ON "report_export" ("requested_by_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollment"
            ADD "started_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            UPDATE enrollment e SET started_at = s.first_at
            FROM (
                SELECT enrollment_id, min(at) AS first_at FROM (
                    SELECT enrollment_id, min(recorded_at) AS at FROM session_attendance WHERE status = 'present' GROUP BY 1
                    UNION ALL
                    SELECT enrollment_id, min(updated_at) FROM lesson_progress GROUP BY 1
                ) firsts GROUP BY 1
            ) s
            WHERE s.enrollment_id = e.id
        `);
        await queryRunner.query(`
            ALTER TABLE "reach_campaign"
            ADD CONSTRAINT "FK_reach_campaign_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "reach_campaign"
            ADD CONSTRAINT "FK_reach_campaign_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "report_plan"
            ADD CONSTRAINT "FK_report_plan_updated_by" FOREIGN KEY ("updated_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "report_export"
            ADD CONSTRAINT "FK_report_export_requested_by" FOREIGN KEY ("requested_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "report_export" DROP CONSTRAINT "FK_report_export_requested_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "report_plan" DROP CONSTRAINT "FK_report_plan_updated_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "reach_campaign" DROP CONSTRAINT "FK_reach_campaign_created_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "reach_campaign" DROP CONSTRAINT "FK_reach_campaign_course"
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollment" DROP COLUMN "started_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."report_export_requested_by_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "report_export"
        `);
        await queryRunner.query(`
            DROP TABLE "report_plan"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."reach_campaign_starts_on_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "reach_campaign"
        `);
        await queryRunner.query(`
            DROP TABLE "report_reach_day"
        `);
        await queryRunner.query(`
            DROP TABLE "reach_salt"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."reach_visit_day_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "reach_visit"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."report_learner_year_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "report_learner_year"
        `);
        await queryRunner.query(`
            DROP TABLE "report_dirty"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."report_course_day_day_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "report_course_day"
        `);
    }

}
