import { Body, Controller, Get, Header, Param, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { CourseIdParamsDto } from '../courses/studio-course.dto';
import { LessonIdParamsDto } from '../courses/studio-outline.dto';
import { AttendanceClock } from './attendance.clock';
import { CheckInCodeDto, CreateWalkInDto, MarkAttendanceDto, RosterDto, SessionSummaryDto, WalkInDto } from './attendance.dto';
import { StudioSessionsService } from './studio-sessions.service';
import { WalkInsService } from './walk-ins.service';

const SESSION_NOT_FOUND = { description: 'SESSION_NOT_FOUND: not a live or onsite session of a published course (problem+json)' };

/** Sessions of the courses one teaches: the roster, marking it, the check-in QR code and walk-ins. */
@ApiTags('attendance')
@Controller('studio')
@Auth({ can: ['teach', 'Course'] })
export class StudioSessionsController {
  constructor(
    private readonly sessions: StudioSessionsService,
    private readonly walkIns: WalkInsService,
    private readonly clock: AttendanceClock,
  ) {}

  @Get('courses/:courseId/sessions')
  @ApiOperation({ operationId: 'listCourseSessions', summary: 'The live and onsite sessions of the published version, with attendance counts' })
  @ApiOkResponse({ type: [SessionSummaryDto] })
  @ApiNotFoundResponse({ description: 'COURSE_NOT_FOUND (problem+json)' })
  list(@Param() params: CourseIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<SessionSummaryDto[]> {
    return this.sessions.list(ability, params.courseId);
  }

  @Get('sessions/:lessonId/roster')
  @ApiOperation({ operationId: 'getSessionRoster', summary: 'Everyone holding a seat, with their attendance for this session' })
  @ApiOkResponse({ type: RosterDto })
  @ApiNotFoundResponse(SESSION_NOT_FOUND)
  roster(@Param() params: LessonIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<RosterDto> {
    return this.sessions.roster(ability, params.lessonId);
  }

  @Put('sessions/:lessonId/attendance')
  @ApiOperation({ operationId: 'markSessionAttendance', summary: 'Mark learners present or absent in one go; answers the updated roster' })
  @ApiOkResponse({ type: RosterDto })
  @ApiNotFoundResponse(SESSION_NOT_FOUND)
  @ApiUnprocessableEntityResponse({ description: 'ATTENDANCE_LEARNER_NOT_ENROLLED with `userIds` (problem+json); nothing is marked' })
  mark(@Param() params: LessonIdParamsDto, @Body() dto: MarkAttendanceDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<RosterDto> {
    return this.sessions.mark(ability, user, params.lessonId, dto, this.clock.now());
  }

  @Get('sessions/:lessonId/check-in-code')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'getCheckInCode', summary: 'The rotating check-in code and its QR code, for the session screen (fetch again at rotatesAt)' })
  @ApiOkResponse({ type: CheckInCodeDto })
  @ApiNotFoundResponse(SESSION_NOT_FOUND)
  checkInCode(@Param() params: LessonIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<CheckInCodeDto> {
    return this.sessions.checkInCode(ability, params.lessonId, this.clock.now());
  }

  @Post('sessions/:lessonId/walk-ins')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'addWalkIn',
    summary: 'Add someone at the door of an onsite session: an account without email, an enrolment (may pass capacity) and attendance (audited)',
  })
  @ApiCreatedResponse({ type: WalkInDto, description: 'The card\'s one-time code is in this response only' })
  @ApiNotFoundResponse(SESSION_NOT_FOUND)
  @ApiConflictResponse({ description: 'ATTENDANCE_OUTSIDE_WINDOW: check-in has not opened yet (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'ATTENDANCE_WRONG_SESSION_TYPE: not an onsite session (problem+json)' })
  addWalkIn(@Param() params: LessonIdParamsDto, @Body() dto: CreateWalkInDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<WalkInDto> {
    return this.walkIns.create(ability, user, params.lessonId, dto, this.clock.now());
  }
}
