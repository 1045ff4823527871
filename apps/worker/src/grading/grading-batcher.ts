import type { GradingOutcome, GradingRequest } from './attempt-grading';

interface Pending extends GradingRequest {
  resolve(outcome: GradingOutcome): void;
  reject(error: unknown): void;
}

/**
 * Groups the grading jobs that the worker runs concurrently into shared transactions. No timer:
 * while `maxInFlight` batches are committing, arriving jobs wait and leave together as the next
 * batch, so a quiet queue grades each job at once and a busy one fills batches by itself (up to
 * `maxBatch`). A failed batch is retried attempt by attempt, so one attempt that cannot be graded
 * fails only its own job (BullMQ retries it) and never holds back the others.
 */
export class GradingBatcher {
  private readonly waiting: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly grade: (requests: readonly GradingRequest[]) => Promise<GradingOutcome[]>,
    private readonly maxBatch = 25,
    private readonly maxInFlight = 2,
  ) {}

  submit(request: GradingRequest): Promise<GradingOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await this.grade(batch);
      batch.forEach((p, i) => p.resolve(outcomes[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const p of batch) {
        await this.grade([p]).then(([outcome]) => p.resolve(outcome), (e: unknown) => p.reject(e));
      }
    }
  }
}
