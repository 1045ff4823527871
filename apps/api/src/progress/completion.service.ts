import { type CompletionOutcome, evaluateCompletion } from '@baanrian/learning';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type { CompletionOutcome } from '@baanrian/learning';

/**
 * The completion rule for the API's services (progress, attendance), injected so they depend on a
 * provider rather than a function; the grading worker calls `evaluateCompletion` directly.
 */
@Injectable()
export class CompletionService {
  evaluate(manager: EntityManager, enrollmentId: string, requestId: string | null): Promise<CompletionOutcome | null> {
    return evaluateCompletion(manager, enrollmentId, requestId);
  }
}
