import { Foundation1763850000000 } from './1763850000000-foundation';
import { PingCompletedIndex1795391258449 } from './1795391258449-ping-completed-index';
import { Accounts1795397606469 } from './1795397606469-accounts';
import { ExternalIdentity1795400229807 } from './1795400229807-external-identity';
import { PasswordReset1795400257313 } from './1795400257313-password-reset';
import { Privacy1795400166573 } from './1795400166573-privacy';
import { AssistedAccounts1795400310245 } from './1795400310245-assisted-accounts';
import { Courses1795405776336 } from './1795405776336-courses';
import { SessionValidity1795405800000 } from './1795405800000-session-validity';
import { Media1795406575047 } from './1795406575047-media';
import { Learning1795415998836 } from './1795415998836-learning';
import { Quizzes1795418357766 } from './1795418357766-quizzes';
import { EnrollmentImport1795418500000 } from './1795418500000-enrollment-import';
import { Credentials1795431490019 } from './1795431490019-credentials';
import { Reports1795451708624 } from './1795451708624-reports';
import { ReportReconcileRun1795452400000 } from './1795452400000-report-reconcile-run';
import { ReportAreaMonth1795455662657 } from './1795455662657-report-area-month';
import { ReportExportNotification1795460000000 } from './1795460000000-report-export-notification';
import { ReportLearnerYearMasks1795461000000 } from './1795461000000-report-learner-year-masks';
import { ReportLearnerYearPrev1795470000000 } from './1795470000000-report-learner-year-prev';
import { ReportLearnerBucket1795472000000 } from './1795472000000-report-learner-bucket';
import { JobFailures1795473000000 } from './1795473000000-job-failures';
import { OutboxNotify1795474000000 } from './1795474000000-outbox-notify';

/** Every migration in order. A committed migration is never edited: add a new one. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [Foundation1763850000000, PingCompletedIndex1795391258449, Accounts1795397606469, Privacy1795400166573, ExternalIdentity1795400229807, PasswordReset1795400257313, AssistedAccounts1795400310245, Courses1795405776336, SessionValidity1795405800000, Media1795406575047, Learning1795415998836, Quizzes1795418357766, EnrollmentImport1795418500000, Credentials1795431490019, Reports1795451708624, ReportReconcileRun1795452400000, ReportAreaMonth1795455662657, ReportExportNotification1795460000000, ReportLearnerYearMasks1795461000000, ReportLearnerYearPrev1795470000000, ReportLearnerBucket1795472000000, JobFailures1795473000000, OutboxNotify1795474000000];
