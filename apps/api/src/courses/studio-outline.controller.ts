import { Body, Controller, Delete, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { CourseIdParamsDto, StudioCourseDto } from './studio-course.dto';
import {
  CreateLessonDto,
  CreateModuleDto,
  LessonIdParamsDto,
  ModuleIdParamsDto,
  ReorderOutlineDto,
  StudioLessonDto,
  StudioModuleDto,
  UpdateLessonDto,
  UpdateModuleDto,
} from './studio-outline.dto';
import { StudioOutlineService } from './studio-outline.service';

/** Modules and lessons of a draft, and their order. */
@ApiTags('studio')
@Controller('studio')
@Auth({ can: ['update', 'Course'] })
export class StudioOutlineController {
  constructor(private readonly outline: StudioOutlineService) {}

  @Post('courses/:courseId/modules')
  @ApiOperation({ operationId: 'createModule', summary: 'Add a module at the end' })
  @ApiCreatedResponse({ type: StudioModuleDto })
  createModule(@Param() params: CourseIdParamsDto, @Body() dto: CreateModuleDto, @CurrentAbility() ability: AppAbility): Promise<StudioModuleDto> {
    return this.outline.createModule(ability, params.courseId, dto);
  }

  @Patch('modules/:moduleId')
  @ApiOperation({ operationId: 'updateModule', summary: 'Rename a module' })
  @ApiOkResponse({ type: StudioModuleDto })
  @ApiNotFoundResponse({ description: 'MODULE_NOT_FOUND (problem+json)' })
  updateModule(@Param() params: ModuleIdParamsDto, @Body() dto: UpdateModuleDto, @CurrentAbility() ability: AppAbility): Promise<StudioModuleDto> {
    return this.outline.updateModule(ability, params.moduleId, dto);
  }

  @Delete('modules/:moduleId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteModule', summary: 'Remove a module and its lessons from the draft' })
  @ApiNoContentResponse({ description: 'Removed' })
  deleteModule(@Param() params: ModuleIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<void> {
    return this.outline.deleteModule(ability, params.moduleId);
  }

  @Post('modules/:moduleId/lessons')
  @ApiOperation({ operationId: 'createLesson', summary: 'Add a lesson at the end of a module; content is checked against its type' })
  @ApiCreatedResponse({ type: StudioLessonDto })
  createLesson(@Param() params: ModuleIdParamsDto, @Body() dto: CreateLessonDto, @CurrentAbility() ability: AppAbility): Promise<StudioLessonDto> {
    return this.outline.createLesson(ability, params.moduleId, dto);
  }

  @Patch('lessons/:lessonId')
  @ApiOperation({ operationId: 'updateLesson', summary: 'Edit a lesson (its type never changes)' })
  @ApiOkResponse({ type: StudioLessonDto })
  @ApiNotFoundResponse({ description: 'LESSON_NOT_FOUND (problem+json)' })
  updateLesson(@Param() params: LessonIdParamsDto, @Body() dto: UpdateLessonDto, @CurrentAbility() ability: AppAbility): Promise<StudioLessonDto> {
    return this.outline.updateLesson(ability, params.lessonId, dto);
  }

  @Delete('lessons/:lessonId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteLesson', summary: 'Remove a lesson from the draft (learners keep seeing it until the next publish)' })
  @ApiNoContentResponse({ description: 'Removed' })
  deleteLesson(@Param() params: LessonIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<void> {
    return this.outline.deleteLesson(ability, params.lessonId);
  }

  @Put('courses/:courseId/outline')
  @ApiOperation({ operationId: 'reorderOutline', summary: 'Set the order of all modules and lessons; lessons may move between modules' })
  @ApiOkResponse({ type: StudioCourseDto })
  @ApiConflictResponse({ description: 'COURSE_EDIT_CONFLICT (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'OUTLINE_MISMATCH: not exactly the live modules and lessons (problem+json)' })
  reorder(@Param() params: CourseIdParamsDto, @Body() dto: ReorderOutlineDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<StudioCourseDto> {
    return this.outline.reorder(ability, user, params.courseId, dto);
  }
}
