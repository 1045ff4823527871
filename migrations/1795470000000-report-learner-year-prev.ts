import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Participation reports (issue 10): each `report_learner_year` row also carries the five month masks
 * of the same person's PREVIOUS fiscal year (0 when they had no row then). A period spanning two
 * fiscal years N and N+1 (a calendar year, a custom range) then counts distinct people without a
 * DISTINCT: a person counts on their N row when it matches N's months, else on their N+1 row when
 * that matches N+1's months and its `prev_*` mask does not match N's (docs/reports.md). Backfilled
 * here from the rows already there; the worker keeps them with the rest of the learner's rows.
 */
export class ReportLearnerYearPrev1795470000000 implements MigrationInterface {
    name = 'ReportLearnerYearPrev1795470000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const column of ["prev_enrolled_months", "prev_online_months", "prev_onsite_months", "prev_started_months", "prev_completed_months"]) {
            await queryRunner.query(`
                ALTER TABLE "report_learner_year" ADD "${column}" integer NOT NULL DEFAULT '0'
            `);
        }
        await queryRunner.query(`
            UPDATE "report_learner_year" r
               SET "prev_enrolled_months" = p."enrolled_months", "prev_online_months" = p."online_months", "prev_onsite_months" = p."onsite_months",
                   "prev_started_months" = p."started_months", "prev_completed_months" = p."completed_months"
              FROM "report_learner_year" p
             WHERE p."user_id" = r."user_id" AND p."fiscal_year" = r."fiscal_year" - 1
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const column of ["prev_completed_months", "prev_started_months", "prev_onsite_months", "prev_online_months", "prev_enrolled_months"]) {
            await queryRunner.query(`
                ALTER TABLE "report_learner_year" DROP COLUMN "${column}"
            `);
        }
    }

}
