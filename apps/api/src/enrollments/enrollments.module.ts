import { Module } from '@nestjs/common';
import { EnrollmentImportService } from './enrollment-import.service';
import { EnrollmentRosterService } from './enrollment-roster.service';
import { EnrollmentsController } from './enrollments.controller';
import { EnrollmentsService } from './enrollments.service';
import { StudioEnrollmentsController } from './studio-enrollments.controller';

@Module({
  controllers: [EnrollmentsController, StudioEnrollmentsController],
  providers: [EnrollmentsService, EnrollmentRosterService, EnrollmentImportService],
  exports: [EnrollmentsService],
})
export class EnrollmentsModule {}
