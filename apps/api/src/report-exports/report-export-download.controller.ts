import { Controller, Get, Header, Param, Query, Req, Res } from '@nestjs/common';
import { ApiGoneResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth } from '../authz/auth.decorator';
import { EXPORT_FILE_CONTENT, EXPORT_FILE_TYPES, ReportExportDownloadQueryDto, ReportExportIdParamsDto } from './report-exports.dto';
import { sendExportFile } from './report-export.sender';
import { ReportExportsService } from './report-exports.service';

/**
 * The download of a signed link (report-export.link.ts): no sign-in, the token is the credential.
 * A controller of its own so that the document lists it without bearer security.
 */
@ApiTags('reports')
@Controller('reports/exports')
@Auth({ public: true })
export class ReportExportDownloadController {
  constructor(private readonly exports: ReportExportsService) {}

  @Get(':id/download')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces(...EXPORT_FILE_TYPES)
  @ApiOperation({ operationId: 'downloadReportExportByLink', summary: 'The file of a signed link: as GET {id}/file for the link’s requester' })
  @ApiOkResponse({ description: 'The file', content: EXPORT_FILE_CONTENT })
  @ApiNotFoundResponse({ description: 'REPORT_EXPORT_LINK_INVALID: not genuine, for another export, past its time, or its requester can no longer sign in (problem+json)' })
  @ApiGoneResponse({ description: 'REPORT_EXPORT_EXPIRED (problem+json)' })
  async download(@Param() params: ReportExportIdParamsDto, @Query() query: ReportExportDownloadQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    await sendExportFile(await this.exports.fileByLink(params.id, query.token), req, res);
  }
}
