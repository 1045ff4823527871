import { CourseCategoryEntity, CourseEntity, SeedRunEntity, UserEntity } from '@baanrian/db';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../accounts/password-hash';
import { createAccount } from '../accounts/user-accounts';
import { publishLoaded } from '../courses/course-publish.service';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { bangkokMidnight, insertCourse } from './demo-course-insert';
import { DEMO_CATEGORIES, DEMO_COURSES } from './demo-courses';
import { DEMO_LEARNING_SEED, seedLearning } from './demo-learning';
import { DEMO_REPORT_YEAR_SEED, seedReportYear } from './demo-report-year';

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
    const reportYearSeeded = await manager.existsBy(SeedRunEntity, { name: DEMO_REPORT_YEAR_SEED });
    if (demoDatabase && accountsSeeded && catalogSeeded && learningSeeded && reportYearSeeded) return 'already-seeded';
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
    if (!reportYearSeeded) {
      await manager.insert(SeedRunEntity, { name: DEMO_REPORT_YEAR_SEED });
      await seedReportYear(manager, now);
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
    // Midnight in Bangkok, some days away: past and upcoming courses across Thai fiscal years.
    const startsAt = demo.startsInDays === null ? null : bangkokMidnight(now, demo.startsInDays);
    const course = await insertCourse(manager, demo, owner.id, categories.get(demo.categorySlug) ?? null, startsAt, new Date(publishedAt.getTime() - 3_600_000));
    await publishLoaded(manager, { course, coTeacherIds: [] }, owner.id, publishedAt);
  }
}

async function seedAccounts(manager: EntityManager): Promise<void> {
  for (const { password, staffStatus, login: _login, ...account } of DEMO_ACCOUNTS) {
    const created = await createAccount(manager, { ...account, passwordHash: await hashPassword(password) });
    if (staffStatus) await manager.update(UserEntity, created.user.id, { staffStatus });
  }
}
