import { negotiateLocale } from '@baanrian/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { AddLearnerDto, CourseIdParamsDto, EnrollmentDto, EnrollmentImportDto, ImportIdParamsDto, ImportResultDto, RosterPageDto, RosterQueryDto } from './enrollment.dto';
import { EnrollmentImportService } from './enrollment-import.service';
import { EnrollmentRosterService } from './enrollment-roster.service';
import { sanitizeFileName } from '../media/media-names';
import { readBodyWithin } from '../security/request-body.reader';
import { EnrollmentsException } from './enrollments.exception';

/** Bulk files are lists of emails or codes: 5 MB holds far more than any class. */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The instructor's side: roster, adding one learner, bulk files (teach: owner, co-instructor, administrator). */
@ApiTags('studio')
@Controller('studio')
@Auth({ can: ['teach', 'Course'] })
export class StudioEnrollmentsController {
  constructor(
    private readonly roster: EnrollmentRosterService,
    private readonly imports: EnrollmentImportService,
  ) {}

  @Get('courses/:courseId/enrollments')
  @ApiOperation({ operationId: 'listCourseEnrollments', summary: 'The roster: learners in enrolment order, by status and name/email/account code' })
  @ApiOkResponse({ type: RosterPageDto })
  @ApiNotFoundResponse({ description: 'COURSE_NOT_FOUND (problem+json)' })
  list(@Param() params: CourseIdParamsDto, @Query() query: RosterQueryDto, @CurrentAbility() ability: AppAbility): Promise<RosterPageDto> {
    return this.roster.list(ability, params.courseId, query);
  }

  @Post('courses/:courseId/enrollments')
  @ApiOperation({ operationId: 'addCourseEnrollment', summary: 'Enrol one learner by email or account code (201 new, 200 already enrolled)' })
  @ApiCreatedResponse({ type: EnrollmentDto })
  @ApiOkResponse({ type: EnrollmentDto, description: 'Already enrolled or waiting: unchanged' })
  @ApiNotFoundResponse({ description: 'ENROLLMENT_ACCOUNT_NOT_FOUND, ENROLLMENT_COURSE_NOT_FOUND (problem+json)' })
  @ApiConflictResponse({ description: 'ENROLLMENT_CLOSED: the course is archived (problem+json)' })
  async add(
    @Param() params: CourseIdParamsDto,
    @Body() dto: AddLearnerDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EnrollmentDto> {
    const { created, enrollment } = await this.roster.add(ability, user, params.courseId, dto);
    res.status(created ? 201 : 200);
    return enrollment;
  }

  @Post('courses/:courseId/enrollment-imports')
  @ApiOperation({
    operationId: 'previewEnrollmentImport',
    summary: 'Check a CSV (UTF-8) or XLSX file of learners: a report per line; nothing is enrolled until confirmed',
    description: 'Send the file as the raw body (type recognised from its bytes), its name in X-Filename (percent-encoded UTF-8). Columns: email or account_code, optional channel.',
  })
  @ApiConsumes('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'X-Filename', required: false, description: 'The original file name, percent-encoded UTF-8' })
  @ApiCreatedResponse({ type: EnrollmentImportDto })
  @ApiPayloadTooLargeResponse({ description: 'ENROLLMENT_IMPORT_TOO_LARGE (over 5 MB), ENROLLMENT_IMPORT_UNPACKED_TOO_LARGE (an XLSX unpacking to over 20 MB) (problem+json)' })
  @ApiUnsupportedMediaTypeResponse({ description: 'ENROLLMENT_IMPORT_TYPE_UNSUPPORTED: not CSV or XLSX (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'ENROLLMENT_IMPORT_UNREADABLE (problem+json)' })
  async preview(@Param() params: CourseIdParamsDto, @Req() req: Request, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<EnrollmentImportDto> {
    const bytes = await readBody(req, MAX_IMPORT_BYTES);
    return this.imports.preview(ability, user, params.courseId, fileName(req.header('x-filename')), bytes, negotiateLocale(req.header('accept-language')));
  }

  @Post('enrollment-imports/:importId/confirm')
  @HttpCode(200)
  @ApiOperation({ operationId: 'confirmEnrollmentImport', summary: 'Enrol the accepted rows of a preview, in one set-based statement (confirming twice answers the first result)' })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiNotFoundResponse({ description: 'ENROLLMENT_IMPORT_NOT_FOUND (problem+json)' })
  @ApiGoneResponse({ description: 'ENROLLMENT_IMPORT_EXPIRED (problem+json)' })
  @ApiConflictResponse({ description: 'ENROLLMENT_CLOSED: the course was archived (problem+json)' })
  confirm(@Param() params: ImportIdParamsDto, @CurrentAbility() ability: AppAbility): Promise<ImportResultDto> {
    return this.imports.confirm(ability, params.importId);
  }
}

function readBody(req: Request, limit: number): Promise<Buffer> {
  return readBodyWithin(req, limit, () => new EnrollmentsException('ENROLLMENT_IMPORT_TOO_LARGE', { limit: `${limit / 1024 / 1024} MB` }));
}

/** Only a label in the report: cleaned like media names (no directories, no NUL or control characters). */
function fileName(header: string | undefined): string {
  return sanitizeFileName(header, 'upload');
}
