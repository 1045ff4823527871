import type { EntityManager } from 'typeorm';

const KEY = `hashtext('baanrian:report-rollups')`;

/**
 * Refreshes share this lock; a rebuild takes it alone. Per
 * course or learner, refreshes never overlap (a cell's mark is claimed once), but a rebuild's
 * delete-everything would race their delete-then-insert into duplicate keys. Transaction-scoped.
 */
export async function shareRollups(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(${KEY})`);
}

export async function lockRollups(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(${KEY})`);
}
