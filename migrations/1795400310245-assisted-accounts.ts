import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Assisted sign-up (issue 5): which accounts an instructor or administrator created and by whom,
 * and their printed sign-in cards (one-time code as a keyed hash, at most one live card per
 * account through the partial unique index). Generated from the entities, then reviewed:
 * gen_random_uuid() as in the foundation (no uuid-ossp).
 */
export class AssistedAccounts1795400310245 implements MigrationInterface {
    name = 'AssistedAccounts1795400310245'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "assisted_account" (
                "user_id" uuid NOT NULL,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_assisted_account" PRIMARY KEY ("user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "assisted_account_created_by_idx" ON "assisted_account" ("created_by_id")
            WHERE created_by_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "sign_in_card" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "code_hash" text NOT NULL,
                "issued_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_sign_in_card" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "sign_in_card_user_idx" ON "sign_in_card" ("user_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "sign_in_card_live_uq" ON "sign_in_card" ("user_id")
            WHERE used_at IS NULL
                AND revoked_at IS NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "assisted_account"
            ADD CONSTRAINT "FK_assisted_account_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "assisted_account"
            ADD CONSTRAINT "FK_assisted_account_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "sign_in_card"
            ADD CONSTRAINT "FK_sign_in_card_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "sign_in_card"
            ADD CONSTRAINT "FK_sign_in_card_issued_by" FOREIGN KEY ("issued_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "sign_in_card" DROP CONSTRAINT "FK_sign_in_card_issued_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "sign_in_card" DROP CONSTRAINT "FK_sign_in_card_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "assisted_account" DROP CONSTRAINT "FK_assisted_account_created_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "assisted_account" DROP CONSTRAINT "FK_assisted_account_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."sign_in_card_live_uq"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."sign_in_card_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "sign_in_card"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."assisted_account_created_by_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "assisted_account"
        `);
    }

}
