import type { EnrollmentChannel, EnrollmentStatus, PublishedCourseSnapshot } from '@baanrian/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { asCourse } from '../authz/ability.factory';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { acceptedCoTeacherIds } from '../courses/course-access';
import { learnerCourseView, type ProgressRow } from './learner-course.view';
import { buildPlayer } from './player.builder';
import type { MyLearningCourseDto, MyLearningDto, MyLearningSectionsDto, NextSessionDto, PlayerCourseDto } from './progress.dto';
import { ProgressException } from './progress.exception';

interface EnrollmentRow {
  id: string;
  user_id: string;
  course_id: string;
  status: EnrollmentStatus;
  channel: EnrollmentChannel;
  completed_at: Date | null;
  waitlist_position: number | null;
  snapshot: PublishedCourseSnapshot;
}

type ProgressByEnrollment = Map<string, (ProgressRow & { completedAt: Date | null })[]>;

/** Progress rows and attended sessions of several enrolments, two queries whatever their number. */
export async function loadDone(manager: EntityManager, enrollmentIds: string[]): Promise<{ progress: ProgressByEnrollment; attended: Map<string, Set<string>> }> {
  const progress: ProgressByEnrollment = new Map(enrollmentIds.map((id) => [id, []]));
  const attended = new Map(enrollmentIds.map((id) => [id, new Set<string>()]));
  if (enrollmentIds.length === 0) return { progress, attended };
  const rows: { enrollment_id: string; lesson_id: string; status: 'in_progress' | 'completed'; percent: number; position_seconds: number | null; updated_at: Date; completed_at: Date | null }[] =
    await manager.query(
      `SELECT enrollment_id, lesson_id, status, percent, position_seconds, updated_at, completed_at FROM lesson_progress WHERE enrollment_id = ANY($1::uuid[])`,
      [enrollmentIds],
    );
  for (const r of rows) {
    progress.get(r.enrollment_id)!.push({ lessonId: r.lesson_id, status: r.status, percent: r.percent, positionSeconds: r.position_seconds, updatedAt: r.updated_at, completedAt: r.completed_at });
  }
  const present: { enrollment_id: string; lesson_id: string }[] = await manager.query(
    `SELECT enrollment_id, lesson_id FROM session_attendance WHERE enrollment_id = ANY($1::uuid[]) AND status = 'present'`,
    [enrollmentIds],
  );
  for (const r of present) attended.get(r.enrollment_id)!.add(r.lesson_id);
  return { progress, attended };
}

