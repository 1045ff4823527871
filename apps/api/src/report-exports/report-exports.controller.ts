import { negotiateLocale } from '@baanrian/contracts';
import { Body, Controller, Get, Header, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiExtraModels, ApiGoneResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import { Auth, CurrentUser } from '../authz/auth.decorator';
import type { AuthUser } from '../authz/authz.types';
import { CreateReportExportDto, EXPORT_FILE_CONTENT, EXPORT_FILE_TYPES, ReportExportDto, ReportExportFileQueryDto, ReportExportIdParamsDto, ReportExportLinkDto } from './report-exports.dto';
import { sendExportFile } from './report-export.sender';
import { ReportExportsService } from './report-exports.service';


/** Report exports: administrators everything, instructors their own courses (checked by the service), learners nothing. */
@ApiTags('reports')
@ApiExtraModels(ReportExportDto)
@Controller('reports/exports')
@Auth()
export class ReportExportsController {
  constructor(private readonly exports: ReportExportsService) {}

  @Post()
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/json', ...EXPORT_FILE_TYPES)
  @ApiOperation({ operationId: 'createReportExport', summary: 'Export a report or its enrolment rows: the file at once when small, else a job (202) to poll' })
  @ApiOkResponse({ description: 'The file (at most DIRECT_EXPORT_MAX_ROWS rows), named in Content-Disposition (UTF-8)', content: EXPORT_FILE_CONTENT })
  // JSON only: `type` would repeat the DTO under every file type the route produces.
  @ApiAcceptedResponse({ description: 'Larger: the worker writes it; the requester is notified when it is ready', content: { 'application/json': { schema: { $ref: getSchemaPath(ReportExportDto) } } } })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, REPORT_EXPORT_PERIOD_INVALID, REPORT_EXPORT_FORMAT_UNSUPPORTED (problem+json)' })
  async create(@Body() dto: CreateReportExportDto, @CurrentUser() user: AuthUser, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<StreamableFile | ReportExportDto> {
    const outcome = await this.exports.create(user, dto, negotiateLocale(req.header('accept-language')));
    if (outcome.kind === 'job') {
      res.status(202);
      return outcome.export;
    }
    res.status(200).type(outcome.contentType).attachment(outcome.fileName);
    return fileOf(outcome.stream, res);
  }

  @Get()
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ operationId: 'listReportExports', summary: 'My exports run by the worker, newest first' })
  @ApiOkResponse({ type: [ReportExportDto] })
  list(@CurrentUser() user: AuthUser): Promise<ReportExportDto[]> {
    return this.exports.list(user);
  }

  @Get(':id')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ operationId: 'getReportExport', summary: 'One of my exports: status and progress' })
  @ApiOkResponse({ type: ReportExportDto })
  @ApiNotFoundResponse({ description: 'REPORT_EXPORT_NOT_FOUND (unknown, or not mine) (problem+json)' })
  get(@Param() params: ReportExportIdParamsDto, @CurrentUser() user: AuthUser): Promise<ReportExportDto> {
    return this.exports.get(user, params.id);
  }

  @Get(':id/file')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces(...EXPORT_FILE_TYPES)
  @ApiOperation({ operationId: 'downloadReportExport', summary: 'The finished file, or with follow=true the file as the worker writes it (the requester only)' })
  @ApiOkResponse({ description: 'The file', content: EXPORT_FILE_CONTENT })
  @ApiNotFoundResponse({ description: 'REPORT_EXPORT_NOT_FOUND (unknown, or not mine) (problem+json)' })
  @ApiConflictResponse({ description: 'REPORT_EXPORT_NOT_READY: queued, running (without follow, or where the file cannot be followed) or failed (problem+json)' })
  @ApiGoneResponse({ description: 'REPORT_EXPORT_EXPIRED: the link is past its time (problem+json)' })
  async file(
    @Param() params: ReportExportIdParamsDto,
    @Query() query: ReportExportFileQueryDto,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await sendExportFile(await this.exports.file(user, params.id, query.follow === true), req, res);
  }

  @Post(':id/link')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ operationId: 'linkReportExport', summary: 'A signed link (a couple of minutes) the browser downloads the file from by itself, without the access token' })
  @ApiCreatedResponse({ type: ReportExportLinkDto })
  @ApiNotFoundResponse({ description: 'REPORT_EXPORT_NOT_FOUND (unknown, or not mine) (problem+json)' })
  @ApiConflictResponse({ description: 'REPORT_EXPORT_NOT_READY: not ready, and not follow=true while it is written (problem+json)' })
  @ApiGoneResponse({ description: 'REPORT_EXPORT_EXPIRED (problem+json)' })
  link(@Param() params: ReportExportIdParamsDto, @Query() query: ReportExportFileQueryDto, @CurrentUser() user: AuthUser): Promise<ReportExportLinkDto> {
    return this.exports.link(user, params.id, query.follow === true);
  }
}

/** A client that goes away mid-download stops the export (and frees its database connection). */
function fileOf(stream: Readable, res: Response): StreamableFile {
  res.once('close', () => {
    if (!res.writableFinished) stream.destroy();
  });
  return new StreamableFile(stream);
}
