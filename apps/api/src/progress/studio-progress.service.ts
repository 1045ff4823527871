import type { EnrollmentStatus, PublishedCourseSnapshot } from '@baanrian/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppAbility } from '../authz/authz.types';
import { loadCourseFor } from '../courses/course-access';
import { isSessionLesson, learnerCourseView, lessonsInOrder } from './learner-course.view';
import { loadDone } from './learning.service';
import type { StudioCourseProgressDto } from './progress.dto';
import { ProgressException } from './progress.exception';

const PAGE_SIZE = 50;

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) throw new ProgressException('PROGRESS_COURSE_NOT_FOUND');
  return { createdAt, id };
}

/**
 * Learners' progress for the people who teach a course (`teach`): one page of learners, in
 * enrolment order, each judged by the same rule as their own player, and per-lesson counts.
 */
@Injectable()
export class StudioProgressService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async courseProgress(ability: AppAbility, courseId: string, cursor?: string): Promise<StudioCourseProgressDto> {
    const manager = this.db.manager;
    const { course } = await loadCourseFor(manager, ability, 'teach', courseId);
    const empty: StudioCourseProgressDto = { learners: 0, completed: 0, items: [], nextCursor: null, lessons: [] };
    if (course.publishedVersion === null) return empty;
    const [{ snapshot }]: { snapshot: PublishedCourseSnapshot }[] = await manager.query(`SELECT snapshot FROM course_version WHERE course_id = $1 AND version = $2`, [
      courseId,
      course.publishedVersion,
    ]);
    const after = cursor ? decodeCursor(cursor) : null;
    const rows: { id: string; user_id: string; display_name: string; status: EnrollmentStatus; completed_at: Date | null; created_at: Date; cursor_at: string }[] = await manager.query(
      `SELECT e.id, e.user_id, u.display_name, e.status, e.completed_at, e.created_at,
              to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
         FROM enrollment e JOIN app_user u ON u.id = e.user_id
        WHERE e.course_id = $1 AND e.status IN ('active', 'completed') AND ($2::timestamptz IS NULL OR (e.created_at, e.id) > ($2::timestamptz, $3::uuid))
        ORDER BY e.created_at, e.id LIMIT $4`,
      [courseId, after?.createdAt ?? null, after?.id ?? null, PAGE_SIZE + 1],
    );
    const page = rows.slice(0, PAGE_SIZE);
    const { progress, attended } = await loadDone(manager, page.map((r) => r.id));
    const items = page.map((r) => {
      const view = learnerCourseView(snapshot, progress.get(r.id)!, attended.get(r.id)!, { enrollmentCompleted: r.status === 'completed' });
      return {
        userId: r.user_id,
        enrollmentId: r.id,
        displayName: r.display_name,
        status: r.status,
        progressPercent: view.progressPercent,
        completedLessons: view.lessons.filter((s) => s.done && !isSessionLesson(s.lesson.type)).length,
        attendedSessions: view.lessons.filter((s) => s.done && isSessionLesson(s.lesson.type)).length,
        completedAt: r.completed_at?.toISOString() ?? null,
      };
    });
    const [totals] = await manager.query(
      `SELECT count(*)::int AS learners, count(*) FILTER (WHERE status = 'completed')::int AS completed FROM enrollment WHERE course_id = $1 AND status IN ('active', 'completed')`,
      [courseId],
    );
    const counts: { lesson_id: string; completed: number; in_progress: number }[] = await manager.query(
      `SELECT lesson_id, sum(completed)::int AS completed, sum(in_progress)::int AS in_progress FROM (
         SELECT p.lesson_id, (p.status = 'completed')::int AS completed, (p.status = 'in_progress')::int AS in_progress
           FROM lesson_progress p JOIN enrollment e ON e.id = p.enrollment_id
          WHERE e.course_id = $1 AND e.status IN ('active', 'completed')
         UNION ALL
         SELECT a.lesson_id, 1, 0 FROM session_attendance a JOIN enrollment e ON e.id = a.enrollment_id
          WHERE a.course_id = $1 AND a.status = 'present' AND e.status IN ('active', 'completed')
       ) x GROUP BY lesson_id`,
      [courseId],
    );
    const byLesson = new Map(counts.map((c) => [c.lesson_id, c]));
    const last = page[page.length - 1];
    return {
      learners: totals.learners,
      completed: totals.completed,
      items,
      // To the microsecond: a cursor cut to milliseconds repeated rows enrolled within the same millisecond.
      nextCursor: rows.length > PAGE_SIZE ? Buffer.from(`${last.cursor_at}|${last.id}`).toString('base64url') : null,
      lessons: lessonsInOrder(snapshot).map((lesson) => ({
        lessonId: lesson.id,
        title: lesson.title,
        type: lesson.type,
        required: lesson.required,
        completed: byLesson.get(lesson.id)?.completed ?? 0,
        inProgress: byLesson.get(lesson.id)?.in_progress ?? 0,
      })),
    };
  }
}
