import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isSessionLesson } from './learner-course.view';
import { type PublishedOutline, PublishedOutlineCache } from './published-outline.cache';
import { ProgressException } from './progress.exception';

type OutlineLesson = PublishedOutline['lessons'][number];

/**
 * Sequential courses: the earlier REQUIRED lesson that keeps `lessonId` closed, or null. A lesson
 * already done never locks again (a republish must not take back what the learner finished), and
 * sessions never block (they happen on a date; the completion rule asks for them).
 */
export function sequentialBlocker(outline: PublishedOutline, lessonId: string, done: ReadonlySet<string>): OutlineLesson | null {
  if (!outline.sequential || done.has(lessonId)) return null;
  const index = outline.lessons.findIndex((l) => l.id === lessonId);
  if (index < 0) return null;
  return outline.lessons.slice(0, index).find((l) => l.required && !isSessionLesson(l.type) && !done.has(l.id)) ?? null;
}

/**
 * The sequential lock for the other ways into a lesson than a progress update: starting a quiz
 * attempt. Same rule and the same problem (409 PROGRESS_LESSON_LOCKED with `blockedBy`).
 */
@Injectable()
export class LessonLockService {
  constructor(private readonly outlines: PublishedOutlineCache) {}

  /**
   * Refuses when every published lesson that points at the quiz is locked for the learner. A quiz
   * no published lesson points at (a draft-only lesson, or none) has no place in the sequence.
   */
  async assertQuizOpen(manager: EntityManager, enrollmentId: string, quizId: string): Promise<void> {
    const [row]: { course_id: string; published_version: number | null; completed: string[] | null }[] = await manager.query(
      `SELECT c.id AS course_id, c.published_version,
              (SELECT array_agg(p.lesson_id) FROM lesson_progress p WHERE p.enrollment_id = e.id AND p.status = 'completed') AS completed
         FROM enrollment e JOIN course c ON c.id = e.course_id WHERE e.id = $1`,
      [enrollmentId],
    );
    if (!row || row.published_version === null) return;
    const outline = await this.outlines.get(manager, row.course_id, row.published_version);
    if (!outline?.sequential) return;
    const done = new Set(row.completed ?? []);
    let first: OutlineLesson | null = null;
    for (const lesson of outline.lessons.filter((l) => l.type === 'quiz' && l.quizId === quizId)) {
      const blocker = sequentialBlocker(outline, lesson.id, done);
      if (!blocker) return;
      first ??= blocker;
    }
    if (first) throw new ProgressException('PROGRESS_LESSON_LOCKED', { blockedBy: first.id });
  }
}
