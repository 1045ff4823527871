import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Certificates and Open Badges 3.0 (issue 9): issuer keys (one active, sealed private keys),
 * the issuer profile (singleton), PDF templates, signed credentials (one per kind, source and
 * learner), their rendered PDFs (one per template version, a serial each), title rules and the
 * reconciliation reports. Generated from the entities, then reviewed: ids default to
 * gen_random_uuid(); two sequences added by hand (status-list bit, certificate serial number),
 * used explicitly by the worker's INSERTs, never as column defaults.
 */
export class Credentials1795431490019 implements MigrationInterface {
    name = 'Credentials1795431490019'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Bit 0 upwards in the status list; a bit is never reused, even after a rolled-back insert.
        await queryRunner.query(`CREATE SEQUENCE "credential_status_index_seq" AS integer MINVALUE 0 START 0`);
        await queryRunner.query(`CREATE SEQUENCE "credential_pdf_serial_seq" AS integer START 1`);
        await queryRunner.query(`
            CREATE TABLE "credential_template" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "is_default" boolean NOT NULL DEFAULT false,
                "content" jsonb NOT NULL,
                "version" integer NOT NULL DEFAULT '1',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_by_id" uuid,
                CONSTRAINT "PK_credential_template" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_credential_template_default" ON "credential_template" ("is_default")
            WHERE is_default
        `);
        await queryRunner.query(`
            CREATE TABLE "issuer_key" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kid" text NOT NULL,
                "public_key_multibase" text NOT NULL,
                "public_jwk" jsonb NOT NULL,
                "private_key_sealed" bytea NOT NULL,
                "status" text NOT NULL DEFAULT 'active',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "retired_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_issuer_key_kid" UNIQUE ("kid"),
                CONSTRAINT "issuer_key_status_check" CHECK (status IN ('active', 'retired')),
                CONSTRAINT "PK_issuer_key" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_issuer_key_active" ON "issuer_key" ("status")
            WHERE status = 'active'
        `);
        await queryRunner.query(`
            CREATE TABLE "credential" (
                "id" uuid NOT NULL,
                "kind" text NOT NULL,
                "source_id" uuid NOT NULL,
                "user_id" uuid,
                "enrollment_id" uuid,
                "verification_code" text NOT NULL,
                "learner_name" text NOT NULL,
                "achievement_name" text NOT NULL,
                "hours" numeric(8, 2) NOT NULL,
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "issuer_key_id" uuid NOT NULL,
                "status_index" integer NOT NULL,
                "document" jsonb NOT NULL,
                "jwt" text NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revocation_reason" text,
                "revoked_by_id" uuid,
                "mail_claimed_at" TIMESTAMP WITH TIME ZONE,
                "mailed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_credential_status_index" UNIQUE ("status_index"),
                CONSTRAINT "UQ_credential_verification_code" UNIQUE ("verification_code"),
                CONSTRAINT "UQ_credential_kind_source_user" UNIQUE ("kind", "source_id", "user_id"),
                CONSTRAINT "credential_kind_check" CHECK (kind IN ('course', 'title')),
                CONSTRAINT "PK_credential" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "credential_unmailed_idx" ON "credential" ("issued_at")
            WHERE mailed_at IS NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "credential_user_idx" ON "credential" ("user_id", "issued_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "credential_pdf" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "credential_id" uuid NOT NULL,
                "serial" text NOT NULL,
                "template_id" uuid NOT NULL,
                "template_version" integer NOT NULL,
                "media_id" uuid,
                "rendered_at" TIMESTAMP WITH TIME ZONE,
                "superseded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_credential_pdf_version" UNIQUE (
                    "credential_id",
                    "template_id",
                    "template_version"
                ),
                CONSTRAINT "UQ_credential_pdf_serial" UNIQUE ("serial"),
                CONSTRAINT "PK_credential_pdf" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "credential_pdf_credential_idx" ON "credential_pdf" ("credential_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "credential_reconcile_run" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "summary" jsonb NOT NULL,
                CONSTRAINT "PK_credential_reconcile_run" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "credential_title_rule" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "fiscal_year" integer NOT NULL,
                "name" jsonb NOT NULL,
                "min_completed_courses" integer NOT NULL DEFAULT '0',
                "min_hours" numeric(8, 2) NOT NULL DEFAULT '0',
                "active" boolean NOT NULL DEFAULT true,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_credential_title_rule" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "issuer_profile" (
                "id" smallint NOT NULL,
                "name" jsonb NOT NULL,
                "url" text NOT NULL,
                "email" text,
                "image_media_id" uuid,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "issuer_profile_singleton_check" CHECK (id = 1),
                CONSTRAINT "PK_issuer_profile" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "credential_template"
            ADD CONSTRAINT "FK_credential_template_updated_by" FOREIGN KEY ("updated_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "credential"
            ADD CONSTRAINT "FK_credential_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "credential"
            ADD CONSTRAINT "FK_credential_enrollment" FOREIGN KEY ("enrollment_id") REFERENCES "enrollment"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "credential"
            ADD CONSTRAINT "FK_credential_issuer_key" FOREIGN KEY ("issuer_key_id") REFERENCES "issuer_key"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "credential"
            ADD CONSTRAINT "FK_credential_revoked_by" FOREIGN KEY ("revoked_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "credential_pdf"
            ADD CONSTRAINT "FK_credential_pdf_credential" FOREIGN KEY ("credential_id") REFERENCES "credential"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "credential_pdf"
            ADD CONSTRAINT "FK_credential_pdf_template" FOREIGN KEY ("template_id") REFERENCES "credential_template"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "credential_pdf"
            ADD CONSTRAINT "FK_credential_pdf_media" FOREIGN KEY ("media_id") REFERENCES "media_asset"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "credential_title_rule"
            ADD CONSTRAINT "FK_credential_title_rule_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "issuer_profile"
            ADD CONSTRAINT "FK_issuer_profile_image" FOREIGN KEY ("image_media_id") REFERENCES "media_asset"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "issuer_profile" DROP CONSTRAINT "FK_issuer_profile_image"
        `);
        await queryRunner.query(`
            ALTER TABLE "credential_title_rule" DROP CONSTRAINT "FK_credential_title_rule_created_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "credential_pdf" DROP CONSTRAINT "FK_credential_pdf_media"
        `);
        await queryRunner.query(`
            ALTER TABLE "credential_pdf" DROP CONSTRAINT "FK_credential_pdf_template"
        `);
        await queryRunner.query(`
            ALTER TABLE "credential_pdf" DROP CONSTRAINT "FK_credential_pdf_credential"
        `);
        await queryRunner.query(`
            ALTER TABLE "credential" DROP CONSTRAINT "FK_credential_revoked_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "credential" DROP CONSTRAINT "FK_credential_issuer_key"
        `);
        await queryRunner.query(`
            ALTER TABLE "credential" DROP CONSTRAINT "FK_credential_enrollment"
        `);
        await queryRunner.query(`
            ALTER TABLE "credential" DROP CONSTRAINT "FK_credential_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "credential_template" DROP CONSTRAINT "FK_credential_template_updated_by"
        `);
        await queryRunner.query(`
            DROP TABLE "issuer_profile"
        `);
        await queryRunner.query(`
            DROP TABLE "credential_title_rule"
        `);
        await queryRunner.query(`
            DROP TABLE "credential_reconcile_run"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."credential_pdf_credential_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "credential_pdf"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."credential_user_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."credential_unmailed_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "credential"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."UQ_issuer_key_active"
        `);
        await queryRunner.query(`
            DROP TABLE "issuer_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."UQ_credential_template_default"
        `);
        await queryRunner.query(`
            DROP TABLE "credential_template"
        `);
        await queryRunner.query(`DROP SEQUENCE "credential_pdf_serial_seq"`);
        await queryRunner.query(`DROP SEQUENCE "credential_status_index_seq"`);
    }

}
