import type { JobName, JobPayloads } from '@baanrian/jobs';
import type { EntityManager } from 'typeorm';
import { OutboxEventEntity } from './outbox-event.entity';

/**
 * Records a domain event inside the caller's transaction. Domain code never adds to a queue
 * directly: if the transaction rolls back, the event never existed; if Redis is down, the
 * event waits in the table until the relay can deliver it.
 */
export async function writeOutboxEvent<N extends JobName>(
  manager: EntityManager,
  type: N,
  payload: JobPayloads[N],
  requestId: string | null,
): Promise<OutboxEventEntity> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error(`Outbox event ${type} must be written inside a transaction`);
  }
  return manager.save(OutboxEventEntity, manager.create(OutboxEventEntity, { type, payload, requestId }));
}
