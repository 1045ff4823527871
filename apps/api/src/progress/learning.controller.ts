import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { CourseIdParamsDto } from '../courses/studio-course.dto';
import { LearningService } from './learning.service';
import { LessonProgressService } from './lesson-progress.service';
import {
  LessonIdParamsDto,
  LessonProgressResultDto,
  MyLearningDto,
  PlayerCourseDto,
  PlayerCourseParamsDto,
  StudioCourseProgressDto,
  StudioProgressQueryDto,
  UpdateLessonProgressDto,
} from './progress.dto';
import { StudioProgressService } from './studio-progress.service';

/** The learner's player and progress, "My learning", and learners' progress for their teachers. */
@ApiTags('learning')
@Controller()
@Auth()
export class LearningController {
  constructor(
    private readonly learning: LearningService,
    private readonly lessonProgress: LessonProgressService,
    private readonly studio: StudioProgressService,
  ) {}

  @Get('learning/courses/:courseId')
  @ApiOperation({ operationId: 'getCoursePlayer', summary: 'The course player: the published version with my progress (enrolled learners, or the course\'s teachers)' })
  @ApiOkResponse({ type: PlayerCourseDto })
  @ApiForbiddenResponse({ description: 'PROGRESS_NOT_ENROLLED: not enrolled, or no such published course (the same answer, so ids reveal nothing) (problem+json)' })
  @ApiNotFoundResponse({ description: 'PROGRESS_COURSE_NOT_FOUND: the course\'s teachers, when it was never published' })
  player(@Param() params: PlayerCourseParamsDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<PlayerCourseDto> {
    return this.learning.player(user, ability, params.courseId);
  }

  @Put('learning/lessons/:lessonId/progress')
  @ApiOperation({ operationId: 'updateLessonProgress', summary: 'Record progress in a lesson (text, video, file, link); completing may complete the course' })
  @ApiOkResponse({ type: LessonProgressResultDto })
  @ApiForbiddenResponse({ description: 'PROGRESS_NOT_ENROLLED: not enrolled, or no such lesson (problem+json)' })
  @ApiNotFoundResponse({ description: 'PROGRESS_LESSON_NOT_FOUND: a lesson of the learner\'s course that is not published' })
  @ApiConflictResponse({ description: 'PROGRESS_LESSON_LOCKED: a sequential course, an earlier required lesson is not done' })
  @ApiUnprocessableEntityResponse({ description: 'PROGRESS_LESSON_NOT_TRACKED: sessions (attendance) and quizzes' })
  updateProgress(@Param() params: LessonIdParamsDto, @Body() dto: UpdateLessonProgressDto, @CurrentUser() user: AuthUser): Promise<LessonProgressResultDto> {
    return this.lessonProgress.update(user.id, params.lessonId, dto);
  }

  @Get('me/learning')
  @ApiOperation({ operationId: 'getMyLearning', summary: 'My learning: current, waitlisted and completed courses (and my children\'s)' })
  @ApiOkResponse({ type: MyLearningDto })
  myLearning(@CurrentUser() user: AuthUser): Promise<MyLearningDto> {
    return this.learning.myLearning(user);
  }

  @Get('studio/courses/:courseId/progress')
  @ApiOperation({ operationId: 'getStudioCourseProgress', summary: 'Learners\' progress in a course I teach: per learner (paged) and per lesson' })
  @ApiOkResponse({ type: StudioCourseProgressDto })
  @ApiNotFoundResponse({ description: 'COURSE_NOT_FOUND' })
  studioProgress(@Param() params: CourseIdParamsDto, @Query() query: StudioProgressQueryDto, @CurrentAbility() ability: AppAbility): Promise<StudioCourseProgressDto> {
    return this.studio.courseProgress(ability, params.courseId, query.cursor);
  }
}
