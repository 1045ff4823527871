import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { ReportQueryService } from '../reports/report-query.service';
import { ReportsModule } from '../reports/reports.module';
import { ReportExportDownloadController } from './report-export-download.controller';
import { ReportExportLinks } from './report-export.link';
import { REPORT_RUNNER } from './report-runner';
import { ReportExportsController } from './report-exports.controller';
import { ReportExportsService } from './report-exports.service';

/**
 * Report exports (issue 10): small ones answered at once, large ones written by the worker
 * (apps/worker/src/report-exports). REPORT_RUNNER is the report service (ReportQueryService):
 * the export code depends on the narrow interface it uses, so tests can give it another runner.
 */
@Module({
  imports: [MediaModule, ReportsModule],
  controllers: [ReportExportsController, ReportExportDownloadController],
  providers: [ReportExportsService, ReportExportLinks, { provide: REPORT_RUNNER, useExisting: ReportQueryService }],
})
export class ReportExportsModule {}
