import type { WorkloadData, WorkloadStack } from './fault.workload';

/** A job in a BullMQ failed set: it failed for good (attempts used up, or an unrecoverable error). */
export interface FailedJob {
  queue: string;
  id: string;
  name: string;
  attemptsMade: number;
  attempts: number;
  reason?: string;
}

/**
 * The failed jobs administrators can see, as `queue/jobId` keys, or null while there is no way to
 * ask. The failed-jobs helper is building `GET /api/v1/admin/jobs/failed`; once merged, this is the
 * ONE function to change: sign in as `data.adminUserId` with `stack.token(data.adminUserId,
 * ['admin'])`, read every page of the list through `stack.baseUrl`, and return its keys. I5
 * (fault.invariants.ts) then compares the BullMQ failed sets against them.
 */
export async function adminVisibleFailedJobs(_stack: WorkloadStack, _data: WorkloadData): Promise<Set<string> | null> {
  return null;
}
