import { CourseEntity, CourseModuleEntity, LessonEntity } from '@baanrian/db';
import type { EntityManager } from 'typeorm';
import { parseLessonContent } from '../courses/lesson-content';
import type { DemoCourse } from './demo-courses';
import { demoOutline } from './demo-outline';

const DAY = 86_400_000;

/** Midnight in Bangkok, `days` days from `now`'s Bangkok day. */
export function bangkokMidnight(now: Date, days: number): Date {
  return new Date(Math.floor((now.getTime() + 7 * 3_600_000) / DAY) * DAY - 7 * 3_600_000 + days * DAY);
}

/**
 * A demo course as an instructor would make it in the studio: the draft row, then its modules and
 * lessons checked by the same content rules, written at `writtenAt`. The caller publishes it
 * (`publishLoaded`). `capacity` overrides the default seats per format.
 */
export async function insertCourse(
  manager: EntityManager,
  demo: DemoCourse,
  ownerId: string,
  categoryId: string | null,
  startsAt: Date | null,
  writtenAt: Date,
  capacity?: number | null,
): Promise<CourseEntity> {
  const modules = demoOutline(demo, startsAt);
  const minutes = modules.flatMap((m) => m.lessons).reduce((sum, l) => sum + l.durationMinutes, 0);
  const { categorySlug: _category, startsInDays: _starts, ...fields } = demo;
  const course = manager.create(CourseEntity, {
    ...fields,
    ownerId,
    categoryId,
    language: 'th',
    description: { th: `${demo.summary.th}\n\n**เหมาะสำหรับ** ทุกคนที่อยากเริ่มต้น ไม่ต้องมีพื้นฐานมาก่อน` },
    tags: [demo.format === 'onsite_workshop' ? 'เวิร์กช็อป' : 'ออนไลน์', 'เชียงใหม่'],
    capacity: capacity !== undefined ? capacity : demo.format === 'self_paced' ? null : demo.format === 'onsite_workshop' ? 30 : 100,
    startsAt,
    endsAt: startsAt ? new Date(startsAt.getTime() + (demo.format === 'onsite_workshop' ? 1 : 30) * DAY) : null,
    enrollmentOpensAt: startsAt ? new Date(startsAt.getTime() - 30 * DAY) : null,
    enrollmentClosesAt: startsAt,
    learningHours: Math.round(minutes / 6) / 10,
    status: 'draft',
    createdAt: writtenAt,
    updatedAt: writtenAt,
  });
  const saved = await manager.save(CourseEntity, course);
  for (const [m, module] of modules.entries()) {
    const savedModule = await manager.save(CourseModuleEntity, manager.create(CourseModuleEntity, { courseId: saved.id, title: module.title, position: m + 1, createdAt: writtenAt, updatedAt: writtenAt }));
    await manager.insert(
      LessonEntity,
      module.lessons.map((lesson, l) => ({
        courseId: saved.id,
        moduleId: savedModule.id,
        type: lesson.type,
        title: lesson.title,
        required: lesson.required,
        durationMinutes: lesson.durationMinutes,
        position: l + 1,
        ...parseLessonContent(lesson.type, lesson.content),
        createdAt: writtenAt,
        updatedAt: writtenAt,
      })),
    );
  }
  return saved;
}
