import { Module } from '@nestjs/common';
import { ReachClock } from './reach.clock';
import { ReachController } from './reach.controller';
import { ReachRateLimit } from './reach-rate-limit';
import { ReachSaltService } from './reach-salt.service';
import { ReachService } from './reach.service';

/** Measured reach (issue 10): the page-view beacon. The worker rolls the visits up (`reach.rollup`). */
@Module({
  controllers: [ReachController],
  providers: [ReachClock, ReachRateLimit, ReachSaltService, ReachService],
})
export class ReachModule {}
