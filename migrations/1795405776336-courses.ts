import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Courses (issue 6): the draft (course, course_module, lesson, co-instructors, categories), the
 * append-only publish history (course_version, one row per course and version number) and the
 * public catalog projection (catalog_entry). Generated from the entities, then reviewed:
 * gen_random_uuid() as in the foundation; foreign keys added by hand (owner and publisher become
 * NULL when a person is erased, so a course and its history outlive its author); GIN indexes for
 * the target-group filter and the trigram search, which TypeORM does not generate (the entities
 * mark them `synchronize: false`).
 */
export class Courses1795405776336 implements MigrationInterface {
    name = 'Courses1795405776336'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."course_target_groups_idx"
        `);
        await queryRunner.query(`
            CREATE TABLE "catalog_entry" (
                "course_id" uuid NOT NULL,
                "slug" text NOT NULL,
                "version" integer NOT NULL,
                "title" jsonb NOT NULL,
                "summary" jsonb NOT NULL,
                "language" text NOT NULL,
                "target_groups" text array NOT NULL,
                "format" text NOT NULL,
                "category_slug" text,
                "tags" text array NOT NULL DEFAULT '{}',
                "cover_media_id" uuid,
                "starts_at" TIMESTAMP WITH TIME ZONE,
                "ends_at" TIMESTAMP WITH TIME ZONE,
                "enrollment_closes_at" TIMESTAMP WITH TIME ZONE,
                "fiscal_year" integer NOT NULL,
                "learning_hours" numeric(6, 1),
                "search_text" text NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "UQ_9d7027a5297e82f678c9158ca25" UNIQUE ("slug"),
                CONSTRAINT "PK_catalog_entry" PRIMARY KEY ("course_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "catalog_entry_starts_idx" ON "catalog_entry" ("starts_at", "course_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "catalog_entry_newest_idx" ON "catalog_entry" ("published_at", "course_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "catalog_entry_target_groups_idx" ON "catalog_entry" USING gin ("target_groups")
        `);
        await queryRunner.query(`
            CREATE TABLE "course_category" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "slug" text NOT NULL,
                "name" jsonb NOT NULL,
                "position" integer NOT NULL DEFAULT '0',
                CONSTRAINT "UQ_1a18f1641a380860685b26a59a4" UNIQUE ("slug"),
                CONSTRAINT "PK_2f133fd8aa7a4d85ff7cd6f7c98" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "course_instructor" (
                "course_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "invited_by_id" uuid,
                "invited_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_course_instructor" PRIMARY KEY ("course_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "course_instructor_user_idx" ON "course_instructor" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "course_module" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "course_id" uuid NOT NULL,
                "title" text NOT NULL,
                "position" integer NOT NULL,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9d04c56010223c5997cc71093b4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "course_module_course_idx" ON "course_module" ("course_id", "position")
        `);
        await queryRunner.query(`
            CREATE TABLE "course_version" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "course_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "snapshot" jsonb NOT NULL,
                "published_by_id" uuid,
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "course_version_course_version_key" UNIQUE ("course_id", "version"),
                CONSTRAINT "PK_be2c44542ff683636ad90e1b179" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "lesson" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "course_id" uuid NOT NULL,
                "module_id" uuid NOT NULL,
                "type" text NOT NULL,
                "title" text NOT NULL,
                "required" boolean NOT NULL DEFAULT true,
                "position" integer NOT NULL,
                "duration_minutes" integer,
                "content" jsonb NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE,
                "ends_at" TIMESTAMP WITH TIME ZONE,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "lesson_type_check" CHECK (
                    type IN (
                        'text',
                        'video',
                        'file',
                        'link',
                        'live_session',
                        'onsite_session',
                        'quiz'
                    )
                ),
                CONSTRAINT "PK_0ef25918f0237e68696dee455bd" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "lesson_session_starts_idx" ON "lesson" ("starts_at")
            WHERE starts_at IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "lesson_course_idx" ON "lesson" ("course_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "lesson_module_idx" ON "lesson" ("module_id", "position")
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "owner_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "description" jsonb NOT NULL DEFAULT '{"th": ""}'
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "category_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "tags" text array NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "cover_media_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "capacity" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "enrollment_opens_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "enrollment_closes_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "starts_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "ends_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "learning_hours" numeric(6, 1)
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "sequential" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "published_version" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "archived_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "draft_revision" integer NOT NULL DEFAULT '1'
        `);
        await queryRunner.query(`
            CREATE INDEX "course_owner_idx" ON "course" ("owner_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD CONSTRAINT "course_status_check" CHECK (status IN ('draft', 'published', 'archived'))
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD CONSTRAINT "course_format_check" CHECK (
                    format IN (
                        'self_paced',
                        'online_class',
                        'onsite_workshop',
                        'blended'
                    )
                )
        `);
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`
            CREATE INDEX "catalog_entry_search_trgm_idx" ON "catalog_entry" USING gin ("search_text" gin_trgm_ops)
        `);
        await queryRunner.query(`ALTER TABLE "course" ADD CONSTRAINT "FK_course_owner" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE SET NULL`);
        await queryRunner.query(`ALTER TABLE "course" ADD CONSTRAINT "FK_course_category" FOREIGN KEY ("category_id") REFERENCES "course_category"("id") ON DELETE SET NULL`);
        await queryRunner.query(`ALTER TABLE "course_instructor" ADD CONSTRAINT "FK_course_instructor_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE`);
        await queryRunner.query(`ALTER TABLE "course_instructor" ADD CONSTRAINT "FK_course_instructor_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE`);
        await queryRunner.query(`ALTER TABLE "course_module" ADD CONSTRAINT "FK_course_module_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE`);
        await queryRunner.query(`ALTER TABLE "lesson" ADD CONSTRAINT "FK_lesson_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE`);
        await queryRunner.query(`ALTER TABLE "lesson" ADD CONSTRAINT "FK_lesson_module" FOREIGN KEY ("module_id") REFERENCES "course_module"("id") ON DELETE CASCADE`);
        await queryRunner.query(`ALTER TABLE "course_version" ADD CONSTRAINT "FK_course_version_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE`);
        await queryRunner.query(`ALTER TABLE "course_version" ADD CONSTRAINT "FK_course_version_publisher" FOREIGN KEY ("published_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL`);
        await queryRunner.query(`ALTER TABLE "catalog_entry" ADD CONSTRAINT "FK_catalog_entry_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const [table, fk] of [
            ['catalog_entry', 'FK_catalog_entry_course'], ['course_version', 'FK_course_version_publisher'],
            ['course_version', 'FK_course_version_course'], ['lesson', 'FK_lesson_module'], ['lesson', 'FK_lesson_course'],
            ['course_module', 'FK_course_module_course'], ['course_instructor', 'FK_course_instructor_user'],
            ['course_instructor', 'FK_course_instructor_course'], ['course', 'FK_course_category'], ['course', 'FK_course_owner'],
        ]) {
            await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${fk}"`);
        }
        await queryRunner.query(`DROP INDEX "public"."catalog_entry_search_trgm_idx"`);
        await queryRunner.query(`
            ALTER TABLE "course" DROP CONSTRAINT "course_format_check"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP CONSTRAINT "course_status_check"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."course_owner_idx"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "draft_revision"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "archived_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "published_version"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "sequential"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "learning_hours"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "ends_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "starts_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "enrollment_closes_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "enrollment_opens_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "capacity"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "cover_media_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "tags"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "category_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "description"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "owner_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."lesson_module_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."lesson_course_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."lesson_session_starts_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "lesson"
        `);
        await queryRunner.query(`
            DROP TABLE "course_version"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."course_module_course_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "course_module"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."course_instructor_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "course_instructor"
        `);
        await queryRunner.query(`
            DROP TABLE "course_category"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."catalog_entry_target_groups_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."catalog_entry_newest_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."catalog_entry_starts_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "catalog_entry"
        `);
        await queryRunner.query(`
            CREATE INDEX "course_target_groups_idx" ON "course" USING btree ("target_groups")
        `);
    }

}
