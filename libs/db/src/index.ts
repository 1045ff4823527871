export { CourseEntity } from './courses/course.entity';
export { createDataSource, dataSourceOptions, type DatabaseSettings } from './data-source';
export { ENTITIES } from './entities';
export { OutboxEventEntity } from './outbox/outbox-event.entity';
export { writeOutboxEvent } from './outbox/outbox.writer';
export { SeedRunEntity } from './seed/seed-run.entity';
export { SystemPingEntity } from './system/system-ping.entity';
export { WorkerHeartbeatEntity } from './system/worker-heartbeat.entity';
