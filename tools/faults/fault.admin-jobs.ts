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
 * The failed jobs administrators can see, as `queue/jobId` keys: every page of
 * `GET /api/v1/admin/jobs/failed` (every status), asked through the proxy as the workload's
 * administrator. I5 (fault.invariants.ts) compares the BullMQ failed sets against them.
 */
export async function adminVisibleFailedJobs(stack: WorkloadStack, data: WorkloadData): Promise<Set<string>> {
  const headers = { authorization: `Bearer ${await stack.token(data.adminUserId, ['admin'])}` };
  const keys = new Set<string>();
  for (let offset = 0; ; offset += 200) {
    const response = await fetch(`${stack.baseUrl}/api/v1/admin/jobs/failed?limit=200&offset=${offset}`, { headers });
    if (!response.ok) throw new Error(`GET /api/v1/admin/jobs/failed answered ${response.status}`);
    const page = (await response.json()) as { items: { queue: string; jobId: string }[]; total: number };
    for (const item of page.items) keys.add(`${item.queue}/${item.jobId}`);
    if (offset + 200 >= page.total) return keys;
  }
}
