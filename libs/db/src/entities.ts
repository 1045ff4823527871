import { AssistedAccountEntity } from './accounts/assisted-account.entity';
import { AuditLogEntity } from './accounts/audit-log.entity';
import { ExternalIdentityEntity } from './accounts/external-identity.entity';
import { PasswordResetTokenEntity } from './accounts/password-reset-token.entity';
import { ConsentRecordEntity } from './accounts/consent-record.entity';
import { RefreshTokenEntity } from './accounts/refresh-token.entity';
import { SignInCardEntity } from './accounts/sign-in-card.entity';
import { UserRoleEntity } from './accounts/user-role.entity';
import { UserEntity } from './accounts/user.entity';
import { CredentialPdfEntity } from './credentials/credential-pdf.entity';
import { CredentialReconcileRunEntity } from './credentials/credential-reconcile-run.entity';
import { CredentialTemplateEntity } from './credentials/credential-template.entity';
import { CredentialTitleRuleEntity } from './credentials/credential-title-rule.entity';
import { CredentialEntity } from './credentials/credential.entity';
import { IssuerKeyEntity } from './credentials/issuer-key.entity';
import { IssuerProfileEntity } from './credentials/issuer-profile.entity';
import { ReportCourseDayEntity } from './reports/report-course-day.entity';
import { ReportAreaMonthEntity } from './reports/report-area-month.entity';
import { ReportLearnerYearEntity } from './reports/report-learner-year.entity';
import { ReportLearnerBucketEntity } from './reports/report-learner-bucket.entity';
import { ReachVisitEntity } from './reports/reach-visit.entity';
import { ReachSaltEntity } from './reports/reach-salt.entity';
import { ReportReachDayEntity } from './reports/report-reach-day.entity';
import { ReachCampaignEntity } from './reports/reach-campaign.entity';
import { ReportPlanEntity } from './reports/report-plan.entity';
import { ReportExportEntity } from './reports/report-export.entity';
import { ReportDirtyEntity } from './reports/report-dirty.entity';
import { ReportReconcileRunEntity } from './reports/report-reconcile-run.entity';
import { CourseEntity } from './courses/course.entity';
import { CatalogEntryEntity } from './courses/catalog-entry.entity';
import { CourseCategoryEntity } from './courses/course-category.entity';
import { CourseInstructorEntity } from './courses/course-instructor.entity';
import { CourseModuleEntity } from './courses/course-module.entity';
import { CourseVersionEntity } from './courses/course-version.entity';
import { LessonEntity } from './courses/lesson.entity';
import { CourseSeatEntity } from './learning/course-seat.entity';
import { EnrollmentEntity } from './learning/enrollment.entity';
import { EnrollmentImportEntity } from './learning/enrollment-import.entity';
import { LessonProgressEntity } from './learning/lesson-progress.entity';
import { NotificationEntity } from './learning/notification.entity';
import { SessionAttendanceEntity } from './learning/session-attendance.entity';
import { MailDeliveryEntity } from './mail/mail-delivery.entity';
import { MediaAssetEntity } from './media/media-asset.entity';
import { OutboxEventEntity } from './outbox/outbox-event.entity';
import { QuestionCategoryEntity } from './quizzes/question-category.entity';
import { QuestionEntity } from './quizzes/question.entity';
import { QuizEntity } from './quizzes/quiz.entity';
import { QuizTimeExtensionEntity } from './quizzes/quiz-time-extension.entity';
import { QuizAttemptEntity } from './quizzes/quiz-attempt.entity';
import { QuizGradeEntity } from './quizzes/quiz-grade.entity';
import { QuizRegradeEntity } from './quizzes/quiz-regrade.entity';
import { QuizGradeChangeEntity } from './quizzes/quiz-grade-change.entity';
import { SeedRunEntity } from './seed/seed-run.entity';
import { SystemPingEntity } from './system/system-ping.entity';
import { WorkerHeartbeatEntity } from './system/worker-heartbeat.entity';
import { JobFailureEntity } from './system/job-failure.entity';

/** Every entity, listed explicitly: bundled builds cannot discover them with globs. */
export const ENTITIES = [
  AssistedAccountEntity,
  AuditLogEntity,
  ExternalIdentityEntity,
  PasswordResetTokenEntity,
  ConsentRecordEntity,
  RefreshTokenEntity,
  SignInCardEntity,
  UserEntity,
  UserRoleEntity,
  CourseEntity,
  CatalogEntryEntity,
  CourseCategoryEntity,
  CourseInstructorEntity,
  CourseModuleEntity,
  CourseVersionEntity,
  LessonEntity,
  CourseSeatEntity,
  EnrollmentEntity,
  EnrollmentImportEntity,
  LessonProgressEntity,
  NotificationEntity,
  SessionAttendanceEntity,
  MailDeliveryEntity,
  MediaAssetEntity,
  OutboxEventEntity,
  QuestionCategoryEntity,
  QuestionEntity,
  QuizEntity,
  QuizTimeExtensionEntity,
  QuizAttemptEntity,
  QuizGradeEntity,
  QuizRegradeEntity,
  QuizGradeChangeEntity,
  SeedRunEntity,
  SystemPingEntity,
  WorkerHeartbeatEntity,
  IssuerKeyEntity,
  IssuerProfileEntity,
  CredentialTemplateEntity,
  CredentialEntity,
  CredentialPdfEntity,
  CredentialTitleRuleEntity,
  CredentialReconcileRunEntity,
  ReportCourseDayEntity,
  ReportAreaMonthEntity,
  ReportLearnerYearEntity,
  ReportLearnerBucketEntity,
  ReachVisitEntity,
  ReachSaltEntity,
  ReportReachDayEntity,
  ReachCampaignEntity,
  ReportPlanEntity,
  ReportExportEntity,
  ReportDirtyEntity,
  ReportReconcileRunEntity,
  JobFailureEntity,
];
