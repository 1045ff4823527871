import type { LessonType } from '@baanrian/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What progress needs of a published version: lessons in order without their content, and the rule. */
export interface PublishedOutline {
  sequential: boolean;
  completionAttendancePercent: number | null;
  /** `quizId`: what a quiz lesson points at (null for other types), for the lock on starting an attempt. */
  lessons: { id: string; type: LessonType; required: boolean; quizId?: string | null }[];
}

const MAX_ENTRIES = 1000;

/**
 * Published outlines by (course, version). A version's snapshot never changes once written, so
 * an entry never goes stale and needs no invalidation; a new publish is a new key. Why: the
 * snapshot is a large jsonb value (TOAST-compressed), and reading it on every progress update
 * (a video player reports every few seconds) cost ~20 ms per request for a 200-lesson course.
 * Bounded: the least recently used entry goes first.
 */
@Injectable()
export class PublishedOutlineCache {
  private readonly entries = new Map<string, PublishedOutline>();

  async get(manager: EntityManager, courseId: string, version: number): Promise<PublishedOutline | null> {
    const key = `${courseId}:${version}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const [row]: { outline: PublishedOutline | null }[] = await manager.query(
      `SELECT jsonb_build_object(
                'sequential', coalesce((v.snapshot->>'sequential')::boolean, false),
                'completionAttendancePercent', v.snapshot->'completionAttendancePercent',
                'lessons', coalesce((SELECT jsonb_agg(jsonb_build_object('id', l->'id', 'type', l->'type', 'required', l->'required', 'quizId', l->'content'->'quizId')
                                                      ORDER BY (m->>'position')::int, (l->>'position')::int)
                                       FROM jsonb_array_elements(v.snapshot->'modules') m CROSS JOIN LATERAL jsonb_array_elements(m->'lessons') l), '[]'::jsonb)
              ) AS outline
         FROM course_version v WHERE v.course_id = $1 AND v.version = $2`,
      [courseId, version],
    );
    if (!row?.outline) return null;
    const outline = { ...row.outline, completionAttendancePercent: row.outline.completionAttendancePercent ?? null };
    this.entries.set(key, outline);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return outline;
  }
}
