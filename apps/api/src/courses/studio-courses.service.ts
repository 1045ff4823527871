import { CourseCategoryEntity, CourseEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../accounts/user-accounts';
import { ValidationException } from '../problem/domain.exception';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { loadCourseFor } from './course-access';
import { checkCourse, cleanLocalized, slugFromTitle, toDate } from './course-fields';
import { CoursesException } from './courses.exception';
import type { CreateCourseDto, ListStudioCoursesQueryDto, StudioCourseDto, StudioCourseListDto, UpdateCourseDto } from './studio-course.dto';
import { myRole, toStudioCourse, toStudioSummary } from './studio-course.mapper';

/** The course draft: create, read, edit (optimistic concurrency on `draft_revision`), delete. */
@Injectable()
export class StudioCoursesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Mine (owned or co-teaching, accepted); administrators see every course. */
  async list(ability: AppAbility, user: AuthUser, query: ListStudioCoursesQueryDto): Promise<StudioCourseListDto> {
    const qb = this.db.getRepository(CourseEntity).createQueryBuilder('c').orderBy('c.updated_at', 'DESC').addOrderBy('c.id');
    if (!ability.can('manage', 'all')) {
      qb.where(
        `(c.owner_id = :me OR EXISTS (SELECT 1 FROM course_instructor ci WHERE ci.course_id = c.id AND ci.user_id = :me AND ci.accepted_at IS NOT NULL))`,
        { me: user.id },
      );
    }
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    const courses = await qb.getMany();
    const coTaught = new Set<string>(
      (await this.db.query(`SELECT course_id FROM course_instructor WHERE user_id = $1 AND accepted_at IS NOT NULL`, [user.id])).map((r: { course_id: string }) => r.course_id),
    );
    return { items: courses.map((c) => toStudioSummary(c, myRole(c, coTaught.has(c.id) ? [user.id] : [], user))) };
  }

  async create(user: AuthUser, dto: CreateCourseDto): Promise<StudioCourseDto> {
    const title = cleanLocalized(dto.title) ?? { th: '' };
    const draft = this.db.getRepository(CourseEntity).create({
      slug: dto.slug ?? slugFromTitle(title, dto.language),
      ownerId: user.id,
      title,
      summary: cleanLocalized(dto.summary) ?? { th: '' },
      description: cleanLocalized(dto.description) ?? { th: '' },
      language: dto.language,
      targetGroups: dto.targetGroups,
      format: dto.format,
      categoryId: dto.categoryId ?? null,
      tags: dto.tags ?? [],
      coverMediaId: dto.coverMediaId ?? null,
      capacity: dto.capacity ?? null,
      enrollmentOpensAt: toDate(dto.enrollmentOpensAt) ?? null,
      enrollmentClosesAt: toDate(dto.enrollmentClosesAt) ?? null,
      startsAt: toDate(dto.startsAt) ?? null,
      endsAt: toDate(dto.endsAt) ?? null,
      learningHours: dto.learningHours ?? null,
      sequential: dto.sequential ?? false,
      completionAttendancePercent: dto.completionAttendancePercent ?? null,
      status: 'draft',
    });
    checkCourse(draft);
    return this.db.transaction(async (manager) => {
      await this.checkCategory(manager, draft.categoryId);
      const saved = await this.saveNew(manager, draft, dto.slug !== undefined);
      return toStudioCourse(manager, { course: saved, coTeacherIds: [] }, user);
    });
  }

  async get(ability: AppAbility, user: AuthUser, courseId: string): Promise<StudioCourseDto> {
    return toStudioCourse(this.db.manager, await loadCourseFor(this.db.manager, ability, 'update', courseId), user);
  }

  /** Applies the fields given; a stale `draftRevision` (someone saved in between) is 409 COURSE_EDIT_CONFLICT. */
  async update(ability: AppAbility, user: AuthUser, courseId: string, dto: UpdateCourseDto): Promise<StudioCourseDto> {
    return this.db.transaction(async (manager) => {
      const { course, coTeacherIds } = await loadCourseFor(manager, ability, 'update', courseId, { lock: true });
      if (course.draftRevision !== dto.draftRevision) throw new CoursesException('COURSE_EDIT_CONFLICT', { draftRevision: course.draftRevision });
      if (dto.slug !== undefined && dto.slug !== course.slug && course.publishedVersion !== null) {
        // Shared links must keep working once the course was public.
        throw new ValidationException([{ field: 'slug', constraint: 'slugLocked', fallback: 'cannot change once the course was published' }]);
      }
      const changes: Partial<CourseEntity> = {
        slug: dto.slug,
        title: cleanLocalized(dto.title),
        summary: cleanLocalized(dto.summary),
        description: cleanLocalized(dto.description),
        language: dto.language,
        targetGroups: dto.targetGroups,
        format: dto.format,
        categoryId: dto.categoryId,
        tags: dto.tags,
        coverMediaId: dto.coverMediaId,
        capacity: dto.capacity,
        enrollmentOpensAt: toDate(dto.enrollmentOpensAt),
        enrollmentClosesAt: toDate(dto.enrollmentClosesAt),
        startsAt: toDate(dto.startsAt),
        endsAt: toDate(dto.endsAt),
        learningHours: dto.learningHours,
        sequential: dto.sequential,
        completionAttendancePercent: dto.completionAttendancePercent,
      };
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<CourseEntity>;
      checkCourse({ ...course, ...defined });
      if (defined.categoryId !== undefined) await this.checkCategory(manager, defined.categoryId);
      if (Object.keys(defined).length > 0) {
        try {
          // TypeORM bumps draft_revision (a @VersionColumn) and updated_at with every update.
          await manager.update(CourseEntity, { id: course.id, draftRevision: dto.draftRevision }, defined);
        } catch (error) {
          if (isUniqueViolation(error, 'UQ_course_slug')) throw new CoursesException('COURSE_SLUG_TAKEN');
          throw error;
        }
      }
      const fresh = await manager.findOneByOrFail(CourseEntity, { id: course.id });
      return toStudioCourse(manager, { course: fresh, coTeacherIds }, user);
    });
  }

  /** Only drafts never published: anything learners saw stays on record (archive it instead). */
  async remove(ability: AppAbility, courseId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const { course } = await loadCourseFor(manager, ability, 'delete', courseId, { lock: true });
      if (course.publishedVersion !== null) throw new CoursesException('COURSE_PUBLISHED_CANNOT_DELETE');
      await manager.delete(CourseEntity, { id: course.id });
    });
  }

  private async checkCategory(manager: EntityManager, categoryId: string | null): Promise<void> {
    if (categoryId && !(await manager.existsBy(CourseCategoryEntity, { id: categoryId }))) throw new CoursesException('CATEGORY_NOT_FOUND');
  }

  /** A generated slug that collides is made again; a slug the instructor chose is theirs to change. */
  private async saveNew(manager: EntityManager, draft: CourseEntity, slugChosen: boolean): Promise<CourseEntity> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await manager.transaction((inner) => inner.save(CourseEntity, draft));
      } catch (error) {
        if (!isUniqueViolation(error, 'UQ_course_slug')) throw error;
        if (slugChosen || attempt >= 3) throw new CoursesException('COURSE_SLUG_TAKEN');
        draft.slug = slugFromTitle(draft.title, draft.language);
      }
    }
  }
}

