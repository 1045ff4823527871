import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { clientIp } from '../accounts/auth.controller';
import { Auth, CurrentUser } from '../authz/auth.decorator';
import type { AuthUser } from '../authz/authz.types';
import { LessonIdParamsDto } from '../courses/studio-outline.dto';
import { AttendanceClock } from './attendance.clock';
import { CheckInDto, CheckInResultDto, JoinResultDto, SessionsCalendarQueryDto, WalkInClaimDto, WalkInClaimResultDto } from './attendance.dto';
import { CheckInService } from './check-in.service';
import { SessionsCalendarService } from './sessions-calendar.service';
import { WalkInsService } from './walk-ins.service';

const SESSION_NOT_FOUND = { description: 'SESSION_NOT_FOUND (problem+json)' };
const NOT_ENROLLED = { description: 'ATTENDANCE_NOT_ENROLLED: no seat in the course (problem+json)' };

/** The learner's side of sessions: QR check-in, joining live sessions, claiming a walk-in account, the calendar. */
@ApiTags('attendance')
@Controller()
@Auth()
export class SessionsController {
  constructor(
    private readonly checkIns: CheckInService,
    private readonly walkIns: WalkInsService,
    private readonly calendar: SessionsCalendarService,
    private readonly clock: AttendanceClock,
  ) {}

  @Post('sessions/:lessonId/check-ins')
  @ApiOperation({ operationId: 'checkIn', summary: 'Check in with the code of the session\'s QR code; checking in again changes nothing' })
  @ApiCreatedResponse({ type: CheckInResultDto, description: 'Checked in' })
  @ApiOkResponse({ type: CheckInResultDto, description: 'Already checked in (alreadyCheckedIn: true)' })
  @ApiNotFoundResponse(SESSION_NOT_FOUND)
  @ApiForbiddenResponse(NOT_ENROLLED)
  @ApiConflictResponse({ description: 'ATTENDANCE_OUTSIDE_WINDOW: from 30 minutes before the start to the end only (problem+json)' })
  @ApiGoneResponse({ description: 'ATTENDANCE_CODE_EXPIRED: an old code of this session; scan the screen again (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'ATTENDANCE_CODE_INVALID: not a code of this session (problem+json)' })
  async checkIn(
    @Param() params: LessonIdParamsDto,
    @Body() dto: CheckInDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CheckInResultDto> {
    const { result, created } = await this.checkIns.checkIn(user, params.lessonId, dto.code, this.clock.now());
    res.status(created ? 201 : 200);
    return result;
  }

  @Post('sessions/:lessonId/join')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'joinSession', summary: 'Join a live session: the meeting link (15 minutes before the start to the end), and attendance is recorded' })
  @ApiOkResponse({ type: JoinResultDto })
  @ApiNotFoundResponse(SESSION_NOT_FOUND)
  @ApiForbiddenResponse(NOT_ENROLLED)
  @ApiConflictResponse({ description: 'ATTENDANCE_OUTSIDE_WINDOW (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'ATTENDANCE_WRONG_SESSION_TYPE: not a live session (problem+json)' })
  join(@Param() params: LessonIdParamsDto, @CurrentUser() user: AuthUser): Promise<JoinResultDto> {
    return this.checkIns.join(user, params.lessonId, this.clock.now());
  }

  @Post('me/walk-in-claims')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'claimWalkIn',
    summary: 'Move the enrolments and attendance of a walk-in account (its card\'s codes or PIN) to the signed-in account; the walk-in account is anonymised',
  })
  @ApiOkResponse({ type: WalkInClaimResultDto })
  @ApiBadRequestResponse({ description: 'WALK_IN_CLAIM_INVALID: wrong, unknown or already claimed, all alike (problem+json)' })
  @ApiConflictResponse({ description: 'WALK_IN_CLAIM_SELF (problem+json)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts: wait for Retry-After seconds (problem+json)' })
  claim(@Body() dto: WalkInClaimDto, @CurrentUser() user: AuthUser, @Req() req: Request): Promise<WalkInClaimResultDto> {
    return this.walkIns.claim(user, dto, clientIp(req));
  }

  @Get('me/sessions.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="sessions.ics"')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('text/calendar')
  @ApiOperation({ operationId: 'exportSessionsCalendar', summary: 'Upcoming live and onsite sessions as an iCalendar file (RFC 5545)' })
  @ApiOkResponse({ description: 'text/calendar', schema: { type: 'string' } })
  calendarFile(@Query() query: SessionsCalendarQueryDto, @CurrentUser() user: AuthUser): Promise<string> {
    return this.calendar.export(user, query.includeChildren ?? false, this.clock.now());
  }
}
