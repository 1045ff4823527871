import { Module } from '@nestjs/common';
import { ReachCampaignsController } from './reach-campaigns.controller';
import { ReachCampaignsService } from './reach-campaigns.service';
import { ReportOptionsService } from './report-options.service';
import { ReportPlansController } from './report-plans.controller';
import { ReportPlansService } from './report-plans.service';
import { ReportQueryService } from './report-query.service';
import { ReportsController } from './reports.controller';

/** Participation reports (issue 10): the report API over the rollups, plans and recorded reach. Exports use ReportQueryService. */
@Module({
  controllers: [ReportsController, ReportPlansController, ReachCampaignsController],
  providers: [ReportQueryService, ReportOptionsService, ReportPlansService, ReachCampaignsService],
  exports: [ReportQueryService],
})
export class ReportsModule {}
