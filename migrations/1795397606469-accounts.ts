import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Accounts (issue 5): users, their roles, refresh-token families and the audit log.
 * Generated from the entities, then reviewed: readable constraint names, gen_random_uuid() as in
 * the foundation, the citext and pg_trgm extensions, and the trigram search index the entities
 * cannot express. The extensions stay on `down`: other objects may use them, and they hold no data.
 */
export class Accounts1795397606469 implements MigrationInterface {
    name = 'Accounts1795397606469'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS citext`);
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`
            CREATE TABLE "user_role" (
                "user_id" uuid NOT NULL,
                "role" text NOT NULL,
                "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "user_role_role_check" CHECK (role IN ('learner', 'instructor', 'admin')),
                CONSTRAINT "PK_user_role" PRIMARY KEY ("user_id", "role")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "user_role_role_idx" ON "user_role" ("role")
        `);
        await queryRunner.query(`
            CREATE TABLE "app_user" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" citext,
                "account_code" text NOT NULL,
                "display_name" text NOT NULL,
                "phone" text,
                "preferred_locale" text NOT NULL DEFAULT 'th',
                "birth_year" smallint,
                "province" text,
                "district" text,
                "target_group" text NOT NULL,
                "target_group_source" text NOT NULL DEFAULT 'age',
                "staff_status" text NOT NULL DEFAULT 'none',
                "password_hash" text,
                "national_id_hash" text,
                "guardian_id" uuid,
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "last_sign_in_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_app_user_email" UNIQUE ("email"),
                CONSTRAINT "UQ_app_user_account_code" UNIQUE ("account_code"),
                CONSTRAINT "UQ_app_user_national_id_hash" UNIQUE ("national_id_hash"),
                CONSTRAINT "app_user_preferred_locale_check" CHECK (preferred_locale IN ('th', 'en', 'vi')),
                CONSTRAINT "app_user_staff_status_check" CHECK (staff_status IN ('none', 'pending', 'confirmed')),
                CONSTRAINT "app_user_target_group_source_check" CHECK (target_group_source IN ('age', 'learner')),
                CONSTRAINT "app_user_target_group_check" CHECK (
                    target_group IN (
                        'early_childhood',
                        'youth',
                        'general_public',
                        'education_staff',
                        'elderly'
                    )
                ),
                CONSTRAINT "PK_app_user" PRIMARY KEY ("id")
            )
        `);
        // Administrators search by any part of a name, account code or email (ILIKE '%…%').
        await queryRunner.query(`
            CREATE INDEX "app_user_search_idx" ON "app_user" USING gin (
                (display_name || ' ' || account_code || ' ' || coalesce(email::text, '')) gin_trgm_ops
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "app_user_guardian_idx" ON "app_user" ("guardian_id")
            WHERE guardian_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "actor_id" uuid,
                "action" text NOT NULL,
                "target_id" uuid,
                "details" jsonb NOT NULL DEFAULT '{}',
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_audit_log" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "audit_log_at_idx" ON "audit_log" ("at")
        `);
        await queryRunner.query(`
            CREATE TABLE "refresh_token" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "parent_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_refresh_token_token_hash" UNIQUE ("token_hash"),
                CONSTRAINT "PK_refresh_token" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "refresh_token_user_live_idx" ON "refresh_token" ("user_id")
            WHERE revoked_at IS NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "refresh_token_family_idx" ON "refresh_token" ("family_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "user_role"
            ADD CONSTRAINT "FK_user_role_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD CONSTRAINT "FK_app_user_guardian" FOREIGN KEY ("guardian_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "audit_log"
            ADD CONSTRAINT "FK_audit_log_actor" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_token"
            ADD CONSTRAINT "FK_refresh_token_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_refresh_token_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "audit_log" DROP CONSTRAINT "FK_audit_log_actor"
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user" DROP CONSTRAINT "FK_app_user_guardian"
        `);
        await queryRunner.query(`
            ALTER TABLE "user_role" DROP CONSTRAINT "FK_user_role_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."refresh_token_family_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."refresh_token_user_live_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "refresh_token"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."audit_log_at_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."app_user_guardian_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."app_user_search_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "app_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."user_role_role_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "user_role"
        `);
    }

}
