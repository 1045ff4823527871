import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentAbility } from '../authz/auth.decorator';
import type { AppAbility } from '../authz/authz.types';
import { CourseIdParamsDto } from '../courses/studio-course.dto';
import { GradebookCsvQueryDto, GradebookDto, GradebookQueryDto } from './gradebook.dto';
import { GradebookService } from './gradebook.service';

/** Learners × quizzes of a course, on screen and as CSV (the course's instructors). */
@ApiTags('quiz-studio')
@Controller('studio')
@Auth({ can: ['teach', 'Course'] })
export class GradebookController {
  constructor(private readonly gradebook: GradebookService) {}

  @Get('courses/:courseId/gradebook')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ operationId: 'getGradebook', summary: 'Learners × quizzes, each result by the quiz\'s grading method; filtered and keyset-paged' })
  @ApiOkResponse({ type: GradebookDto })
  page(@Param() params: CourseIdParamsDto, @Query() query: GradebookQueryDto, @CurrentAbility() ability: AppAbility): Promise<GradebookDto> {
    return this.gradebook.page(ability, params.courseId, query);
  }

  @Get('courses/:courseId/gradebook.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="gradebook.csv"')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('text/csv')
  @ApiOperation({ operationId: 'exportGradebookCsv', summary: 'The gradebook as CSV (UTF-8 with BOM; formula-like cells neutralised)' })
  @ApiOkResponse({ description: 'text/csv', schema: { type: 'string' } })
  csv(@Param() params: CourseIdParamsDto, @Query() query: GradebookCsvQueryDto, @CurrentAbility() ability: AppAbility): Promise<string> {
    return this.gradebook.csv(ability, params.courseId, query.quizId);
  }
}
