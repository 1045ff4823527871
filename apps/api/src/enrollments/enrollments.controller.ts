import { Body, Controller, Delete, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { CourseIdParamsDto, EnrollDto, EnrollmentDto, EnrollmentSummaryDto, ForUserQueryDto, MyEnrollmentStateDto, MyEnrollmentsQueryDto } from './enrollment.dto';
import { EnrollmentsService } from './enrollments.service';

/** A learner's (or guardian's) own enrolments. */
@ApiTags('enrollments')
@Controller()
@Auth()
export class EnrollmentsController {
  constructor(private readonly enrollments: EnrollmentsService) {}

  @Post('courses/:courseId/enrollment')
  @ApiOperation({ operationId: 'enroll', summary: 'Enrol (a seat, or the waitlist when full); idempotent: 201 new, 200 already enrolled' })
  @ApiCreatedResponse({ type: EnrollmentDto, description: 'Enrolled or waitlisted now' })
  @ApiOkResponse({ type: EnrollmentDto, description: 'Already enrolled or waiting: unchanged' })
  @ApiNotFoundResponse({ description: 'ENROLLMENT_COURSE_NOT_FOUND, ENROLLMENT_NOT_YOUR_CHILD (problem+json)' })
  @ApiForbiddenResponse({ description: 'ENROLLMENT_CONSENT_REQUIRED (problem+json)' })
  @ApiConflictResponse({ description: 'ENROLLMENT_CLOSED: outside the enrolment window, or archived (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'ENROLLMENT_CHANNEL_INVALID (problem+json)' })
  async enroll(
    @Param() params: CourseIdParamsDto,
    @Body() dto: EnrollDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EnrollmentDto> {
    const { created, enrollment } = await this.enrollments.enroll(ability, user, params.courseId, dto);
    res.status(created ? 201 : 200);
    return enrollment;
  }

  @Delete('courses/:courseId/enrollment')
  @ApiOperation({ operationId: 'withdraw', summary: 'Withdraw: the seat goes to the first waiting learner' })
  @ApiOkResponse({ type: EnrollmentDto })
  @ApiNotFoundResponse({ description: 'ENROLLMENT_NOT_FOUND, ENROLLMENT_COURSE_NOT_FOUND, ENROLLMENT_NOT_YOUR_CHILD (problem+json)' })
  @ApiConflictResponse({ description: 'ENROLLMENT_ALREADY_COMPLETED (problem+json)' })
  withdraw(@Param() params: CourseIdParamsDto, @Query() query: ForUserQueryDto, @CurrentUser() user: AuthUser): Promise<EnrollmentDto> {
    return this.enrollments.withdraw(user, params.courseId, query.forUserId);
  }

  @Get('courses/:courseId/enrollment')
  @ApiOperation({ operationId: 'getMyEnrollmentState', summary: 'My (or my child\'s) enrolment, the seats and the enrolment window, for the course page' })
  @ApiOkResponse({ type: MyEnrollmentStateDto })
  @ApiNotFoundResponse({ description: 'ENROLLMENT_COURSE_NOT_FOUND, ENROLLMENT_NOT_YOUR_CHILD (problem+json)' })
  state(@Param() params: CourseIdParamsDto, @Query() query: ForUserQueryDto, @CurrentUser() user: AuthUser): Promise<MyEnrollmentStateDto> {
    return this.enrollments.state(user, params.courseId, query.forUserId);
  }

  @Get('me/enrollments')
  @ApiOperation({ operationId: 'listMyEnrollments', summary: 'My enrolments (not withdrawn), newest first; my children\'s too with includeChildren' })
  @ApiOkResponse({ type: EnrollmentSummaryDto, isArray: true })
  mine(@Query() query: MyEnrollmentsQueryDto, @CurrentUser() user: AuthUser): Promise<EnrollmentSummaryDto[]> {
    return this.enrollments.mine(user, query.includeChildren ?? false);
  }
}
