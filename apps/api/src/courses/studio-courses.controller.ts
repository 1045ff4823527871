import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
import { CoursePageDto } from './course-page.dto';
import { CoursePublishService } from './course-publish.service';
import {
  CourseIdParamsDto,
  CourseVersionListDto,
  CreateCourseDto,
  ListStudioCoursesQueryDto,
  StudioCourseDto,
  StudioCourseListDto,
  UpdateCourseDto,
} from './studio-course.dto';
import { StudioCoursesService } from './studio-courses.service';

/** The instructor studio: drafts and publishing. Object-level rules: owner, accepted co-instructor, or administrator. */
@ApiTags('studio')
@Controller('studio/courses')
@Auth({ can: ['update', 'Course'] })
export class StudioCoursesController {
  constructor(
    private readonly courses: StudioCoursesService,
    private readonly publishing: CoursePublishService,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'listStudioCourses', summary: 'Courses I own or co-teach (administrators: all), recently edited first' })
  @ApiOkResponse({ type: StudioCourseListDto })
  list(@Query() query: ListStudioCoursesQueryDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<StudioCourseListDto> {
    return this.courses.list(ability, user, query);
  }

  @Post()
  @Auth({ can: ['create', 'Course'] })
  @ApiOperation({ operationId: 'createCourse', summary: 'Start a draft; the caller owns it' })
  @ApiCreatedResponse({ type: StudioCourseDto })
  @ApiConflictResponse({ description: 'COURSE_SLUG_TAKEN (problem+json)' })
  create(@Body() dto: CreateCourseDto, @CurrentUser() user: AuthUser): Promise<StudioCourseDto> {
    return this.courses.create(user, dto);
  }

  @Get(':courseId')
  @ApiOperation({ operationId: 'getStudioCourse', summary: 'The draft with its modules and lessons' })
  @ApiOkResponse({ type: StudioCourseDto })
  @ApiNotFoundResponse({ description: 'COURSE_NOT_FOUND (problem+json)' })
  get(@Param() params: CourseIdParamsDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<StudioCourseDto> {
    return this.courses.get(ability, user, params.courseId);
  }

  @Patch(':courseId')
  @ApiOperation({ operationId: 'updateCourse', summary: 'Edit the draft (send the draftRevision it was loaded at)' })
  @ApiOkResponse({ type: StudioCourseDto })
  @ApiConflictResponse({ description: 'COURSE_EDIT_CONFLICT, COURSE_SLUG_TAKEN (problem+json)' })
  update(@Param() params: CourseIdParamsDto, @Body() dto: UpdateCourseDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<StudioCourseDto> {
    return this.courses.update(ability, user, params.courseId, dto);
  }

  @Delete(':courseId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteCourse', summary: 'Delete a draft that was never published (owner or administrator)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ description: 'COURSE_PUBLISHED_CANNOT_DELETE: archive it instead (problem+json)' })
  remove(@Param() params: CourseIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<void> {
    return this.courses.remove(ability, params.courseId);
  }

  @Get(':courseId/preview')
  @ApiOperation({ operationId: 'previewCourse', summary: 'The draft as the public course page would show it' })
  @ApiOkResponse({ type: CoursePageDto })
  preview(@Param() params: CourseIdParamsDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<CoursePageDto> {
    return this.publishing.preview(ability, user, params.courseId);
  }

  @Post(':courseId/publish')
  @HttpCode(200)
  @ApiOperation({ operationId: 'publishCourse', summary: 'Publish the draft as the next version learners see' })
  @ApiOkResponse({ type: StudioCourseDto })
  @ApiConflictResponse({ description: 'COURSE_ARCHIVED (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'COURSE_HAS_NO_LESSONS or COURSE_NOT_PUBLISHABLE, with `reasonCodes` and `reasons` in the caller\'s language (problem+json)' })
  publish(@Param() params: CourseIdParamsDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<StudioCourseDto> {
    return this.publishing.publish(ability, user, params.courseId);
  }

  @Post(':courseId/archive')
  @HttpCode(200)
  @ApiOperation({ operationId: 'archiveCourse', summary: 'Remove from the catalog, keeping every version' })
  @ApiOkResponse({ type: StudioCourseDto })
  archive(@Param() params: CourseIdParamsDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<StudioCourseDto> {
    return this.publishing.archive(ability, user, params.courseId);
  }

  @Post(':courseId/restore')
  @HttpCode(200)
  @ApiOperation({ operationId: 'restoreCourse', summary: 'Back to the catalog with the last published version' })
  @ApiOkResponse({ type: StudioCourseDto })
  @ApiConflictResponse({ description: 'COURSE_NOT_ARCHIVED (problem+json)' })
  restore(@Param() params: CourseIdParamsDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<StudioCourseDto> {
    return this.publishing.restore(ability, user, params.courseId);
  }

  @Get(':courseId/versions')
  @ApiOperation({ operationId: 'listCourseVersions', summary: 'Every publish: version, when, by whom' })
  @ApiOkResponse({ type: CourseVersionListDto })
  versions(@Param() params: CourseIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<CourseVersionListDto> {
    return this.publishing.versions(ability, params.courseId);
  }
}
