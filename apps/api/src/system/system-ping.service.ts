import { SystemPingEntity, writeOutboxEvent } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { currentRequestId } from '../observability/request-context';
import type { PingDto } from './system.dto';
import { SystemException } from './system.exception';

@Injectable()
export class SystemPingService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Writes the ping and its `system.ping` event in one transaction: both exist, or neither. */
  async request(): Promise<PingDto> {
    const ping = await this.db.transaction(async (manager) => {
      const saved = await manager.save(SystemPingEntity, manager.create(SystemPingEntity, {}));
      await writeOutboxEvent(manager, 'system.ping', { pingId: saved.id }, currentRequestId());
      return saved;
    });
    return toDto(ping);
  }

  async get(id: string): Promise<PingDto> {
    const ping = await this.db.getRepository(SystemPingEntity).findOneBy({ id });
    if (!ping) throw new SystemException('PING_NOT_FOUND');
    return toDto(ping);
  }

  async lastCompleted(): Promise<PingDto | null> {
    const ping = await this.db
      .getRepository(SystemPingEntity)
      .createQueryBuilder('p')
      .where('p.completed_at IS NOT NULL')
      .orderBy('p.completed_at', 'DESC')
      .limit(1)
      .getOne();
    return ping ? toDto(ping) : null;
  }
}

function toDto(ping: SystemPingEntity): PingDto {
  return {
    id: ping.id,
    requestedAt: ping.requestedAt.toISOString(),
    completedAt: ping.completedAt?.toISOString() ?? null,
    roundTripMs: ping.completedAt ? ping.completedAt.getTime() - ping.requestedAt.getTime() : null,
  };
}
