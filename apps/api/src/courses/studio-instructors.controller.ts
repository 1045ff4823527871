import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { CourseInstructorListDto, CourseInstructorParamsDto, InvitationListDto, InviteInstructorDto } from './course-instructors.dto';
import { CourseInstructorsService } from './course-instructors.service';
import { CourseIdParamsDto } from './studio-course.dto';

/** Co-instructors and the invitations they answer. */
@ApiTags('studio')
@Controller('studio')
@Auth({ can: ['update', 'Course'] })
export class StudioInstructorsController {
  constructor(private readonly instructors: CourseInstructorsService) {}

  @Get('courses/:courseId/instructors')
  @ApiOperation({ operationId: 'listCourseInstructors', summary: 'The owner and co-instructors, invitations included' })
  @ApiOkResponse({ type: CourseInstructorListDto })
  list(@Param() params: CourseIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<CourseInstructorListDto> {
    return this.instructors.list(ability, params.courseId);
  }

  @Post('courses/:courseId/instructors')
  @ApiOperation({ operationId: 'inviteCourseInstructor', summary: 'Invite an instructor by email (owner or administrator)' })
  @ApiCreatedResponse({ type: CourseInstructorListDto })
  @ApiUnprocessableEntityResponse({ description: 'INSTRUCTOR_NOT_FOUND: no instructor has this email (problem+json)' })
  invite(@Param() params: CourseIdParamsDto, @Body() dto: InviteInstructorDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<CourseInstructorListDto> {
    return this.instructors.invite(ability, user, params.courseId, dto.email);
  }

  @Delete('courses/:courseId/instructors/:userId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'removeCourseInstructor', summary: 'Remove a co-instructor or withdraw an invitation (owner or administrator; co-instructors may remove themselves)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'INVITATION_NOT_FOUND (problem+json)' })
  remove(@Param() params: CourseInstructorParamsDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<void> {
    return this.instructors.remove(ability, user, params.courseId, params.userId);
  }

  @Get('invitations')
  @ApiOperation({ operationId: 'listMyInvitations', summary: 'Invitations to co-teach waiting for my answer' })
  @ApiOkResponse({ type: InvitationListDto })
  invitations(@CurrentUser() user: AuthUser): Promise<InvitationListDto> {
    return this.instructors.myInvitations(user);
  }

  @Post('invitations/:courseId/accept')
  @HttpCode(204)
  @ApiOperation({ operationId: 'acceptInvitation', summary: 'Become a co-instructor of the course' })
  @ApiNoContentResponse({ description: 'Accepted' })
  @ApiNotFoundResponse({ description: 'INVITATION_NOT_FOUND (problem+json)' })
  accept(@Param() params: CourseIdParamsDto, @CurrentUser() user: AuthUser): Promise<void> {
    return this.instructors.accept(user, params.courseId);
  }

  @Post('invitations/:courseId/decline')
  @HttpCode(204)
  @ApiOperation({ operationId: 'declineInvitation', summary: 'Decline an invitation to co-teach' })
  @ApiNoContentResponse({ description: 'Declined' })
  @ApiNotFoundResponse({ description: 'INVITATION_NOT_FOUND (problem+json)' })
  decline(@Param() params: CourseIdParamsDto, @CurrentUser() user: AuthUser): Promise<void> {
    return this.instructors.decline(user, params.courseId);
  }
}
