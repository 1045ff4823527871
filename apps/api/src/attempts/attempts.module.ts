import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module';
import { AttemptAnswersService } from './attempt-answers.service';
import { AttemptResultsService } from './attempt-results.service';
import { AttemptsClock } from './attempts.clock';
import { AttemptsController } from './attempts.controller';
import { AttemptsService } from './attempts.service';

/** Taking quizzes (issue 8): start/resume, autosave, submit, results; grading is the worker's. */
@Module({
  imports: [ProgressModule],
  controllers: [AttemptsController],
  providers: [AttemptsClock, AttemptsService, AttemptAnswersService, AttemptResultsService],
})
export class AttemptsModule {}
