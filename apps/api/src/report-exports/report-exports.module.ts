import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { REPORT_RUNNER, UnboundReportRunner } from './report-runner';
import { ReportExportsController } from './report-exports.controller';
import { ReportExportsService } from './report-exports.service';

/**
 * Report exports (issue 10): small ones answered at once, large ones written by the worker
 * (apps/worker/src/report-exports). REPORT_RUNNER is the report service: at merge, import
 * ReportsModule and bind `{ provide: REPORT_RUNNER, useExisting: ReportQueryService }`.
 */
@Module({
  imports: [MediaModule],
  controllers: [ReportExportsController],
  providers: [ReportExportsService, { provide: REPORT_RUNNER, useClass: UnboundReportRunner }],
})
export class ReportExportsModule {}
