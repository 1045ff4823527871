import { CourseEntity } from './courses/course.entity';
import { OutboxEventEntity } from './outbox/outbox-event.entity';
import { SeedRunEntity } from './seed/seed-run.entity';
import { SystemPingEntity } from './system/system-ping.entity';
import { WorkerHeartbeatEntity } from './system/worker-heartbeat.entity';

/** Every entity, listed explicitly: bundled builds cannot discover them with globs. */
export const ENTITIES = [CourseEntity, OutboxEventEntity, SeedRunEntity, SystemPingEntity, WorkerHeartbeatEntity];
