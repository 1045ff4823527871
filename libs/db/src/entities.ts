import { AuditLogEntity } from './accounts/audit-log.entity';
import { RefreshTokenEntity } from './accounts/refresh-token.entity';
import { UserRoleEntity } from './accounts/user-role.entity';
import { UserEntity } from './accounts/user.entity';
import { CourseEntity } from './courses/course.entity';
import { OutboxEventEntity } from './outbox/outbox-event.entity';
import { SeedRunEntity } from './seed/seed-run.entity';
import { SystemPingEntity } from './system/system-ping.entity';
import { WorkerHeartbeatEntity } from './system/worker-heartbeat.entity';

/** Every entity, listed explicitly: bundled builds cannot discover them with globs. */
export const ENTITIES = [
  AuditLogEntity,
  RefreshTokenEntity,
  UserEntity,
  UserRoleEntity,
  CourseEntity,
  OutboxEventEntity,
  SeedRunEntity,
  SystemPingEntity,
  WorkerHeartbeatEntity,
];
