import { SystemPingEntity } from '@baanrian/db';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { SystemPingService } from './system-ping.service';
import { SystemController } from './system.controller';

@Module({
  imports: [TypeOrmModule.forFeature([SystemPingEntity])],
  controllers: [HealthController, SystemController],
  providers: [HealthService, SystemPingService],
})
export class SystemModule {}
