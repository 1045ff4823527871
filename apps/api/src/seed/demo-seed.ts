import { CourseEntity, SeedRunEntity, UserEntity } from '@baanrian/db';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { publishDemoCourses } from '../catalog/catalog.demo';
import { hashPassword } from '../accounts/password-hash';
import { createAccount } from '../accounts/user-accounts';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { DEMO_COURSES } from './demo-courses';

export const DEMO_SEED = 'demo-v1';
/** Demo accounts arrived after the demo catalog: demo databases seeded before get them on the next start. */
export const DEMO_ACCOUNTS_SEED = 'demo-accounts-v1';

export type SeedOutcome = 'seeded' | 'already-seeded' | 'database-not-empty';

/**
 * Seeds the demo on an empty database. Rows and the `seed_run` markers are written in one
 * transaction, so an interrupted seed leaves nothing behind and the next start redoes it; the
 * markers' primary keys make two concurrent seeds impossible. A database that has courses or
 * users of its own is never touched: demo accounts have public passwords.
 */
export async function seedDemo(db: DataSource, now = new Date()): Promise<SeedOutcome> {
  return db.transaction(async (manager) => {
    if (!(await manager.existsBy(SeedRunEntity, { name: DEMO_SEED }))) {
      if ((await manager.exists(CourseEntity)) || (await manager.exists(UserEntity))) return 'database-not-empty';
      await manager.insert(SeedRunEntity, { name: DEMO_SEED });
      await seedCourses(manager, now);
    } else if (await manager.existsBy(SeedRunEntity, { name: DEMO_ACCOUNTS_SEED })) {
      return 'already-seeded';
    }
    await manager.insert(SeedRunEntity, { name: DEMO_ACCOUNTS_SEED });
    await seedAccounts(manager);
    return 'seeded';
  });
}

async function seedCourses(manager: EntityManager, now: Date): Promise<void> {
  const { identifiers } = await manager.insert(
    CourseEntity,
    DEMO_COURSES.map((course, i) => ({
      ...course,
      language: 'th',
      status: 'published' as const,
      // Spread over recent days so "newest first" has a visible order.
      publishedAt: new Date(now.getTime() - i * 86_400_000),
    })),
  );
  // The public catalog reads published versions (catalog_entry), as after a publish in the studio.
  await publishDemoCourses(manager, await manager.findBy(CourseEntity, { id: In(identifiers.map((row) => row.id as string)) }));
}

async function seedAccounts(manager: EntityManager): Promise<void> {
  for (const { password, staffStatus, login: _login, ...account } of DEMO_ACCOUNTS) {
    const created = await createAccount(manager, { ...account, passwordHash: await hashPassword(password) });
    if (staffStatus) await manager.update(UserEntity, created.user.id, { staffStatus });
  }
}
