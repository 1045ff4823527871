import { CourseEntity, SeedRunEntity } from '@baanrian/db';
import type { DataSource } from 'typeorm';
import { DEMO_COURSES } from './demo-courses';

export const DEMO_SEED = 'demo-v1';

export type SeedOutcome = 'seeded' | 'already-seeded' | 'database-not-empty';

/**
 * Seeds the demo on an empty database. Rows and the `seed_run` marker are written in one
 * transaction, so an interrupted seed leaves nothing behind and the next start redoes it; the
 * marker's primary key makes two concurrent seeds impossible.
 */
export async function seedDemo(db: DataSource, now = new Date()): Promise<SeedOutcome> {
  return db.transaction(async (manager) => {
    if (await manager.existsBy(SeedRunEntity, { name: DEMO_SEED })) return 'already-seeded';
    if (await manager.exists(CourseEntity)) return 'database-not-empty';
    await manager.insert(SeedRunEntity, { name: DEMO_SEED });
    await manager.insert(
      CourseEntity,
      DEMO_COURSES.map((course, i) => ({
        ...course,
        language: 'th',
        status: 'published' as const,
        // Spread over recent days so "newest first" has a visible order.
        publishedAt: new Date(now.getTime() - i * 86_400_000),
      })),
    );
    return 'seeded';
  });
}
