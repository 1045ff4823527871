import type { LessonContent } from '@baanrian/contracts';
import { CourseEntity, CourseModuleEntity, LessonEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { loadCourseFor, missingInCourse } from './course-access';
import { CoursesException } from './courses.exception';
import { checkLessonQuiz, parseLessonContent } from './lesson-content';
import { cleanMarkdown } from './markdown.renderer';
import type { StudioCourseDto } from './studio-course.dto';
import { loadLiveOutline, toStudioCourse, toStudioLesson } from './studio-course.mapper';
import type { CreateLessonDto, CreateModuleDto, ReorderOutlineDto, StudioLessonDto, StudioModuleDto, UpdateLessonDto, UpdateModuleDto } from './studio-outline.dto';

/**
 * Modules and lessons of a draft. Removing one is a soft delete: lesson ids are identities for
 * good (progress in issue 7 is keyed by them), and the published version may still show them.
 */
@Injectable()
export class StudioOutlineService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async createModule(ability: AppAbility, courseId: string, dto: CreateModuleDto): Promise<StudioModuleDto> {
    return this.db.transaction(async (manager) => {
      await loadCourseFor(manager, ability, 'update', courseId, { lock: true });
      const position = await nextPosition(manager, 'course_module', 'course_id', courseId);
      const saved = await manager.save(CourseModuleEntity, manager.create(CourseModuleEntity, { courseId, title: cleanMarkdown(dto.title), position }));
      return { id: saved.id, title: saved.title, position: saved.position, lessons: [] };
    });
  }

  async updateModule(ability: AppAbility, moduleId: string, dto: UpdateModuleDto): Promise<StudioModuleDto> {
    return this.db.transaction(async (manager) => {
      const module = await this.loadModule(manager, ability, moduleId);
      if (dto.title !== undefined) await manager.update(CourseModuleEntity, module.id, { title: cleanMarkdown(dto.title) });
      const lessons = await manager.find(LessonEntity, { where: { moduleId, deletedAt: IsNull() }, order: { position: 'ASC' } });
      return { id: module.id, title: dto.title !== undefined ? cleanMarkdown(dto.title) : module.title, position: module.position, lessons: lessons.map(toStudioLesson) };
    });
  }

  async deleteModule(ability: AppAbility, moduleId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const module = await this.loadModule(manager, ability, moduleId);
      const now = new Date();
      await manager.update(LessonEntity, { moduleId: module.id, deletedAt: IsNull() }, { deletedAt: now });
      await manager.update(CourseModuleEntity, module.id, { deletedAt: now });
    });
  }

  async createLesson(ability: AppAbility, moduleId: string, dto: CreateLessonDto): Promise<StudioLessonDto> {
    const parsed = parseLessonContent(dto.type, dto.content);
    return this.db.transaction(async (manager) => {
      const module = await this.loadModule(manager, ability, moduleId);
      await checkLessonQuiz(manager, module.courseId, dto.type, parsed.content);
      const position = await nextPosition(manager, 'lesson', 'module_id', module.id);
      const lesson = manager.create(LessonEntity, {
        courseId: module.courseId,
        moduleId: module.id,
        type: dto.type,
        title: cleanMarkdown(dto.title),
        required: dto.required ?? true,
        durationMinutes: dto.durationMinutes ?? null,
        position,
        ...parsed,
      });
      return toStudioLesson(await manager.save(LessonEntity, lesson));
    });
  }

  async updateLesson(ability: AppAbility, lessonId: string, dto: UpdateLessonDto): Promise<StudioLessonDto> {
    return this.db.transaction(async (manager) => {
      const lesson = await manager.findOne(LessonEntity, { where: { id: lessonId } });
      if (!lesson || lesson.deletedAt) throw await missingInCourse(manager, ability, 'update', lesson?.courseId, new CoursesException('LESSON_NOT_FOUND'));
      await loadCourseFor(manager, ability, 'update', lesson.courseId, { lock: true });
      // The type never changes: progress and attendance recorded against the lesson assume it.
      const parsed = dto.content !== undefined ? parseLessonContent(lesson.type, dto.content) : {};
      await checkLessonQuiz(manager, lesson.courseId, lesson.type, dto.content !== undefined ? (parsed as { content: LessonContent }).content : undefined);
      const changes = {
        ...(dto.title !== undefined ? { title: cleanMarkdown(dto.title) } : {}),
        ...(dto.required !== undefined ? { required: dto.required } : {}),
        ...(dto.durationMinutes !== undefined ? { durationMinutes: dto.durationMinutes } : {}),
        ...parsed,
      };
      if (Object.keys(changes).length) await manager.update(LessonEntity, lesson.id, changes);
      return toStudioLesson(await manager.findOneByOrFail(LessonEntity, { id: lesson.id }));
    });
  }

  async deleteLesson(ability: AppAbility, lessonId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const lesson = await manager.findOne(LessonEntity, { where: { id: lessonId } });
      if (!lesson || lesson.deletedAt) throw await missingInCourse(manager, ability, 'update', lesson?.courseId, new CoursesException('LESSON_NOT_FOUND'));
      await loadCourseFor(manager, ability, 'update', lesson.courseId, { lock: true });
      await manager.update(LessonEntity, lesson.id, { deletedAt: new Date() });
    });
  }

  /**
   * The whole order at once (drag and drop or keyboard in the studio): every live module, each
   * with the live lessons it should hold. Anything missing, extra or listed twice is 422
   * OUTLINE_MISMATCH, so an outline built on a stale screen never loses a lesson.
   */
  async reorder(ability: AppAbility, user: AuthUser, courseId: string, dto: ReorderOutlineDto): Promise<StudioCourseDto> {
    return this.db.transaction(async (manager) => {
      const loaded = await loadCourseFor(manager, ability, 'update', courseId, { lock: true });
      if (loaded.course.draftRevision !== dto.draftRevision) throw new CoursesException('COURSE_EDIT_CONFLICT', { draftRevision: loaded.course.draftRevision });
      const live = await loadLiveOutline(manager, courseId);
      const listedLessons = dto.modules.flatMap((m) => m.lessonIds);
      const sameSet = (a: string[], b: string[]) => a.length === b.length && new Set(a).size === a.length && b.every((id) => a.includes(id));
      if (!sameSet(dto.modules.map((m) => m.id), live.modules.map((m) => m.id)) || !sameSet(listedLessons, live.lessons.map((l) => l.id))) {
        throw new CoursesException('OUTLINE_MISMATCH');
      }
      for (const [moduleIndex, module] of dto.modules.entries()) {
        await manager.update(CourseModuleEntity, module.id, { position: moduleIndex + 1 });
        for (const [lessonIndex, lessonId] of module.lessonIds.entries()) {
          await manager.update(LessonEntity, lessonId, { moduleId: module.id, position: lessonIndex + 1 });
        }
      }
      // A new revision: another editor's outline or PATCH built on the old order is now stale.
      await manager.update(CourseEntity, { id: courseId }, { draftRevision: () => 'draft_revision + 1' });
      const fresh = await manager.findOneByOrFail(CourseEntity, { id: courseId });
      return toStudioCourse(manager, { ...loaded, course: fresh }, user);
    });
  }

  private async loadModule(manager: EntityManager, ability: AppAbility, moduleId: string): Promise<CourseModuleEntity> {
    const module = await manager.findOne(CourseModuleEntity, { where: { id: moduleId } });
    if (!module || module.deletedAt) throw await missingInCourse(manager, ability, 'update', module?.courseId, new CoursesException('MODULE_NOT_FOUND'));
    await loadCourseFor(manager, ability, 'update', module.courseId, { lock: true });
    return module;
  }
}

async function nextPosition(manager: EntityManager, table: 'course_module' | 'lesson', column: 'course_id' | 'module_id', id: string): Promise<number> {
  const [row] = await manager.query(`SELECT coalesce(max(position), 0) + 1 AS next FROM ${table} WHERE ${column} = $1 AND deleted_at IS NULL`, [id]);
  return Number(row.next);
}
