import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Guardians, consent and erasure (issue 5, wave 2): consent records, the erasure tombstone
 * marker on app_user, and the acting-as-child state of a refresh-token family. Generated from
 * the entities, then reviewed (gen_random_uuid() as in the foundation).
 */
export class Privacy1795400166573 implements MigrationInterface {
    name = 'Privacy1795400166573'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "consent_record" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "subject_id" uuid NOT NULL,
                "purpose" text NOT NULL,
                "policy_version" text NOT NULL,
                "given_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "given_by_id" uuid NOT NULL,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "consent_record_purpose_check" CHECK (
                    purpose IN (
                        'learning',
                        'participation_reports',
                        'communications'
                    )
                ),
                CONSTRAINT "PK_consent_record" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "consent_record_given_by_idx" ON "consent_record" ("given_by_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "consent_record_subject_idx" ON "consent_record" ("subject_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD "erased_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_token"
            ADD "acting_as_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_record"
            ADD CONSTRAINT "FK_consent_record_subject" FOREIGN KEY ("subject_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_record"
            ADD CONSTRAINT "FK_consent_record_given_by" FOREIGN KEY ("given_by_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_token"
            ADD CONSTRAINT "FK_refresh_token_acting_as" FOREIGN KEY ("acting_as_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_refresh_token_acting_as"
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_record" DROP CONSTRAINT "FK_consent_record_given_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_record" DROP CONSTRAINT "FK_consent_record_subject"
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_token" DROP COLUMN "acting_as_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user" DROP COLUMN "erased_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."consent_record_subject_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."consent_record_given_by_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "consent_record"
        `);
    }

}
