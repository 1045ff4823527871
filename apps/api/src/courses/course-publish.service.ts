import { CourseCategoryEntity, CourseEntity, CourseVersionEntity, UserEntity, writeOutboxEvent } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../accounts/user-accounts';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { projectToCatalog, removeFromCatalog } from '../catalog/catalog.projection';
import { syncSeatsOnPublish } from '../enrollments/enrollment-seats';
import { currentRequestId } from '../observability/request-context';
import { type LoadedCourse, loadCourseFor } from './course-access';
import { buildCoursePage } from './course-page.builder';
import type { CoursePageDto } from './course-page.dto';
import { buildSnapshot, publishBlockers } from './course-snapshot';
import { CoursesException } from './courses.exception';
import type { CourseVersionListDto, StudioCourseDto } from './studio-course.dto';
import { loadLiveOutline, toStudioCourse } from './studio-course.mapper';

/**
 * Publishing: the draft becomes a new append-only `course_version`, the catalog row and the
 * course's status follow, and `course.published` is queued, all in one transaction. The course
 * row lock serialises publishes of one course; the unique (course_id, version) key is the
 * backstop that makes a version number happen once whatever else goes wrong.
 */
@Injectable()
export class CoursePublishService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async publish(ability: AppAbility, user: AuthUser, courseId: string): Promise<StudioCourseDto> {
    try {
      return await this.db.transaction(async (manager) => {
        const loaded = await loadCourseFor(manager, ability, 'update', courseId, { lock: true });
        await publishLoaded(manager, loaded, user.id);
        return toStudioCourse(manager, { ...loaded, course: await manager.findOneByOrFail(CourseEntity, { id: courseId }) }, user);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'course_version_course_version_key')) throw new CoursesException('COURSE_EDIT_CONFLICT');
      throw error;
    }
  }

  /** Out of the catalog; the draft, every version and learners' history stay. Archiving twice changes nothing. */
  async archive(ability: AppAbility, user: AuthUser, courseId: string): Promise<StudioCourseDto> {
    return this.db.transaction(async (manager) => {
      const loaded = await loadCourseFor(manager, ability, 'update', courseId, { lock: true });
      if (loaded.course.status !== 'archived') {
        await removeFromCatalog(manager, courseId);
        await manager.query(`UPDATE course SET status = 'archived', archived_at = now() WHERE id = $1`, [courseId]);
        await writeOutboxEvent(manager, 'course.archived', { courseId }, currentRequestId());
      }
      return toStudioCourse(manager, { ...loaded, course: await manager.findOneByOrFail(CourseEntity, { id: courseId }) }, user);
    });
  }

  /** Back in the catalog with the version learners saw last (a never-published course goes back to draft). */
  async restore(ability: AppAbility, user: AuthUser, courseId: string): Promise<StudioCourseDto> {
    return this.db.transaction(async (manager) => {
      const loaded = await loadCourseFor(manager, ability, 'update', courseId, { lock: true });
      const { course } = loaded;
      if (course.status !== 'archived') throw new CoursesException('COURSE_NOT_ARCHIVED');
      if (course.publishedVersion !== null) {
        const version = await manager.findOneByOrFail(CourseVersionEntity, { courseId, version: course.publishedVersion });
        await projectToCatalog(manager, version.snapshot, course.publishedAt ?? version.publishedAt);
      }
      await manager.query(`UPDATE course SET status = $2, archived_at = NULL WHERE id = $1`, [courseId, course.publishedVersion !== null ? 'published' : 'draft']);
      return toStudioCourse(manager, { ...loaded, course: await manager.findOneByOrFail(CourseEntity, { id: courseId }) }, user);
    });
  }

  /** Every publish: which version, when, by whom (null once that account is erased). */
  async versions(ability: AppAbility, courseId: string): Promise<CourseVersionListDto> {
    await loadCourseFor(this.db.manager, ability, 'update', courseId);
    const rows: { version: number; published_at: Date; published_by_id: string | null; display_name: string | null }[] = await this.db.query(
      `SELECT v.version, v.published_at, v.published_by_id, u.display_name
       FROM course_version v LEFT JOIN app_user u ON u.id = v.published_by_id
       WHERE v.course_id = $1 ORDER BY v.version DESC`,
      [courseId],
    );
    return {
      items: rows.map((r) => ({
        version: r.version,
        publishedAt: new Date(r.published_at).toISOString(),
        publishedBy: r.published_by_id ? { id: r.published_by_id, displayName: r.display_name ?? '' } : null,
      })),
    };
  }

  /** The draft as the public course page would show it if published now; never stored. */
  async preview(ability: AppAbility, user: AuthUser, courseId: string): Promise<CoursePageDto> {
    const manager = this.db.manager;
    const { course, coTeacherIds } = await loadCourseFor(manager, ability, 'update', courseId);
    const now = new Date();
    const snapshot = buildSnapshot(course, await loadLiveOutline(manager, courseId), {
      version: (course.publishedVersion ?? 0) + 1,
      publishedAt: now,
      publishedById: user.id,
      categorySlug: await categorySlug(manager, course.categoryId),
      instructorIds: coTeacherIds,
    });
    return buildCoursePage(snapshot, await instructorNames(manager, [snapshot.ownerId, ...coTeacherIds]), { firstPublishedAt: course.publishedAt ?? now, preview: true });
  }
}

