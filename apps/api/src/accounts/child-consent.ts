import { CHILD_REQUIRED_PURPOSE } from '@baanrian/contracts';
import type { EntityManager } from 'typeorm';

/**
 * Whether a child's data may be processed: their guardian's consent for learning is recorded and
 * not withdrawn, and neither of them is erased or disabled. The per-request token check in
 * jwt.strategy.ts asks the same question in its own query.
 */
export async function childMayBeProcessed(manager: EntityManager, childId: string, guardianId: string): Promise<boolean> {
  const [row]: { ok: boolean }[] = await manager.query(
    `SELECT EXISTS (
       SELECT 1 FROM app_user c
       JOIN app_user g ON g.id = c.guardian_id
       JOIN consent_record r ON r.subject_id = c.id AND r.given_by_id = g.id AND r.purpose = $3 AND r.withdrawn_at IS NULL
       WHERE c.id = $1 AND g.id = $2 AND c.erased_at IS NULL AND c.disabled_at IS NULL AND g.erased_at IS NULL AND g.disabled_at IS NULL
     ) AS ok`,
    [childId, guardianId, CHILD_REQUIRED_PURPOSE],
  );
  return row.ok;
}
