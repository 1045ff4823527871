import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Bulk enrolment previews (issue 7): the accepted rows wait in jsonb until the uploader confirms,
 * then one INSERT … SELECT enrols them. Generated from the entity, then reviewed: ids default to
 * gen_random_uuid() like every other table; a preview goes with its course; the uploader's erasure
 * keeps the record (SET NULL).
 */
export class EnrollmentImport1795418500000 implements MigrationInterface {
    name = 'EnrollmentImport1795418500000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "enrollment_import" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "course_id" uuid NOT NULL,
                "created_by_id" uuid,
                "file_name" text NOT NULL,
                "status" text NOT NULL DEFAULT 'preview',
                "total_rows" integer NOT NULL,
                "accepted_rows" jsonb NOT NULL,
                "rejected" jsonb NOT NULL,
                "result" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "confirmed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "enrollment_import_status_check" CHECK (status IN ('preview', 'confirmed')),
                CONSTRAINT "PK_enrollment_import" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "enrollment_import_expires_idx" ON "enrollment_import" ("expires_at")
            WHERE status = 'preview'
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollment_import"
            ADD CONSTRAINT "FK_enrollment_import_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollment_import"
            ADD CONSTRAINT "FK_enrollment_import_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "enrollment_import" DROP CONSTRAINT "FK_enrollment_import_created_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollment_import" DROP CONSTRAINT "FK_enrollment_import_course"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."enrollment_import_expires_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "enrollment_import"
        `);
    }

}
