import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../authz/auth.decorator';
import type { AuthUser } from '../authz/authz.types';
import { FiscalYearQueryDto, ReportPlanDto, SaveReportPlanDto } from './report-admin.dto';
import { ReportPlansService } from './report-plans.service';

/** Administrators: the targets reports compare with (fiscal year × target group × measure). */
@ApiTags('reports')
@Controller('reports/plans')
@Auth({ can: ['manage', 'Report'] })
export class ReportPlansController {
  constructor(private readonly plans: ReportPlansService) {}

  @Get()
  @ApiOperation({ operationId: 'listReportPlans', summary: "A fiscal year's plan targets" })
  @ApiOkResponse({ type: ReportPlanDto })
  list(@Query() query: FiscalYearQueryDto): Promise<ReportPlanDto> {
    return this.plans.get(query.fiscalYear);
  }

  @Put()
  @ApiOperation({ operationId: 'saveReportPlans', summary: "Replace a fiscal year's plan targets" })
  @ApiOkResponse({ type: ReportPlanDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED or REPORT_PLAN_DUPLICATE (problem+json)' })
  save(@Body() dto: SaveReportPlanDto, @CurrentUser() user: AuthUser): Promise<ReportPlanDto> {
    return this.plans.save(user, dto);
  }
}
