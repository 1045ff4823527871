import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { CourseIdParamsDto } from '../courses/studio-course.dto';
import { CreateQuizDto, ExtensionDto, ExtensionInputDto, ExtensionParamsDto, QuizDto, QuizIdParamsDto, RegradeDto, UpdateQuizDto } from './quiz.dto';
import { QuizzesService } from './quizzes.service';
import { RegradesService } from './regrades.service';

const NOT_FOUND = { description: 'QUIZ_NOT_FOUND (problem+json)' };

/** Quizzes of a course: settings, time extensions and regrades (the course's instructors). */
@ApiTags('quiz-studio')
@Controller('studio')
@Auth({ can: ['teach', 'Course'] })
export class StudioQuizzesController {
  constructor(
    private readonly quizzes: QuizzesService,
    private readonly regrades: RegradesService,
  ) {}

  @Get('courses/:courseId/quizzes')
  @ApiOperation({ operationId: 'listQuizzes', summary: 'Quizzes of a course with their settings' })
  @ApiOkResponse({ type: [QuizDto] })
  list(@Param() params: CourseIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<QuizDto[]> {
    return this.quizzes.list(ability, params.courseId);
  }

  @Post('courses/:courseId/quizzes')
  @ApiOperation({ operationId: 'createQuiz', summary: 'Add a quiz (fixed questions and/or random draws per category)' })
  @ApiCreatedResponse({ type: QuizDto })
  @ApiUnprocessableEntityResponse({ description: 'QUIZ_SETTINGS_INVALID with `reasons` and short `draws` (problem+json)' })
  create(@Param() params: CourseIdParamsDto, @Body() dto: CreateQuizDto, @CurrentAbility() ability: AppAbility): Promise<QuizDto> {
    return this.quizzes.create(ability, params.courseId, dto);
  }

  @Get('quizzes/:quizId')
  @ApiOperation({ operationId: 'getQuiz', summary: 'A quiz and its settings' })
  @ApiOkResponse({ type: QuizDto })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@Param() params: QuizIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<QuizDto> {
    return this.quizzes.get(ability, params.quizId);
  }

  @Patch('quizzes/:quizId')
  @ApiOperation({ operationId: 'updateQuiz', summary: 'Change settings (only the fields sent)' })
  @ApiOkResponse({ type: QuizDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiUnprocessableEntityResponse({ description: 'QUIZ_SETTINGS_INVALID (problem+json)' })
  update(@Param() params: QuizIdParamsDto, @Body() dto: UpdateQuizDto, @CurrentAbility() ability: AppAbility): Promise<QuizDto> {
    return this.quizzes.update(ability, params.quizId, dto);
  }

  @Delete('quizzes/:quizId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteQuiz', summary: 'Delete a quiz nobody has attempted and no lesson uses' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ description: 'QUIZ_HAS_ATTEMPTS or QUIZ_IN_LESSON (problem+json)' })
  remove(@Param() params: QuizIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<void> {
    return this.quizzes.remove(ability, params.quizId);
  }

  @Put('quizzes/:quizId/extensions/:userId')
  @ApiOperation({ operationId: 'putQuizExtension', summary: "Extra time for one learner (also moves their open attempt's deadline)" })
  @ApiOkResponse({ type: ExtensionDto })
  @ApiUnprocessableEntityResponse({ description: 'QUIZ_LEARNER_NOT_ENROLLED (problem+json)' })
  putExtension(@Param() params: ExtensionParamsDto, @Body() dto: ExtensionInputDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<ExtensionDto> {
    return this.quizzes.putExtension(ability, user, params.quizId, params.userId, dto);
  }

  @Delete('quizzes/:quizId/extensions/:userId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteQuizExtension', summary: 'Remove a learner\'s extra time' })
  @ApiNoContentResponse({ description: 'Removed (also when there was none)' })
  deleteExtension(@Param() params: ExtensionParamsDto, @CurrentAbility() ability: AppAbility): Promise<void> {
    return this.quizzes.deleteExtension(ability, params.quizId, params.userId);
  }

  @Get('quizzes/:quizId/regrades')
  @ApiOperation({ operationId: 'listQuizRegrades', summary: 'Regrades of a quiz with their progress, newest first' })
  @ApiOkResponse({ type: [RegradeDto] })
  listRegrades(@Param() params: QuizIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<RegradeDto[]> {
    return this.regrades.list(ability, params.quizId);
  }

  @Post('quizzes/:quizId/regrades')
  @HttpCode(202)
  @ApiOperation({ operationId: 'requestQuizRegrade', summary: 'Regrade every submitted attempt of the quiz (the grading worker does it)' })
  @ApiAcceptedResponse({ type: RegradeDto })
  requestRegrade(@Param() params: QuizIdParamsDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<RegradeDto> {
    return this.regrades.request(ability, user, params.quizId);
  }
}
