import { Module } from '@nestjs/common';
import { CompletionService } from './completion.service';
import { LearningController } from './learning.controller';
import { LearningService } from './learning.service';
import { LessonLockService } from './lesson-lock';
import { LessonProgressService } from './lesson-progress.service';
import { PublishedOutlineCache } from './published-outline.cache';
import { StudioProgressService } from './studio-progress.service';

/** Lesson progress, the player, "My learning" and course completion (issue 7). Exports the completion rule to attendance and grading, and the sequential lock to quiz attempts. */
@Module({
  controllers: [LearningController],
  providers: [CompletionService, LessonLockService, LessonProgressService, PublishedOutlineCache, LearningService, StudioProgressService],
  exports: [CompletionService, LessonLockService],
})
export class ProgressModule {}
