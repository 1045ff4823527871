import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Password reset by email (issue 5): hashed one-time tokens (at most one live per user, enforced
 * by a partial unique index) and the record of mails handed to SMTP, unique by what they are
 * about, which makes the worker's mail job send at most once. Generated from the entities, then
 * reviewed: gen_random_uuid() as in the earlier migrations.
 */
export class PasswordReset1795400257313 implements MigrationInterface {
    name = 'PasswordReset1795400257313'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "password_reset_token" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_password_reset_token" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_password_reset_token_hash" ON "password_reset_token" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "password_reset_token_one_live_idx" ON "password_reset_token" ("user_id")
            WHERE used_at IS NULL
                AND revoked_at IS NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "mail_delivery" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "key" text NOT NULL,
                "user_id" uuid,
                "event_id" uuid,
                "message_id" text,
                "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_mail_delivery" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_mail_delivery_key" ON "mail_delivery" ("key")
        `);
        await queryRunner.query(`
            CREATE INDEX "mail_delivery_sent_at_idx" ON "mail_delivery" ("sent_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "password_reset_token"
            ADD CONSTRAINT "FK_password_reset_token_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_delivery"
            ADD CONSTRAINT "FK_mail_delivery_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "mail_delivery" DROP CONSTRAINT "FK_mail_delivery_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "password_reset_token" DROP CONSTRAINT "FK_password_reset_token_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."mail_delivery_sent_at_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."UQ_mail_delivery_key"
        `);
        await queryRunner.query(`
            DROP TABLE "mail_delivery"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."password_reset_token_one_live_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."UQ_password_reset_token_hash"
        `);
        await queryRunner.query(`
            DROP TABLE "password_reset_token"
        `);
    }

}
