import type { MigrationInterface, QueryRunner } from "typeorm";

/** Readiness reads the newest completed ping on every probe; keep that a lookup, not a scan. */

export class PingCompletedIndex1795391258449 implements MigrationInterface {
    name = 'PingCompletedIndex1795391258449'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "system_ping_completed_at_idx" ON "system_ping" ("completed_at")
            WHERE completed_at IS NOT NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."system_ping_completed_at_idx"
        `);
    }

}
