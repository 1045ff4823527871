import { CourseCategoryEntity, CourseEntity, CourseModuleEntity, LessonEntity, SeedRunEntity, UserEntity } from '@baanrian/db';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../accounts/password-hash';
import { createAccount } from '../accounts/user-accounts';
import { publishLoaded } from '../courses/course-publish.service';
import { parseLessonContent } from '../courses/lesson-content';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { DEMO_CATEGORIES, DEMO_COURSES, type DemoCourse } from './demo-courses';
import { DEMO_LEARNING_SEED, seedLearning } from './demo-learning';
import { demoOutline } from './demo-outline';

export const DEMO_SEED = 'demo-v1';
/** Demo accounts arrived after the demo catalog: demo databases seeded before get them on the next start. */
export const DEMO_ACCOUNTS_SEED = 'demo-accounts-v1';
/**
 * The demo catalog as an instructor would publish it (owner, modules, lessons, versions, catalog
 * rows). Demo databases seeded with the first, flat catalog get it on their next start.
 */
export const DEMO_CATALOG_SEED = 'demo-catalog-v2';
export const DEMO_INSTRUCTOR_LOGIN = 'instructor@demo.baanrian.test';

export type SeedOutcome = 'seeded' | 'already-seeded' | 'database-not-empty';

const DAY = 86_400_000;

/**
 * Seeds the demo on an empty database. Rows and the `seed_run` markers are written in one
 * transaction, so an interrupted seed leaves nothing behind and the next start redoes it; the
 * markers' primary keys make two concurrent seeds impossible. A database that has courses or
 * users of its own is never touched: demo accounts have public passwords.
 */
export async function seedDemo(db: DataSource, now = new Date()): Promise<SeedOutcome> {
  return db.transaction(async (manager) => {
    const demoDatabase = await manager.existsBy(SeedRunEntity, { name: DEMO_SEED });
    const accountsSeeded = await manager.existsBy(SeedRunEntity, { name: DEMO_ACCOUNTS_SEED });
    const catalogSeeded = await manager.existsBy(SeedRunEntity, { name: DEMO_CATALOG_SEED });
    const learningSeeded = await manager.existsBy(SeedRunEntity, { name: DEMO_LEARNING_SEED });
    if (demoDatabase && accountsSeeded && catalogSeeded && learningSeeded) return 'already-seeded';
    if (!demoDatabase && ((await manager.exists(CourseEntity)) || (await manager.exists(UserEntity)))) return 'database-not-empty';
    if (!demoDatabase) await manager.insert(SeedRunEntity, { name: DEMO_SEED });
    if (!accountsSeeded) {
      await manager.insert(SeedRunEntity, { name: DEMO_ACCOUNTS_SEED });
      await seedAccounts(manager);
    }
    if (!catalogSeeded) {
      await manager.insert(SeedRunEntity, { name: DEMO_CATALOG_SEED });
      await seedCatalog(manager, now);
    }
    if (!learningSeeded) {
      await manager.insert(SeedRunEntity, { name: DEMO_LEARNING_SEED });
      await seedLearning(manager);
    }
    return 'seeded';
  });
}

/**
 * Categories, then each demo course as an instructor would make it (owner, modules, lessons
 * checked by the same content rules), published through the studio's publish code path so
 * `course_version` and `catalog_entry` rows exist exactly as after a real publish.
 */
async function seedCatalog(manager: EntityManager, now: Date): Promise<void> {
  const owner = await manager.findOneBy(UserEntity, { email: DEMO_INSTRUCTOR_LOGIN });
  if (!owner) return; // someone removed the demo instructor: leave their demo alone
  // The first demo catalog's rows (never published through the studio) make way for the new ones;
  // a demo course someone has since published in the studio is theirs now and stays.
  const slugs = DEMO_COURSES.map((c) => c.slug);
  await manager.query(`DELETE FROM course WHERE slug = ANY($1) AND published_version IS NULL`, [slugs]);
  const kept = new Set((await manager.query(`SELECT slug FROM course WHERE slug = ANY($1)`, [slugs])).map((r: { slug: string }) => r.slug));
  await manager.createQueryBuilder().insert().into(CourseCategoryEntity).values(DEMO_CATEGORIES.map((category, position) => ({ ...category, position }))).orIgnore().execute();
  const categories = new Map((await manager.find(CourseCategoryEntity)).map((c) => [c.slug, c.id]));
  for (const [i, demo] of DEMO_COURSES.entries()) {
    if (kept.has(demo.slug)) continue;
    // Spread over recent days so "newest first" has a visible order; written an hour before
    // the publish, so the studio shows no unpublished changes.
    const publishedAt = new Date(now.getTime() - i * DAY);
    const course = await insertCourse(manager, demo, owner.id, categories.get(demo.categorySlug) ?? null, now, new Date(publishedAt.getTime() - 3_600_000));
    await publishLoaded(manager, { course, coTeacherIds: [] }, owner.id, publishedAt);
  }
}

async function insertCourse(manager: EntityManager, demo: DemoCourse, ownerId: string, categoryId: string | null, now: Date, writtenAt: Date): Promise<CourseEntity> {
  // Midnight in Bangkok, some days away: past and upcoming courses across Thai fiscal years.
  const startsAt = demo.startsInDays === null ? null : new Date(Math.floor((now.getTime() + 7 * 3_600_000) / DAY) * DAY - 7 * 3_600_000 + demo.startsInDays * DAY);
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
    capacity: demo.format === 'self_paced' ? null : demo.format === 'onsite_workshop' ? 30 : 100,
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

async function seedAccounts(manager: EntityManager): Promise<void> {
  for (const { password, staffStatus, login: _login, ...account } of DEMO_ACCOUNTS) {
    const created = await createAccount(manager, { ...account, passwordHash: await hashPassword(password) });
    if (staffStatus) await manager.update(UserEntity, created.user.id, { staffStatus });
  }
}
