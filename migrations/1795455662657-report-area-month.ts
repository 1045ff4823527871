import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Participation reports (issue 10): `report_area_month`, the course-less monthly rollup (the sum of
 * `report_course_day` per Bangkok month and learner slice) that reports without a course filter
 * read. Generated from the entity; the backfill from the existing daily rollup was added by hand,
 * so an upgraded install's numbers match at once (the worker keeps both in step from then on).
 */
export class ReportAreaMonth1795455662657 implements MigrationInterface {
    name = 'ReportAreaMonth1795455662657'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "report_area_month" (
                "month" date NOT NULL,
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
                CONSTRAINT "PK_report_area_month" PRIMARY KEY (
                    "month",
                    "target_group",
                    "province",
                    "district",
                    "channel"
                )
            )
        `);
        await queryRunner.query(`
            INSERT INTO "report_area_month" ("month", "target_group", "province", "district", "channel", "enrollments", "withdrawals", "starts",
                                             "completions", "cohort_completions", "certificates", "learning_hours")
            SELECT date_trunc('month', "day")::date, "target_group", "province", "district", "channel", sum("enrollments"), sum("withdrawals"),
                   sum("starts"), sum("completions"), sum("cohort_completions"), sum("certificates"), sum("learning_hours")
              FROM "report_course_day" GROUP BY 1, 2, 3, 4, 5
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "report_area_month"
        `);
    }

}
