import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Participation reports (issue 10): `report_learner_bucket`, distinct people per fiscal year,
 * period bucket (a month, quarter, half or the year, as a mask of fiscal months) and learner
 * slice, so a report over one of those periods reads hundreds of rows instead of one per person.
 * Generated from the entity; the backfill from the existing learner-year rollup was added by hand
 * (the same GROUP BY as `learnerBucketSums` in libs/reports), so an upgraded install's numbers
 * match at once; the worker keeps both in step from then on.
 */
export class ReportLearnerBucket1795472000000 implements MigrationInterface {
    name = 'ReportLearnerBucket1795472000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "report_learner_bucket" (
                "fiscal_year" smallint NOT NULL,
                "bucket" integer NOT NULL,
                "target_group" text NOT NULL,
                "province" text NOT NULL,
                "district" text NOT NULL,
                "learners" integer NOT NULL DEFAULT '0',
                "learners_online" integer NOT NULL DEFAULT '0',
                "learners_onsite" integer NOT NULL DEFAULT '0',
                "attendees" integer NOT NULL DEFAULT '0',
                "completers" integer NOT NULL DEFAULT '0',
                "participants" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_report_learner_bucket" PRIMARY KEY (
                    "fiscal_year",
                    "bucket",
                    "target_group",
                    "province",
                    "district"
                )
            )
        `);
        // Buckets: the 12 months (1 << m), 4 quarters (7 << 3q), 2 halves (63 << 6h) and the year (4095).
        await queryRunner.query(`
            INSERT INTO "report_learner_bucket" ("fiscal_year", "bucket", "target_group", "province", "district", "learners", "learners_online",
                                                 "learners_onsite", "attendees", "completers", "participants")
            SELECT s.* FROM (
                SELECT h."fiscal_year", b."bucket", h."target_group", h."province", h."district",
                       sum(CASE WHEN h."enrolled_months" & b."bucket" <> 0 THEN h."n" ELSE 0 END)::int,
                       sum(CASE WHEN h."online_months" & b."bucket" <> 0 THEN h."n" ELSE 0 END)::int,
                       sum(CASE WHEN h."onsite_months" & b."bucket" <> 0 THEN h."n" ELSE 0 END)::int,
                       sum(CASE WHEN h."started_months" & b."bucket" <> 0 THEN h."n" ELSE 0 END)::int,
                       sum(CASE WHEN h."completed_months" & b."bucket" <> 0 THEN h."n" ELSE 0 END)::int,
                       sum(CASE WHEN (h."enrolled_months" | h."started_months") & b."bucket" <> 0 THEN h."n" ELSE 0 END)::int
                  FROM (SELECT "fiscal_year", "target_group", "province", "district", "enrolled_months", "online_months", "onsite_months",
                               "started_months", "completed_months", count(*) AS "n"
                          FROM "report_learner_year" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9) h
                 CROSS JOIN unnest('{1,2,4,8,16,32,64,128,256,512,1024,2048,7,56,448,3584,63,4032,4095}'::int[]) AS b("bucket")
                 GROUP BY 1, 2, 3, 4, 5
            ) s("fiscal_year", "bucket", "target_group", "province", "district", "learners", "learners_online", "learners_onsite", "attendees", "completers", "participants")
            WHERE (s."learners", s."learners_online", s."learners_onsite", s."attendees", s."completers", s."participants") <> (0, 0, 0, 0, 0, 0)
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "report_learner_bucket"
        `);
    }

}
