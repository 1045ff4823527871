import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Enrolment, attendance, progress and notifications (issue 7). Generated from the entities, then
 * reviewed: ids default to gen_random_uuid(); enrolments and attendance are never cascaded away
 * (RESTRICT), since reports count them; a seat row is added for every course already published,
 * with the capacity of its published version.
 */
export class Learning1795415998836 implements MigrationInterface {
    name = 'Learning1795415998836'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "course_seat" (
                "course_id" uuid NOT NULL,
                "capacity" integer,
                "taken" integer NOT NULL DEFAULT '0',
                "waitlisted" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_course_seat" PRIMARY KEY ("course_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "enrollment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "course_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "status" text NOT NULL,
                "channel" text NOT NULL DEFAULT 'online',
                "source" text NOT NULL DEFAULT 'self',
                "enrolled_by_id" uuid,
                "waitlisted_at" TIMESTAMP WITH TIME ZONE,
                "activated_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_enrollment_course_user" UNIQUE ("course_id", "user_id"),
                CONSTRAINT "enrollment_source_check" CHECK (
                    source IN ('self', 'guardian', 'bulk', 'walk_in')
                ),
                CONSTRAINT "enrollment_channel_check" CHECK (channel IN ('online', 'onsite')),
                CONSTRAINT "enrollment_status_check" CHECK (
                    status IN ('active', 'waitlisted', 'withdrawn', 'completed')
                ),
                CONSTRAINT "PK_enrollment" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "enrollment_waitlist_idx" ON "enrollment" ("course_id", "waitlisted_at", "id")
            WHERE status = 'waitlisted'
        `);
        await queryRunner.query(`
            CREATE INDEX "enrollment_course_status_idx" ON "enrollment" ("course_id", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "enrollment_user_status_idx" ON "enrollment" ("user_id", "status")
        `);
        await queryRunner.query(`
            CREATE TABLE "lesson_progress" (
                "enrollment_id" uuid NOT NULL,
                "lesson_id" uuid NOT NULL,
                "status" text NOT NULL,
                "percent" smallint NOT NULL DEFAULT '0',
                "position_seconds" integer,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "lesson_progress_percent_check" CHECK (
                    percent BETWEEN 0 AND 100
                ),
                CONSTRAINT "lesson_progress_status_check" CHECK (status IN ('in_progress', 'completed')),
                CONSTRAINT "PK_lesson_progress" PRIMARY KEY ("enrollment_id", "lesson_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "type" text NOT NULL,
                "data" jsonb NOT NULL,
                "dedupe_key" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_notification_dedupe_key" UNIQUE ("dedupe_key"),
                CONSTRAINT "notification_type_check" CHECK (
                    type IN (
                        'waitlist.promoted',
                        'session.reminder-day',
                        'session.reminder-hour',
                        'enrollment.completed'
                    )
                ),
                CONSTRAINT "PK_notification" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "notification_user_created_idx" ON "notification" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "session_attendance" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "lesson_id" uuid NOT NULL,
                "course_id" uuid NOT NULL,
                "enrollment_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "status" text NOT NULL,
                "method" text NOT NULL,
                "marked_by_id" uuid,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_session_attendance_lesson_user" UNIQUE ("lesson_id", "user_id"),
                CONSTRAINT "session_attendance_method_check" CHECK (method IN ('roster', 'qr', 'join', 'walk_in')),
                CONSTRAINT "session_attendance_status_check" CHECK (status IN ('present', 'absent')),
                CONSTRAINT "PK_session_attendance" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "session_attendance_enrollment_idx" ON "session_attendance" ("enrollment_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "session_attendance_course_idx" ON "session_attendance" ("course_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD "completion_attendance_percent" smallint
        `);
        await queryRunner.query(`
            ALTER TABLE "course"
            ADD CONSTRAINT "course_completion_attendance_check" CHECK (
                    completion_attendance_percent BETWEEN 1 AND 100
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "course_seat"
            ADD CONSTRAINT "FK_course_seat_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollment"
            ADD CONSTRAINT "FK_enrollment_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollment"
            ADD CONSTRAINT "FK_enrollment_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollment"
            ADD CONSTRAINT "FK_enrollment_enrolled_by" FOREIGN KEY ("enrolled_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "lesson_progress"
            ADD CONSTRAINT "FK_lesson_progress_enrollment" FOREIGN KEY ("enrollment_id") REFERENCES "enrollment"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "lesson_progress"
            ADD CONSTRAINT "FK_lesson_progress_lesson" FOREIGN KEY ("lesson_id") REFERENCES "lesson"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "FK_notification_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_attendance"
            ADD CONSTRAINT "FK_session_attendance_lesson" FOREIGN KEY ("lesson_id") REFERENCES "lesson"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_attendance"
            ADD CONSTRAINT "FK_session_attendance_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_attendance"
            ADD CONSTRAINT "FK_session_attendance_enrollment" FOREIGN KEY ("enrollment_id") REFERENCES "enrollment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_attendance"
            ADD CONSTRAINT "FK_session_attendance_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_attendance"
            ADD CONSTRAINT "FK_session_attendance_marked_by" FOREIGN KEY ("marked_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            INSERT INTO "course_seat" ("course_id", "capacity")
            SELECT c.id, (v.snapshot->>'capacity')::int
            FROM "course" c JOIN "course_version" v ON v.course_id = c.id AND v.version = c.published_version
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "session_attendance" DROP CONSTRAINT "FK_session_attendance_marked_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_attendance" DROP CONSTRAINT "FK_session_attendance_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_attendance" DROP CONSTRAINT "FK_session_attendance_enrollment"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_attendance" DROP CONSTRAINT "FK_session_attendance_course"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_attendance" DROP CONSTRAINT "FK_session_attendance_lesson"
        `);
        await queryRunner.query(`
            ALTER TABLE "notification" DROP CONSTRAINT "FK_notification_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "lesson_progress" DROP CONSTRAINT "FK_lesson_progress_lesson"
        `);
        await queryRunner.query(`
            ALTER TABLE "lesson_progress" DROP CONSTRAINT "FK_lesson_progress_enrollment"
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollment" DROP CONSTRAINT "FK_enrollment_enrolled_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollment" DROP CONSTRAINT "FK_enrollment_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollment" DROP CONSTRAINT "FK_enrollment_course"
        `);
        await queryRunner.query(`
            ALTER TABLE "course_seat" DROP CONSTRAINT "FK_course_seat_course"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP CONSTRAINT "course_completion_attendance_check"
        `);
        await queryRunner.query(`
            ALTER TABLE "course" DROP COLUMN "completion_attendance_percent"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."session_attendance_course_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."session_attendance_enrollment_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "session_attendance"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."notification_user_created_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "notification"
        `);
        await queryRunner.query(`
            DROP TABLE "lesson_progress"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."enrollment_user_status_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."enrollment_course_status_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."enrollment_waitlist_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "enrollment"
        `);
        await queryRunner.query(`
            DROP TABLE "course_seat"
        `);
    }

}
