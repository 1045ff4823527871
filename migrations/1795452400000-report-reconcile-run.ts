import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Participation reports (issue 10): one row per nightly reconciliation of the rollups with the raw
 * tables (what was checked, what differed). Generated from the entity; id defaults to gen_random_uuid().
 */
export class ReportReconcileRun1795452400000 implements MigrationInterface {
    name = 'ReportReconcileRun1795452400000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "report_reconcile_run" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "summary" jsonb NOT NULL,
                CONSTRAINT "PK_report_reconcile_run" PRIMARY KEY ("id")
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "report_reconcile_run"
        `);
    }

}
