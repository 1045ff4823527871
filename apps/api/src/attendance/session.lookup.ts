import type { LessonContent, LocalizedText, PublishedLesson } from '@baanrian/contracts';
import type { EntityManager } from 'typeorm';
import { CHECK_IN_OPENS_MINUTES_BEFORE, JOIN_OPENS_MINUTES_BEFORE } from './check-in-codes';

/** A live or onsite session as learners see it: from the course's PUBLISHED version, never the draft. */
export interface SessionInfo {
  lessonId: string;
  courseId: string;
  courseStatus: string;
  courseSlug: string;
  courseTitle: LocalizedText;
  title: string;
  type: 'live_session' | 'onsite_session';
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  address: string | null;
  meetingUrl: string | null;
}

interface Row {
  course_id: string;
  status: string;
  slug: string;
  course_title: LocalizedText;
  lesson: PublishedLesson;
}

/**
 * The published session lesson `lessonId`, or null. Lesson ids are stable across versions, so the draft's
 * lesson row names the course and the published snapshot holds what learners were told.
 */
export async function findSession(manager: EntityManager, lessonId: string): Promise<SessionInfo | null> {
  const rows: Row[] = await manager.query(
    `SELECT c.id AS course_id, c.status, c.slug, v.snapshot->'title' AS course_title, l.value AS lesson
     FROM lesson dl
     JOIN course c ON c.id = dl.course_id
     JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version
     CROSS JOIN LATERAL jsonb_array_elements(v.snapshot->'modules') m
     CROSS JOIN LATERAL jsonb_array_elements(m.value->'lessons') l
     WHERE dl.id = $1 AND l.value->>'id' = $1::text AND l.value->>'type' IN ('live_session', 'onsite_session')`,
    [lessonId],
  );
  if (rows.length === 0) return null;
  return toSession(rows[0].course_id, rows[0].status, rows[0].slug, rows[0].course_title, rows[0].lesson);
}

/** The course of lesson `lessonId` (any type, draft or deleted), or null: who may hear "no such session". */
export async function courseOfLesson(manager: EntityManager, lessonId: string): Promise<string | null> {
  const [row]: { course_id: string }[] = await manager.query(`SELECT course_id FROM lesson WHERE id = $1`, [lessonId]);
  return row?.course_id ?? null;
}

export function toSession(courseId: string, courseStatus: string, courseSlug: string, courseTitle: LocalizedText, lesson: PublishedLesson): SessionInfo {
  const content = lesson.content as Partial<LessonContent<'live_session'> & LessonContent<'onsite_session'>>;
  return {
    lessonId: lesson.id,
    courseId,
    courseStatus,
    courseSlug,
    courseTitle,
    title: lesson.title,
    type: lesson.type as SessionInfo['type'],
    startsAt: new Date(content.startsAt as string),
    endsAt: new Date(content.endsAt as string),
    venue: lesson.type === 'onsite_session' ? (content.venue ?? null) : null,
    address: lesson.type === 'onsite_session' ? (content.address ?? null) : null,
    meetingUrl: lesson.type === 'live_session' ? (content.meetingUrl ?? null) : null,
  };
}

export function checkInOpensAt(session: SessionInfo): Date {
  return new Date(session.startsAt.getTime() - CHECK_IN_OPENS_MINUTES_BEFORE * 60_000);
}

export function joinOpensAt(session: SessionInfo): Date {
  return new Date(session.startsAt.getTime() - JOIN_OPENS_MINUTES_BEFORE * 60_000);
}

export function within(now: Date, from: Date, to: Date): boolean {
  return now.getTime() >= from.getTime() && now.getTime() <= to.getTime();
}
