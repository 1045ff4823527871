import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
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
import { QuestionBankService } from './question-bank.service';
import { QuestionCategoriesService } from './question-categories.service';
import {
  QuestionCategoryDto,
  QuestionCategoryIdParamsDto,
  CreateQuestionCategoryDto,
  CreateQuestionDto,
  QuestionDto,
  QuestionIdParamsDto,
  QuestionListQueryDto,
  QuestionPageDto,
  SavedQuestionDto,
  UpdateQuestionDto,
} from './question.dto';

const INVALID = { description: 'QUIZ_QUESTION_INVALID with `reasons`, or QUIZ_MEDIA_INVALID (problem+json)' };

/** A course's question bank and its categories (the course's editors). */
@ApiTags('quiz-studio')
@Controller('studio')
@Auth({ can: ['update', 'Course'] })
export class QuestionBankController {
  constructor(
    private readonly bank: QuestionBankService,
    private readonly categories: QuestionCategoriesService,
  ) {}

  @Get('courses/:courseId/questions')
  @ApiOperation({ operationId: 'listQuestions', summary: 'Questions of the bank, filtered, oldest first, keyset-paged' })
  @ApiOkResponse({ type: QuestionPageDto })
  list(@Param() params: CourseIdParamsDto, @Query() query: QuestionListQueryDto, @CurrentAbility() ability: AppAbility): Promise<QuestionPageDto> {
    return this.bank.list(ability, params.courseId, query);
  }

  @Post('courses/:courseId/questions')
  @ApiOperation({ operationId: 'createQuestion', summary: 'Add a question to the bank (texts cleaned, HTML sanitised, ids given)' })
  @ApiCreatedResponse({ type: SavedQuestionDto })
  @ApiUnprocessableEntityResponse(INVALID)
  create(@Param() params: CourseIdParamsDto, @Body() dto: CreateQuestionDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<SavedQuestionDto> {
    return this.bank.create(ability, user, params.courseId, dto);
  }

  @Get('questions/:questionId')
  @ApiOperation({ operationId: 'getQuestion', summary: 'One question of the bank, with its answer key' })
  @ApiOkResponse({ type: QuestionDto })
  @ApiNotFoundResponse({ description: 'QUIZ_QUESTION_NOT_FOUND (problem+json)' })
  get(@Param() params: QuestionIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<QuestionDto> {
    return this.bank.get(ability, params.questionId);
  }

  @Put('questions/:questionId')
  @ApiOperation({ operationId: 'updateQuestion', summary: 'Save a question; an answer-key change bumps keyRevision and regrades closed attempts that delivered it' })
  @ApiOkResponse({ type: SavedQuestionDto })
  @ApiConflictResponse({ description: 'QUIZ_QUESTION_EDIT_CONFLICT with the current `keyRevision` (problem+json)' })
  @ApiUnprocessableEntityResponse(INVALID)
  update(@Param() params: QuestionIdParamsDto, @Body() dto: UpdateQuestionDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<SavedQuestionDto> {
    return this.bank.update(ability, user, params.questionId, dto);
  }

  @Delete('questions/:questionId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteQuestion', summary: 'Remove a question from the bank and from quizzes (attempts keep it for review)' })
  @ApiNoContentResponse({ description: 'Removed' })
  remove(@Param() params: QuestionIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<void> {
    return this.bank.remove(ability, params.questionId);
  }

  @Get('courses/:courseId/question-categories')
  @ApiOperation({ operationId: 'listQuestionCategories', summary: 'Categories of the bank by path, with question counts' })
  @ApiOkResponse({ type: [QuestionCategoryDto] })
  listCategories(@Param() params: CourseIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<QuestionCategoryDto[]> {
    return this.categories.list(ability, params.courseId);
  }

  @Post('courses/:courseId/question-categories')
  @ApiOperation({ operationId: 'createQuestionCategory', summary: 'Add a category (a path such as Grammar/Tones)' })
  @ApiCreatedResponse({ type: QuestionCategoryDto })
  @ApiConflictResponse({ description: 'QUIZ_CATEGORY_EXISTS (problem+json)' })
  createCategory(@Param() params: CourseIdParamsDto, @Body() dto: CreateQuestionCategoryDto, @CurrentAbility() ability: AppAbility): Promise<QuestionCategoryDto> {
    return this.categories.create(ability, params.courseId, dto);
  }

  @Delete('question-categories/:categoryId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteQuestionCategory', summary: 'Remove a category: its questions stay, uncategorised; draws from it are removed' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'QUIZ_CATEGORY_NOT_FOUND (problem+json)' })
  removeCategory(@Param() params: QuestionCategoryIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<void> {
    return this.categories.remove(ability, params.categoryId);
  }
}
