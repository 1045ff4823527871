import { type EnrollmentStatus, type PublishedLesson, VIDEO_COMPLETION_PERCENT } from '@baanrian/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { markEnrollmentStarted } from '../enrollments/enrollment.records';
import { currentRequestId } from '../observability/request-context';
import { assessCompletion } from '@baanrian/learning';
import { CompletionService } from './completion.service';
import { sequentialBlocker } from './lesson-lock';
import { toProgressDto } from './player.builder';
import { type PublishedOutline, PublishedOutlineCache } from './published-outline.cache';
import type { LessonProgressResultDto, UpdateLessonProgressDto } from './progress.dto';
import { ProgressException } from './progress.exception';

type OutlineLesson = PublishedOutline['lessons'][number];

interface Target {
  enrollment_id: string | null;
  status: EnrollmentStatus | null;
  course_id: string;
  published_version: number | null;
  completed: string[] | null;
  attended: string[] | null;
  not_started: boolean | null;
}

interface Stored {
  status: 'in_progress' | 'completed';
  percent: number;
  position_seconds: number | null;
  completed_at: Date | null;
  updated_at: Date;
  completed_now: boolean;
}

/** What an update means for each lesson type; sessions and quizzes are recorded elsewhere. */
function interpret(lesson: OutlineLesson, dto: UpdateLessonProgressDto): { percent: number; completed: boolean } {
  switch (lesson.type) {
    case 'text': // opening it is reading it
      return { percent: 100, completed: true };
    case 'video': {
      const percent = dto.percent ?? 0;
      return { percent, completed: percent >= VIDEO_COMPLETION_PERCENT };
    }
    case 'file':
    case 'link':
      return dto.completed ? { percent: 100, completed: true } : { percent: dto.percent ?? 0, completed: false };
    default:
      throw new ProgressException('PROGRESS_LESSON_NOT_TRACKED');
  }
}

/**
 * PUT /learning/lessons/{id}/progress: one transaction that records the lesson's progress and,
 * when the lesson became completed, applies the course's completion rule (which writes
 * `enrollment.completed` to the outbox). Nothing else happens in the request.
 * Replayed offline updates are safe: percent and completion only rise, and an update older than
 * the stored one never moves the resume position back.
 */
@Injectable()
export class LessonProgressService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly completion: CompletionService,
    private readonly outlines: PublishedOutlineCache,
  ) {}

  async update(userId: string, lessonId: string, dto: UpdateLessonProgressDto): Promise<LessonProgressResultDto> {
    return this.db.transaction(async (manager) => {
      // One round trip: the enrolment and what the learner has done so far; the published
      // outline comes from the cache (versions never change).
      const [target]: Target[] = await manager.query(
        `SELECT e.id AS enrollment_id, e.status, c.id AS course_id, c.published_version, e.started_at IS NULL AS not_started,
                (SELECT array_agg(p.lesson_id) FROM lesson_progress p WHERE p.enrollment_id = e.id AND p.status = 'completed') AS completed,
                (SELECT array_agg(a.lesson_id) FROM session_attendance a WHERE a.enrollment_id = e.id AND a.status = 'present') AS attended
           FROM lesson l
           JOIN course c ON c.id = l.course_id
           LEFT JOIN enrollment e ON e.course_id = l.course_id AND e.user_id = $2
          WHERE l.id = $1`,
        [lessonId, userId],
      );
      // An id that is no lesson answers like a lesson of a course the caller is not enrolled in.
      if (!target) throw new ProgressException('PROGRESS_NOT_ENROLLED');
      if (!target.enrollment_id || (target.status !== 'active' && target.status !== 'completed')) throw new ProgressException('PROGRESS_NOT_ENROLLED');
      const outline = target.published_version === null ? null : await this.outlines.get(manager, target.course_id, target.published_version);
      const ordered = outline?.lessons ?? [];
      const lesson = ordered.find((l) => l.id === lessonId);
      if (!outline || !lesson) throw new ProgressException('PROGRESS_LESSON_NOT_FOUND'); // a draft-only lesson
      const { percent, completed } = interpret(lesson, dto);
      const enrollmentId = target.enrollment_id;
      const done = new Set(target.completed ?? []);
      const blocker = sequentialBlocker(outline, lessonId, done);
      if (blocker) throw new ProgressException('PROGRESS_LESSON_LOCKED', { blockedBy: blocker.id });

      const [stored]: Stored[] = await manager.query(
        `INSERT INTO lesson_progress AS p (enrollment_id, lesson_id, status, percent, position_seconds, completed_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $3 = 'completed' THEN now() END, now())
         ON CONFLICT (enrollment_id, lesson_id) DO UPDATE SET
           percent = GREATEST(p.percent, EXCLUDED.percent),
           status = CASE WHEN p.status = 'completed' THEN 'completed' ELSE EXCLUDED.status END,
           completed_at = COALESCE(p.completed_at, EXCLUDED.completed_at),
           position_seconds = CASE WHEN $6::timestamptz < p.updated_at THEN p.position_seconds ELSE COALESCE(EXCLUDED.position_seconds, p.position_seconds) END,
           updated_at = GREATEST(p.updated_at, now())
         RETURNING status, percent, position_seconds, completed_at, updated_at, (completed_at = now()) AS completed_now`,
        [enrollmentId, lessonId, completed ? 'completed' : 'in_progress', percent, dto.positionSeconds ?? null, dto.occurredAt ?? null],
      );

      // The first progress write is the learner starting the course (reports' attendees): once.
      if (target.not_started) await markEnrollmentStarted(manager, enrollmentId, currentRequestId());

      let enrollmentStatus = target.status;
      let assessment;
      if (stored.completed_now) {
        // Rare: the rule is applied under the enrolment's row lock, reading everything afresh.
        const outcome = await this.completion.evaluate(manager, enrollmentId, currentRequestId());
        if (outcome?.completedNow) enrollmentStatus = 'completed';
        assessment = outcome;
      }
      if (!assessment) {
        if (stored.status === 'completed') done.add(lessonId);
        const modules = [{ id: '', title: '', position: 1, lessons: ordered as PublishedLesson[] }];
        assessment = assessCompletion({ modules, completionAttendancePercent: outline.completionAttendancePercent }, done, new Set(target.attended ?? []));
      }
      const courseProgressPercent =
        assessment.met || enrollmentStatus === 'completed' ? 100 : assessment.requiredTotal === 0 ? 0 : Math.floor((assessment.requiredDone * 100) / assessment.requiredTotal);
      const row = { lessonId, status: stored.status, percent: stored.percent, positionSeconds: stored.position_seconds, updatedAt: stored.updated_at };
      return {
        lessonId,
        progress: toProgressDto({ progress: row, done: stored.status === 'completed', completedAt: stored.completed_at }),
        courseProgressPercent,
        enrollmentStatus,
      };
    });
  }
}