/**
 * The publish itself, inside the caller's transaction with the course row locked. Exported for
 * the demo seed, which publishes its courses through this same code path.
 */
export async function publishLoaded(manager: EntityManager, loaded: LoadedCourse, publishedById: string, publishedAt = new Date()): Promise<number> {
  const { course, coTeacherIds } = loaded;
  if (course.status === 'archived') throw new CoursesException('COURSE_ARCHIVED');
  const outline = await loadLiveOutline(manager, course.id);
  const blockers = publishBlockers(course, outline);
  if (blockers.length) throw CoursesException.notPublishable(blockers);
  const [{ next }] = await manager.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM course_version WHERE course_id = $1`, [course.id]);
  const version = Number(next);
  const snapshot = buildSnapshot(course, outline, { version, publishedAt, publishedById, categorySlug: await categorySlug(manager, course.categoryId), instructorIds: coTeacherIds });
  await manager.insert(CourseVersionEntity, { courseId: course.id, version, snapshot, publishedById, publishedAt });
  const firstPublishedAt = course.publishedAt ?? publishedAt;
  await projectToCatalog(manager, snapshot, firstPublishedAt);
  // Plain SQL: publishing is not an edit, so neither draft_revision nor updated_at may move
  // (an open editor's next save must not be refused, and the draft now equals the version).
  await manager.query(`UPDATE course SET status = 'published', published_version = $2, published_at = $3 WHERE id = $1`, [course.id, version, firstPublishedAt]);
  await writeOutboxEvent(manager, 'course.published', { courseId: course.id, version, publishedById }, currentRequestId());
  // Seats follow the published capacity; a raised one promotes waiting learners in this transaction.
  await syncSeatsOnPublish(manager, course.id, snapshot.capacity, currentRequestId());
  return version;
}

async function categorySlug(manager: EntityManager, categoryId: string | null): Promise<string | null> {
  if (!categoryId) return null;
  return (await manager.findOneBy(CourseCategoryEntity, { id: categoryId }))?.slug ?? null;
}

/** Display names by user id, for the course page. */
export async function instructorNames(manager: EntityManager, ids: string[]): Promise<Record<string, string>> {
  const users = ids.length ? await manager.find(UserEntity, { where: { id: In(ids) }, select: { id: true, displayName: true } }) : [];
  return Object.fromEntries(users.map((u) => [u.id, u.displayName]));
}
