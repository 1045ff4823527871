import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Quizzes (issue 8): a question bank per course with path-named categories, quizzes and their
 * settings, time extensions, attempts (one open per learner and quiz), one grade per attempt (its
 * primary key is the attempt id) and the history of regrades. Generated from the entities, then
 * reviewed: ids default to gen_random_uuid(); attempts are never cascaded away (RESTRICT).
 */
export class Quizzes1795418357766 implements MigrationInterface {
    name = 'Quizzes1795418357766'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "question_category" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "course_id" uuid NOT NULL,
                "path" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_question_category_course_path" UNIQUE ("course_id", "path"),
                CONSTRAINT "PK_question_category" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "question" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "course_id" uuid NOT NULL,
                "category_id" uuid,
                "type" text NOT NULL,
                "definition" jsonb NOT NULL,
                "tags" text array NOT NULL DEFAULT '{}',
                "key_revision" integer NOT NULL DEFAULT '1',
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "question_type_check" CHECK (
                    type IN (
                        'single_choice',
                        'multiple_choice',
                        'true_false',
                        'short_text',
                        'numeric',
                        'ordering',
                        'matching',
                        'essay'
                    )
                ),
                CONSTRAINT "PK_question" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "question_course_category_idx" ON "question" ("course_id", "category_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "quiz" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "course_id" uuid NOT NULL,
                "title" text NOT NULL,
                "attempts_allowed" integer DEFAULT '1',
                "grading_method" text NOT NULL DEFAULT 'highest',
                "passing_percent" smallint NOT NULL DEFAULT '60',
                "time_limit_seconds" integer,
                "shuffle_questions" boolean NOT NULL DEFAULT false,
                "shuffle_options" boolean NOT NULL DEFAULT false,
                "results_policy" text NOT NULL DEFAULT 'immediately',
                "due_at" TIMESTAMP WITH TIME ZONE,
                "question_ids" uuid array NOT NULL DEFAULT '{}',
                "draws" jsonb NOT NULL DEFAULT '[]',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "quiz_attempts_allowed_check" CHECK (
                    attempts_allowed IS NULL
                    OR attempts_allowed > 0
                ),
                CONSTRAINT "quiz_passing_percent_check" CHECK (
                    passing_percent BETWEEN 0 AND 100
                ),
                CONSTRAINT "quiz_results_policy_check" CHECK (
                    results_policy IN ('immediately', 'after_due', 'never')
                ),
                CONSTRAINT "quiz_grading_method_check" CHECK (grading_method IN ('highest', 'last', 'average')),
                CONSTRAINT "PK_quiz" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "quiz_course_idx" ON "quiz" ("course_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "quiz_time_extension" (
                "quiz_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "extra_seconds" integer NOT NULL,
                "granted_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_quiz_time_extension" PRIMARY KEY ("quiz_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "quiz_attempt" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "quiz_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "enrollment_id" uuid NOT NULL,
                "number" smallint NOT NULL,
                "status" text NOT NULL DEFAULT 'in_progress',
                "questions" jsonb NOT NULL,
                "responses" jsonb NOT NULL DEFAULT '{}',
                "responses_revision" integer NOT NULL DEFAULT '0',
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deadline_at" TIMESTAMP WITH TIME ZONE,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "close_reason" text,
                "submit_key" text,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_quiz_attempt_number" UNIQUE ("quiz_id", "user_id", "number"),
                CONSTRAINT "quiz_attempt_close_reason_check" CHECK (close_reason IN ('submitted', 'time_expired')),
                CONSTRAINT "quiz_attempt_status_check" CHECK (status IN ('in_progress', 'submitted', 'graded')),
                CONSTRAINT "PK_quiz_attempt" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "quiz_attempt_deadline_idx" ON "quiz_attempt" ("deadline_at")
            WHERE status = 'in_progress'
                AND deadline_at IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "quiz_attempt_enrollment_idx" ON "quiz_attempt" ("enrollment_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_quiz_attempt_open" ON "quiz_attempt" ("quiz_id", "user_id")
            WHERE status = 'in_progress'
        `);
        await queryRunner.query(`
            CREATE TABLE "quiz_grade" (
                "attempt_id" uuid NOT NULL,
                "score" numeric(10, 4) NOT NULL,
                "max_score" numeric(10, 4) NOT NULL,
                "percent" numeric(5, 2) NOT NULL,
                "passed" boolean NOT NULL,
                "details" jsonb NOT NULL,
                "graded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "PK_quiz_grade" PRIMARY KEY ("attempt_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "quiz_regrade" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "quiz_id" uuid NOT NULL,
                "question_id" uuid,
                "status" text NOT NULL DEFAULT 'pending',
                "total" integer NOT NULL DEFAULT '0',
                "done" integer NOT NULL DEFAULT '0',
                "changed" integer NOT NULL DEFAULT '0',
                "requested_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "quiz_regrade_status_check" CHECK (
                    status IN ('pending', 'running', 'done', 'failed')
                ),
                CONSTRAINT "PK_quiz_regrade" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "quiz_regrade_quiz_idx" ON "quiz_regrade" ("quiz_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "quiz_grade_change" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "attempt_id" uuid NOT NULL,
                "regrade_id" uuid NOT NULL,
                "old_score" numeric(10, 4) NOT NULL,
                "new_score" numeric(10, 4) NOT NULL,
                "old_passed" boolean NOT NULL,
                "new_passed" boolean NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_quiz_grade_change_attempt_regrade" UNIQUE ("attempt_id", "regrade_id"),
                CONSTRAINT "PK_quiz_grade_change" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "question_category"
            ADD CONSTRAINT "FK_question_category_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "question"
            ADD CONSTRAINT "FK_question_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "question"
            ADD CONSTRAINT "FK_question_category" FOREIGN KEY ("category_id") REFERENCES "question_category"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "question"
            ADD CONSTRAINT "FK_question_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz"
            ADD CONSTRAINT "FK_quiz_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_time_extension"
            ADD CONSTRAINT "FK_quiz_time_extension_quiz" FOREIGN KEY ("quiz_id") REFERENCES "quiz"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_time_extension"
            ADD CONSTRAINT "FK_quiz_time_extension_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_time_extension"
            ADD CONSTRAINT "FK_quiz_time_extension_granted_by" FOREIGN KEY ("granted_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_attempt"
            ADD CONSTRAINT "FK_quiz_attempt_quiz" FOREIGN KEY ("quiz_id") REFERENCES "quiz"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_attempt"
            ADD CONSTRAINT "FK_quiz_attempt_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_attempt"
            ADD CONSTRAINT "FK_quiz_attempt_enrollment" FOREIGN KEY ("enrollment_id") REFERENCES "enrollment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_grade"
            ADD CONSTRAINT "FK_quiz_grade_attempt" FOREIGN KEY ("attempt_id") REFERENCES "quiz_attempt"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_regrade"
            ADD CONSTRAINT "FK_quiz_regrade_quiz" FOREIGN KEY ("quiz_id") REFERENCES "quiz"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_regrade"
            ADD CONSTRAINT "FK_quiz_regrade_requested_by" FOREIGN KEY ("requested_by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_grade_change"
            ADD CONSTRAINT "FK_quiz_grade_change_attempt" FOREIGN KEY ("attempt_id") REFERENCES "quiz_attempt"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_grade_change"
            ADD CONSTRAINT "FK_quiz_grade_change_regrade" FOREIGN KEY ("regrade_id") REFERENCES "quiz_regrade"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "quiz_grade_change" DROP CONSTRAINT "FK_quiz_grade_change_regrade"
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_grade_change" DROP CONSTRAINT "FK_quiz_grade_change_attempt"
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_regrade" DROP CONSTRAINT "FK_quiz_regrade_requested_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_regrade" DROP CONSTRAINT "FK_quiz_regrade_quiz"
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_grade" DROP CONSTRAINT "FK_quiz_grade_attempt"
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_attempt" DROP CONSTRAINT "FK_quiz_attempt_enrollment"
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_attempt" DROP CONSTRAINT "FK_quiz_attempt_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_attempt" DROP CONSTRAINT "FK_quiz_attempt_quiz"
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_time_extension" DROP CONSTRAINT "FK_quiz_time_extension_granted_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_time_extension" DROP CONSTRAINT "FK_quiz_time_extension_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz_time_extension" DROP CONSTRAINT "FK_quiz_time_extension_quiz"
        `);
        await queryRunner.query(`
            ALTER TABLE "quiz" DROP CONSTRAINT "FK_quiz_course"
        `);
        await queryRunner.query(`
            ALTER TABLE "question" DROP CONSTRAINT "FK_question_created_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "question" DROP CONSTRAINT "FK_question_category"
        `);
        await queryRunner.query(`
            ALTER TABLE "question" DROP CONSTRAINT "FK_question_course"
        `);
        await queryRunner.query(`
            ALTER TABLE "question_category" DROP CONSTRAINT "FK_question_category_course"
        `);
        await queryRunner.query(`
            DROP TABLE "quiz_grade_change"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."quiz_regrade_quiz_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "quiz_regrade"
        `);
        await queryRunner.query(`
            DROP TABLE "quiz_grade"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."UQ_quiz_attempt_open"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."quiz_attempt_enrollment_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."quiz_attempt_deadline_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "quiz_attempt"
        `);
        await queryRunner.query(`
            DROP TABLE "quiz_time_extension"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."quiz_course_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "quiz"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."question_course_category_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "question"
        `);
        await queryRunner.query(`
            DROP TABLE "question_category"
        `);
    }

}
