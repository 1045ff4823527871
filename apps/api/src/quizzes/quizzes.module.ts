import { Module } from '@nestjs/common';
import { GradebookController } from './gradebook.controller';
import { GradebookService } from './gradebook.service';
import { QuestionBankController } from './question-bank.controller';
import { QuestionBankService } from './question-bank.service';
import { QuestionCategoriesService } from './question-categories.service';
import { QuestionImportController } from './question-import.controller';
import { QuestionImportService } from './question-import.service';
import { RegradesService } from './regrades.service';
import { StudioQuizzesController } from './studio-quizzes.controller';
import { QuizzesService } from './quizzes.service';

/** Quiz authoring (issue 8): the question bank, quizzes and their settings, GIFT/Aiken, regrades, the gradebook. */
@Module({
  controllers: [QuestionBankController, StudioQuizzesController, QuestionImportController, GradebookController],
  providers: [QuestionBankService, QuestionCategoriesService, QuizzesService, RegradesService, QuestionImportService, GradebookService],
})
export class QuizzesModule {}
