import type { AppConfig } from '@baanrian/config';
import { type DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { AttendanceModule } from './attendance/attendance.module';
import { AttemptsModule } from './attempts/attempts.module';
import { AuthzModule } from './authz/authz.module';
import { CatalogModule } from './catalog/catalog.module';
import { ConfigModule } from './config/config.module';
import { CoursesModule } from './courses/courses.module';
import { CredentialsModule } from './credentials/credentials.module';
import { DatabaseModule } from './database/database.module';
import { EnrollmentsModule } from './enrollments/enrollments.module';
import { FailedJobsModule } from './failed-jobs/failed-jobs.module';
import { HttpDrainService } from './observability/http-drain.service';
import { MediaModule } from './media/media.module';
import { NotificationsModule } from './notifications/notifications.module';
import { LoggerModule } from './observability/logger.module';
import { ProgressModule } from './progress/progress.module';
import { QuizzesModule } from './quizzes/quizzes.module';
import { ReachModule } from './reach/reach.module';
import { RedisModule } from './redis/redis.module';
import { ReportsModule } from './reports/reports.module';
import { ReportExportsModule } from './report-exports/report-exports.module';
import { SystemModule } from './system/system.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule,
        DatabaseModule,
        RedisModule,
        AuthzModule,
        AccountsModule,
        SystemModule,
        CoursesModule,
        MediaModule,
        CatalogModule,
        EnrollmentsModule,
        NotificationsModule,
        ProgressModule,
        AttendanceModule,
        QuizzesModule,
        AttemptsModule,
        CredentialsModule,
        ReachModule,
        ReportsModule,
        ReportExportsModule,
        FailedJobsModule,
      ],
      providers: [HttpDrainService],
    };
  }
}
