import { isDependencyUnavailable } from '@baanrian/db';
import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';

/** Waits before a job that met an outage runs again: 1 s, doubling with each start, at most 30 s. */
export function outageDelayMs(attemptsStarted: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attemptsStarted - 1));
}

/**
 * Starts a job may spend on outages before they count as attempts (about 25 minutes at 30 s):
 * an error that looks like an outage but never passes (a misclassified one) still ends in the
 * failed set, visible to administrators, instead of being retried for ever.
 */
export const OUTAGE_FREE_STARTS = 60;

/**
 * The base of every queue processor. A job whose handler fails because PostgreSQL or Redis is out
 * of reach (down, restarting, or Redis refusing writes at its memory limit) is put back, delayed,
 * without spending one of its attempts: five attempts with exponential backoff last 15 s, and an
 * outage of 20 s would otherwise fail certificates and grades for good (fault scenario 6, and
 * CI saw it). Handlers are idempotent, so running one again after a half-done try is safe.
 */
export abstract class OutageTolerantHost extends WorkerHost {
  private readonly outageLogger = new Logger('OutageRetry');

  protected abstract handle(job: Job, token?: string): Promise<unknown>;

  async process(job: Job, token?: string): Promise<unknown> {
    try {
      return await this.handle(job, token);
    } catch (error) {
      if (!token || !isDependencyUnavailable(error) || job.attemptsStarted >= OUTAGE_FREE_STARTS) throw error;
      const delayMs = outageDelayMs(job.attemptsStarted);
      try {
        // The move itself writes to Redis; if that is refused too, the job fails as usual and
        // spends an attempt (or, with the lock lost, is picked up again as stalled).
        await job.moveToDelayed(Date.now() + delayMs, token);
      } catch {
        throw error;
      }
      this.outageLogger.warn({ queue: job.queueName, jobId: job.id, jobName: job.name, delayMs, error: (error as Error).message }, 'outage: job put back');
      throw new DelayedError();
    }
  }
}
