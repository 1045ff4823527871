import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * OpenID Connect sign-in (issue 5): the provider accounts linked to users. Generated from the
 * entity, then reviewed: gen_random_uuid() as in the other migrations; no separate index on
 * user_id, since UQ_external_identity_user_issuer begins with it.
 */
export class ExternalIdentity1795400229807 implements MigrationInterface {
    name = 'ExternalIdentity1795400229807'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "external_identity" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "issuer" text NOT NULL,
                "subject" text NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_external_identity_user_issuer" UNIQUE ("user_id", "issuer"),
                CONSTRAINT "UQ_external_identity_issuer_subject" UNIQUE ("issuer", "subject"),
                CONSTRAINT "PK_external_identity" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "external_identity"
            ADD CONSTRAINT "FK_external_identity_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "external_identity" DROP CONSTRAINT "FK_external_identity_user"
        `);
        await queryRunner.query(`
            DROP TABLE "external_identity"
        `);
    }
}
