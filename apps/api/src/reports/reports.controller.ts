import type { Locale } from '@baanrian/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../authz/auth.decorator';
import type { AuthUser } from '../authz/authz.types';
import { RequestLocale } from './request-locale';
import { ReportOptionsDto, ReportQueryDto, ReportResultDto, toReportQuery } from './report.dto';
import { ReportOptionsService } from './report-options.service';
import { ReportQueryService } from './report-query.service';

/** Participation reports: administrators see everything, instructors their own courses. */
@ApiTags('reports')
@Controller('reports')
@Auth({ can: ['read', 'Report'] })
export class ReportsController {
  constructor(
    private readonly reports: ReportQueryService,
    private readonly options: ReportOptionsService,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getReport', summary: 'A report: totals against plan, breakdowns, the funnel; labels in the Accept-Language' })
  @ApiOkResponse({ type: ReportResultDto })
  @ApiBadRequestResponse({ description: 'REPORT_PERIOD_INVALID, REPORT_PERIOD_ORDER, REPORT_PERIOD_TOO_LONG, REPORT_PRESET_UNKNOWN, REPORT_DIMENSION_UNKNOWN, REPORT_MEASURE_UNKNOWN or VALIDATION_FAILED (problem+json)' })
  @ApiForbiddenResponse({ description: "REPORT_OUT_OF_SCOPE: another instructor's report or a course the caller does not teach (problem+json)" })
  get(@Query() query: ReportQueryDto, @CurrentUser() user: AuthUser, @RequestLocale() locale: Locale): Promise<ReportResultDto> {
    return this.reports.run(toReportQuery(query), user, locale);
  }

  @Get('options')
  @ApiOperation({ operationId: 'getReportOptions', summary: 'Fiscal years with data, areas, courses and instructors the caller can report on' })
  @ApiOkResponse({ type: ReportOptionsDto })
  getOptions(@CurrentUser() user: AuthUser, @RequestLocale() locale: Locale): Promise<ReportOptionsDto> {
    return this.options.options(user, locale);
  }
}
