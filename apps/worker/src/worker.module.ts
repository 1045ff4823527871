import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { dataSourceOptions } from '@baanrian/db';
import { QueueName } from '@baanrian/jobs';
import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { CertificatePdfs } from './credentials/certificate-pdfs';
import { CredentialDeliveryJob } from './credentials/credential-delivery.job';
import { CredentialIssueEnqueuer } from './credentials/credential-issue.enqueuer';
import { CredentialIssueJob } from './credentials/credential-issue.job';
import { CredentialIssuer } from './credentials/credential-issuer';
import { CredentialReissueJob } from './credentials/credential-reissue.job';
import { CredentialsAwardTitlesJob } from './credentials/credentials-award-titles.job';
import { CredentialsQueueProcessor } from './credentials/credentials-queue.processor';
import { CredentialsReconcileJob } from './credentials/credentials-reconcile.job';
import { CredentialsScheduler } from './credentials/credentials.scheduler';
import { IssuerKeysService } from './credentials/issuer-keys.service';
import { AttemptGradingJob } from './grading/attempt-grading.job';
import { CloseExpiredJob } from './grading/close-expired.job';
import { JobFailureListener } from './failed-jobs/job-failure.listener';
import { JobFailureRecorder } from './failed-jobs/job-failure.recorder';
import { JobFailureSweeper } from './failed-jobs/job-failure.sweeper';
import { GradingQueueProcessor } from './grading/grading-queue.processor';
import { GradingScheduler } from './grading/grading.scheduler';
import { RegradeJob } from './grading/regrade.job';
import { HeartbeatService } from './heartbeat/heartbeat.service';
import { EnrollmentCompletedJob } from './learning/enrollment-completed.job';
import { EnrollmentPromotedJob } from './learning/enrollment-promoted.job';
import { LearningNotifier } from './learning/learning-notifier';
import { LearningQueueProcessor } from './learning/learning-queue.processor';
import { LearningScheduler } from './learning/learning.scheduler';
import { SessionRemindersJob } from './learning/session-reminders.job';
import { MailQueueProcessor } from './mail/mail-queue.processor';
import { MailService } from './mail/mail.service';
import { MediaHousekeepingJob } from './media/media-housekeeping.job';
import { PasswordResetMailJob } from './mail/password-reset-mail.job';
import { OutboxQueues } from './outbox/outbox-queues';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { OutboxWakeupListener } from './outbox/outbox-wakeup.listener';
import { ReportDirtyMarker } from './reports/report-dirty.marker';
import { ReportsQueueProcessor } from './reports/reports-queue.processor';
import { ReportsRebuildJob } from './reports/reports-rebuild.job';
import { ReportsReconcileJob } from './reports/reports-reconcile.job';
import { ReportsRefreshJob } from './reports/reports-refresh.job';
import { ReportsScheduler } from './reports/reports.scheduler';
import { ReportExportJob } from './report-exports/report-export.job';
import { ReportExportsExpireJob } from './report-exports/report-exports-expire.job';
import { ReportExportsQueueProcessor } from './report-exports/report-exports-queue.processor';
import { ReportExportsScheduler } from './report-exports/report-exports.scheduler';
import { HousekeepingJob } from './system/housekeeping.job';
import { HousekeepingScheduler } from './system/housekeeping.scheduler';
import { ReachRollupJob } from './system/reach-rollup.job';
import { ReachRollupScheduler } from './system/reach-rollup.scheduler';
import { SystemPingJob } from './system/system-ping.job';
import { SystemQueueProcessor } from './system/system-queue.processor';

@Global()
@Module({})
class WorkerConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        WorkerConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.log.level, base: { service: 'worker' } } }),
        TypeOrmModule.forRoot(
          dataSourceOptions({ url: config.database.url, poolSize: config.database.poolSize, applicationName: 'baanrian-worker' }),
        ),
        BullModule.forRoot({
          connection: { url: config.redis.url },
          prefix: config.redis.queuePrefix,
          defaultJobOptions: {
            attempts: 5,
            backoff: { type: 'exponential', delay: 1000 },
            // Completed jobs are kept a week so a re-relayed event id is still recognised as done.
            removeOnComplete: { age: 7 * 24 * 3600 },
            removeOnFail: { age: 30 * 24 * 3600 },
          },
        }),
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
        // Finds every processor, so failed jobs are recorded for all queues in one place.
        DiscoveryModule,
      ],
      providers: [
        CertificatePdfs,
        CredentialDeliveryJob,
        CredentialIssueEnqueuer,
        CredentialIssueJob,
        CredentialIssuer,
        CredentialReissueJob,
        CredentialsAwardTitlesJob,
        CredentialsQueueProcessor,
        CredentialsReconcileJob,
        CredentialsScheduler,
        IssuerKeysService,
        AttemptGradingJob,
        CloseExpiredJob,
        GradingQueueProcessor,
        GradingScheduler,
        RegradeJob,
        HeartbeatService,
        JobFailureListener,
        JobFailureRecorder,
        JobFailureSweeper,
        OutboxQueues,
        OutboxRelayService,
        OutboxWakeupListener,
        HousekeepingJob,
        HousekeepingScheduler,
        EnrollmentCompletedJob,
        EnrollmentPromotedJob,
        LearningNotifier,
        LearningQueueProcessor,
        LearningScheduler,
        SessionRemindersJob,
        MailQueueProcessor,
        MailService,
        MediaHousekeepingJob,
        PasswordResetMailJob,
        ReportDirtyMarker,
        ReportsQueueProcessor,
        ReportsRebuildJob,
        ReportsReconcileJob,
        ReportsRefreshJob,
        ReportsScheduler,
        ReportExportJob,
        ReportExportsExpireJob,
        ReportExportsQueueProcessor,
        ReportExportsScheduler,
        SystemPingJob,
        SystemQueueProcessor,
        ReachRollupJob,
        ReachRollupScheduler,
      ],
    };
  }
}
