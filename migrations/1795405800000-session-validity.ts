import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Accounts gaps (issue 5): `app_user.session_version`, carried by access tokens as `sv` and bumped
 * when every session must end at once (password reset, disabling, a revoked role, a new card
 * secret, erasure); and consent records that outlive an erased account, anonymised (subject and
 * giver NULL). Reverting deletes the anonymised records, as erasure did before this migration.
 */
export class SessionValidity1795405800000 implements MigrationInterface {
    name = 'SessionValidity1795405800000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD "session_version" integer NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_record"
            ALTER COLUMN "subject_id" DROP NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_record"
            ALTER COLUMN "given_by_id" DROP NOT NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DELETE FROM "consent_record"
            WHERE "subject_id" IS NULL OR "given_by_id" IS NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_record"
            ALTER COLUMN "given_by_id" SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_record"
            ALTER COLUMN "subject_id" SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user" DROP COLUMN "session_version"
        `);
    }

}