/** The learner's side: the course player and "My learning". Read-only. */
@Injectable()
export class LearningService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Enrolled learners (active or completed) see the published version; so do the course's teachers, without progress. */
  async player(user: AuthUser, ability: AppAbility, courseId: string): Promise<PlayerCourseDto> {
    const manager = this.db.manager;
    const [course]: { status: 'draft' | 'published' | 'archived'; owner_id: string | null; snapshot: PublishedCourseSnapshot | null }[] = await manager.query(
      `SELECT c.status, c.owner_id, v.snapshot FROM course c LEFT JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version WHERE c.id = $1`,
      [courseId],
    );
    // No course, or nothing published yet: its teachers hear "not found"; anyone else the 403 of
    // a course they are not enrolled in, so ids reveal nothing.
    if (!course?.snapshot) {
      const teaches = course && ability.can('teach', asCourse({ id: courseId, status: course.status, ownerId: course.owner_id, coTeacherIds: await acceptedCoTeacherIds(manager, courseId) }));
      throw new ProgressException(teaches ? 'PROGRESS_COURSE_NOT_FOUND' : 'PROGRESS_NOT_ENROLLED');
    }
    const [enrollment]: EnrollmentRow[] = await manager.query(
      `SELECT id, status, channel, completed_at FROM enrollment WHERE course_id = $1 AND user_id = $2 AND status IN ('active', 'completed')`,
      [courseId, user.id],
    );
    if (!enrollment) {
      const coTeacherIds = await acceptedCoTeacherIds(manager, courseId);
      if (!ability.can('teach', asCourse({ id: courseId, status: course.status, ownerId: course.owner_id, coTeacherIds }))) {
        throw new ProgressException('PROGRESS_NOT_ENROLLED');
      }
      return buildPlayer(course.snapshot, learnerCourseView(course.snapshot, [], new Set()), null, new Map());
    }
    const { progress, attended } = await loadDone(manager, [enrollment.id]);
    const rows = progress.get(enrollment.id)!;
    const view = learnerCourseView(course.snapshot, rows, attended.get(enrollment.id)!, { enrollmentCompleted: enrollment.status === 'completed' });
    const completedAt = new Map(rows.filter((r) => r.completedAt).map((r) => [r.lessonId, r.completedAt!]));
    return buildPlayer(
      course.snapshot,
      view,
      { id: enrollment.id, status: enrollment.status, channel: enrollment.channel, completedAt: enrollment.completed_at?.toISOString() ?? null },
      completedAt,
    );
  }

  /** "My learning": the caller's courses in three sections, and the same for each of a guardian's children. */
  async myLearning(user: AuthUser): Promise<MyLearningDto> {
    const children: { id: string; display_name: string }[] = user.isChild
      ? []
      : await this.db.query(`SELECT id, display_name FROM app_user WHERE guardian_id = $1 AND erased_at IS NULL ORDER BY display_name, id`, [user.id]);
    const people = [user.id, ...children.map((c) => c.id)];
    const enrollments: EnrollmentRow[] = await this.db.query(
      `SELECT e.id, e.user_id, e.course_id, e.status, e.channel, e.completed_at, v.snapshot,
              CASE WHEN e.status = 'waitlisted' THEN (
                SELECT count(*)::int FROM enrollment w
                 WHERE w.course_id = e.course_id AND w.status = 'waitlisted' AND (w.waitlisted_at, w.id) <= (e.waitlisted_at, e.id)
              ) END AS waitlist_position
         FROM enrollment e
         JOIN course c ON c.id = e.course_id
         JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version
        WHERE e.user_id = ANY($1::uuid[]) AND e.status <> 'withdrawn'`,
      [people],
    );
    const { progress, attended } = await loadDone(this.db.manager, enrollments.map((e) => e.id));
    const sections = (personId: string): MyLearningSectionsDto => {
      const cards = enrollments.filter((e) => e.user_id === personId).map((e) => toCard(e, progress.get(e.id)!, attended.get(e.id)!));
      const startOf = (card: MyLearningCourseDto) => card.nextSession?.startsAt ?? '9999';
      return {
        current: cards.filter((c) => c.enrollmentStatus === 'active').sort((a, b) => startOf(a).localeCompare(startOf(b)) || a.slug.localeCompare(b.slug)),
        waitlisted: cards.filter((c) => c.enrollmentStatus === 'waitlisted').sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0)),
        completed: cards.filter((c) => c.enrollmentStatus === 'completed').sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? '')),
      };
    };
    return { ...sections(user.id), children: children.map((child) => ({ userId: child.id, displayName: child.display_name, ...sections(child.id) })) };
  }
}

function toCard(e: EnrollmentRow, progress: ProgressRow[], attended: Set<string>): MyLearningCourseDto {
  const view = learnerCourseView(e.snapshot, progress, attended, { enrollmentCompleted: e.status === 'completed' });
  const session = view.nextSession;
  const content = (session?.content ?? {}) as { startsAt?: string; endsAt?: string; venue?: string };
  const nextSession: NextSessionDto | null =
    session && e.status !== 'completed'
      ? { lessonId: session.id, title: session.title, type: session.type as NextSessionDto['type'], startsAt: content.startsAt!, endsAt: content.endsAt!, venue: content.venue ?? null }
      : null;
  return {
    courseId: e.course_id,
    enrollmentId: e.id,
    slug: e.snapshot.slug,
    title: e.snapshot.title,
    format: e.snapshot.format,
    enrollmentStatus: e.status,
    progressPercent: e.status === 'waitlisted' ? 0 : view.progressPercent,
    nextSession,
    resumeLessonId: e.status === 'active' ? view.resumeLessonId : null,
    waitlistPosition: e.waitlist_position,
    completedAt: e.completed_at?.toISOString() ?? null,
  };
}
