import { Module } from '@nestjs/common';
import { FailedJobQueues } from './failed-job.queues';
import { FailedJobsController } from './failed-jobs.controller';
import { FailedJobsService } from './failed-jobs.service';

/** Jobs that failed for good (issue 12, invariant I5): the worker records them, administrators act here. */
@Module({
  controllers: [FailedJobsController],
  providers: [FailedJobQueues, FailedJobsService],
})
export class FailedJobsModule {}
