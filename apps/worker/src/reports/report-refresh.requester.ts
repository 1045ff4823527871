import type { Queue } from 'bullmq';

/**
 * Queues one `reports.refresh`. Deduplicated: while one waits, more requests add nothing (it will
 * see every mark); while one runs, one more is kept to run after it, so a mark made after the
 * running job's last claim is never left for the 15-second safety net alone.
 */
export async function requestRefresh(queue: Queue): Promise<void> {
  await queue.add('reports.refresh', {}, { deduplication: { id: 'reports.refresh', keepLastIfActive: true }, removeOnComplete: 100, removeOnFail: 100 });
}
