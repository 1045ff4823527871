import { Module } from '@nestjs/common';
import { CompletionService } from './completion.service';

/** Lesson progress and course completion (issue 7). Exports the completion rule to attendance and grading. */
@Module({
  providers: [CompletionService],
  exports: [CompletionService],
})
export class ProgressModule {}
