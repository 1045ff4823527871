import type { EnrollmentSource } from '@baanrian/contracts';
import type { EntityManager } from 'typeorm';
import { childMayBeProcessed } from '../accounts/child-consent';
import type { AuthUser } from '../authz/authz.types';
import { EnrollmentsException } from './enrollments.exception';

export interface Learner {
  userId: string;
  source: EnrollmentSource;
  enrolledById: string | null;
}

/**
 * Whose enrolment a request is about: the caller, or (`forUserId`) a child of the caller whose
 * guardian consent for learning is recorded and not withdrawn. Another family's child is 404, as
 * if unknown; a child without consent is 403. A guardian acting as the child (a child session)
 * enrols the child as `guardian` too.
 */
export async function resolveLearner(manager: EntityManager, caller: AuthUser, forUserId?: string): Promise<Learner> {
  if (!forUserId || forUserId === caller.id) {
    const guardianId = caller.actingGuardianId ?? null;
    return { userId: caller.id, source: guardianId ? 'guardian' : 'self', enrolledById: guardianId };
  }
  if (caller.isChild) throw new EnrollmentsException('ENROLLMENT_NOT_YOUR_CHILD');
  const [child]: { guardian_id: string | null }[] = await manager.query(`SELECT guardian_id FROM app_user WHERE id = $1 AND erased_at IS NULL`, [forUserId]);
  if (!child || child.guardian_id !== caller.id) throw new EnrollmentsException('ENROLLMENT_NOT_YOUR_CHILD');
  if (!(await childMayBeProcessed(manager, forUserId, caller.id))) throw new EnrollmentsException('ENROLLMENT_CONSENT_REQUIRED');
  return { userId: forUserId, source: 'guardian', enrolledById: caller.id };
}
