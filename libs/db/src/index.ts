export { AssistedAccountEntity } from './accounts/assisted-account.entity';
export { AuditLogEntity } from './accounts/audit-log.entity';
export { ExternalIdentityEntity } from './accounts/external-identity.entity';
export { PasswordResetTokenEntity } from './accounts/password-reset-token.entity';
export { ConsentRecordEntity } from './accounts/consent-record.entity';
export { RefreshTokenEntity } from './accounts/refresh-token.entity';
export { SignInCardEntity } from './accounts/sign-in-card.entity';
export { UserRoleEntity } from './accounts/user-role.entity';
export { UserEntity } from './accounts/user.entity';
export { CredentialPdfEntity } from './credentials/credential-pdf.entity';
export { CredentialReconcileRunEntity, type ReconcileSummary } from './credentials/credential-reconcile-run.entity';
export { CredentialTemplateEntity, type StoredSignatory, type StoredTemplateContent } from './credentials/credential-template.entity';
export { CredentialTitleRuleEntity } from './credentials/credential-title-rule.entity';
export { ReportCourseDayEntity } from './reports/report-course-day.entity';
export { ReportAreaMonthEntity } from './reports/report-area-month.entity';
export { ReportLearnerYearEntity } from './reports/report-learner-year.entity';
export { ReportLearnerBucketEntity } from './reports/report-learner-bucket.entity';
export { ReachVisitEntity } from './reports/reach-visit.entity';
export { ReachSaltEntity } from './reports/reach-salt.entity';
export { ReportReachDayEntity } from './reports/report-reach-day.entity';
export { ReachCampaignEntity } from './reports/reach-campaign.entity';
export { ReportPlanEntity } from './reports/report-plan.entity';
export { ReportExportEntity } from './reports/report-export.entity';
export { ReportDirtyEntity } from './reports/report-dirty.entity';
export { ReportReconcileRunEntity, type ReportReconcileSummary } from './reports/report-reconcile-run.entity';
export { CREDENTIAL_KINDS, CredentialEntity, type CredentialKind } from './credentials/credential.entity';
export { ISSUER_KEY_STATUSES, IssuerKeyEntity, type IssuerKeyStatus } from './credentials/issuer-key.entity';
export { IssuerProfileEntity } from './credentials/issuer-profile.entity';
export { CourseEntity } from './courses/course.entity';
export { CatalogEntryEntity } from './courses/catalog-entry.entity';
export { CourseCategoryEntity } from './courses/course-category.entity';
export { CourseInstructorEntity } from './courses/course-instructor.entity';
export { CourseModuleEntity } from './courses/course-module.entity';
export { CourseVersionEntity } from './courses/course-version.entity';
export { LessonEntity } from './courses/lesson.entity';
export { CourseSeatEntity } from './learning/course-seat.entity';
export { EnrollmentEntity } from './learning/enrollment.entity';
export { EnrollmentImportEntity, type EnrollmentImportRejection, type EnrollmentImportRow } from './learning/enrollment-import.entity';
export { LessonProgressEntity } from './learning/lesson-progress.entity';
export { NotificationEntity } from './learning/notification.entity';
export { SessionAttendanceEntity } from './learning/session-attendance.entity';
export { MailDeliveryEntity } from './mail/mail-delivery.entity';
export { createMediaStorage } from './media/create-media-storage';
export { LocalMediaStorage } from './media/local-media.storage';
export { MEDIA_KINDS, MEDIA_STATUSES, MediaAssetEntity, type MediaKind, type MediaStatus } from './media/media-asset.entity';
export {
  assertMediaKey,
  assetIdOfKey,
  type ByteRange,
  type ByteReader,
  type ByteWriter,
  type FollowOptions,
  type FollowVerdict,
  type MediaStorage,
  originalMediaKey,
  type StoredObject,
  tempMediaKey,
  variantMediaKey,
} from './media/media-storage';
export { type MediaSweepResult, sweepMediaOrphans } from './media/media-sweep';
export type { S3MediaSettings } from './media/s3-media.storage';
export { createDataSource, dataSourceOptions, type DatabaseSettings } from './data-source';
export { ENTITIES } from './entities';
export { OutboxEventEntity } from './outbox/outbox-event.entity';
export { writeOutboxEvent } from './outbox/outbox.writer';
export { QuestionCategoryEntity } from './quizzes/question-category.entity';
export { QuestionEntity } from './quizzes/question.entity';
export { QuizEntity } from './quizzes/quiz.entity';
export { QuizTimeExtensionEntity } from './quizzes/quiz-time-extension.entity';
export { QuizAttemptEntity } from './quizzes/quiz-attempt.entity';
export { QuizGradeEntity } from './quizzes/quiz-grade.entity';
export { QuizRegradeEntity } from './quizzes/quiz-regrade.entity';
export { QuizGradeChangeEntity } from './quizzes/quiz-grade-change.entity';
export { SeedRunEntity } from './seed/seed-run.entity';
export { SystemPingEntity } from './system/system-ping.entity';
export { WorkerHeartbeatEntity } from './system/worker-heartbeat.entity';
export { JOB_FAILURE_STATUSES, JobFailureEntity, type JobFailureStatus } from './system/job-failure.entity';
export { isDependencyUnavailable } from './system/dependency-unavailable';
