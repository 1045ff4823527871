import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { OutboxEventEntity } from '@baanrian/db';
import { JOB_QUEUES, type JobName, type QueueName, isJobName } from '@baanrian/jobs';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { failpoint } from '../system/failpoint';
import { OutboxQueues } from './outbox-queues';

/**
 * Events per claim. 500 rather than 100: each batch costs two statements and one Redis round trip
 * whatever its size, and at 100 the relay measured ~2,100 events/s against ~2,900 at 500 on the
 * shared 2-core bench machine (tools/bench/groups/enrollment/relay.bench.ts). Adding 500 jobs stays
 * well inside ENQUEUE_TIMEOUT_MS.
 */
export const OUTBOX_BATCH_SIZE = 500;
const BATCH_SIZE = OUTBOX_BATCH_SIZE;
const ENQUEUE_TIMEOUT_MS = 5_000;
/** The longest a failed event waits before the next try (see postpone). */
export const OUTBOX_MAX_BACKOFF_SECONDS = 30;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Moves outbox rows to BullMQ. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so any number of
 * workers can relay without a leader; each job's id is the row's id, so a relay that dies after
 * adding but before marking re-adds a job BullMQ already has, which it ignores.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private running = false;
  private timer?: NodeJS.Timeout;
  private inFlight: Promise<void> = Promise.resolve();
  private ticking = false;
  private woken = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: OutboxQueues,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  /** Relays one batch; returns how many events went to the queues. */
  async relayBatch(): Promise<number> {
    let claimed: OutboxEventEntity[] = [];
    try {
      return await this.db.transaction(async (manager) => {
        claimed = await manager.query(
          `SELECT id, type, payload, request_id AS "requestId" FROM outbox_event
           WHERE published_at IS NULL AND available_at <= now()
           ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [BATCH_SIZE],
        );
        if (claimed.length === 0) return 0;
        const known = claimed.filter((event) => isJobName(event.type));
        const unknown = claimed.filter((event) => !isJobName(event.type));
        if (unknown.length) await this.park(manager, unknown);
        await this.enqueue(known);
        // Fault suite, scenario 8: the jobs are in Redis, the rows still claimed and not marked.
        if (known.length) failpoint('relay.after-enqueue', { events: known.length, eventIds: known.slice(0, 20).map((e) => e.id) });
        await manager.query(`UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::uuid[])`, [known.map((e) => e.id)]);
        return known.length;
      });
    } catch (error) {
      await this.postpone(claimed, error as Error);
      throw error;
    }
  }

  private async enqueue(events: OutboxEventEntity[]): Promise<void> {
    const byQueue = new Map<QueueName, OutboxEventEntity[]>();
    for (const event of events) {
      const queue = JOB_QUEUES[event.type as JobName];
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), event]);
    }
    for (const [queueName, batch] of byQueue) {
      const queue = this.queues.get(queueName);
      const adding = queue.addBulk(
        batch.map((event) => ({
          name: event.type,
          data: { ...event.payload, meta: { eventId: event.id, requestId: event.requestId } },
          opts: { jobId: event.id },
        })),
      );
      // Never hold the claimed rows' locks while Redis is unreachable; a late add is harmless.
      await withTimeout(adding, ENQUEUE_TIMEOUT_MS, `Redis did not accept ${batch.length} jobs in time`);
    }
  }

  /**
   * An event no queue knows (written by a newer version, or a typo) must not block the others:
   * it is set aside for a day with a reason an operator can see, and retried after an upgrade.
   */
  private async park(manager: EntityManager, events: OutboxEventEntity[]): Promise<void> {
    this.logger.error({ eventIds: events.map((e) => e.id) }, 'outbox events of unknown type set aside');
    await manager.query(
      `UPDATE outbox_event SET attempts = attempts + 1, last_error = 'unknown event type: ' || type,
         available_at = now() + interval '1 day' WHERE id = ANY($1::uuid[])`,
      [events.map((e) => e.id)],
    );
  }

  /**
   * Redis down or full, or a bad row: the events stay in the table and are retried later, never
   * lost. The wait doubles but stops at OUTBOX_MAX_BACKOFF_SECONDS: almost every failure here is
   * Redis (down, or refusing writes at its memory limit), and the rows are not at fault, so after
   * an outage of any length they must go out within a minute of Redis coming back (I3). A cap of
   * 300 s let an outage of just over a minute hold rows for two more.
   */
  private async postpone(events: OutboxEventEntity[], error: Error): Promise<void> {
    if (events.length === 0) return;
    await this.db
      .query(
        `UPDATE outbox_event SET attempts = attempts + 1, last_error = $2,
           available_at = now() + make_interval(secs => LEAST(${OUTBOX_MAX_BACKOFF_SECONDS}, power(2, attempts + 1)))
         WHERE id = ANY($1::uuid[]) AND published_at IS NULL`,
        [events.map((e) => e.id), error.message.slice(0, 1000)],
      )
      .catch(() => undefined);
  }

  /**
   * New events were committed (OutboxWakeupListener): relay now rather than at the next poll. During
   * a batch, the next one starts as soon as it ends, so an event written meanwhile is not left waiting.
   */
  wake(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.woken = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let relayed = 0;
    let failed = false;
    this.ticking = true;
    this.woken = false;
    try {
      relayed = await this.relayBatch();
      if (relayed > 0) this.logger.debug(`relayed ${relayed} events`);
    } catch (error) {
      failed = true;
      this.logger.warn({ err: error }, 'outbox relay failed; events will be retried');
    }
    this.ticking = false;
    // A full batch means more may be waiting, as does a wake-up during the batch: go again at once
    // (but not straight after a failure: Redis or PostgreSQL is given the poll interval to recover).
    this.schedule(relayed === BATCH_SIZE || (this.woken && !failed) ? 0 : this.config.worker.outboxPollMs);
  }
}

