import { QueueName } from './queues';

/**
 * The one map from job name to payload, shared by producers (via the outbox) and processors.
 * Payloads carry ids, never rows: a job may run long after it was written, and must read fresh state.
 */
export interface JobPayloads {
  /** A round trip API → outbox → relay → queue → worker → database, proving the wiring. */
  'system.ping': { pingId: string };
  /** Hourly clean-up of rows that only matter for a while (scheduled, not an outbox event). */
  'system.housekeeping': Record<string, never>;
  /** Hourly removal of media bytes without a row (cut-off uploads, crashes); scheduled. */
  'media.housekeeping': Record<string, never>;
  /**
   * Someone asked for a password-reset link: the worker mails it. `sealedToken` is the raw token
   * encrypted for the worker (see sealed-token.ts); the database holds only its hash otherwise.
   */
  'account.password-reset-requested': { resetTokenId: string; sealedToken: string };
  /**
   * A course version became what learners see (issue 6). No consumer yet: enrolment (issue 7)
   * will tell enrolled learners; until then the system queue acknowledges it.
   */
  'course.published': { courseId: string; version: number; publishedById: string };
  /** A course left the catalog (issue 6); same as above. */
  'course.archived': { courseId: string };
  /** A learner took a seat or joined the waitlist (issue 7); consumed by reports (issue 10). */
  'enrollment.created': { enrollmentId: string; courseId: string; userId: string };
  'enrollment.withdrawn': { enrollmentId: string; courseId: string; userId: string };
  /** A seat freed up and the first waiting learner took it: tell them (notification and mail). */
  'enrollment.promoted': { enrollmentId: string; courseId: string; userId: string };
  /** The course's completion rule was met; certificates (issue 9) are issued from this. */
  'enrollment.completed': { enrollmentId: string; courseId: string; userId: string };
  /** Attendance of one session was recorded or changed. */
  'attendance.recorded': { attendanceId: string; lessonId: string; userId: string };
  /** Every few minutes: reminders a day and an hour before each session (scheduled, not an event). */
  'learning.session-reminders': Record<string, never>;
  /** A learner submitted a quiz attempt (or its time ran out): the worker grades it, once (issue 8). */
  'attempt.submitted': { attemptId: string; quizId: string; userId: string };
  /** An instructor corrected an answer key: regrade every affected attempt, with progress. */
  'quiz.regrade-requested': { regradeId: string; quizId: string };
  /** Every minute: close attempts whose time (plus grace) ran out, with what was saved (scheduled). */
  'grading.close-expired': Record<string, never>;
  /** Issue the course credential of a completed enrolment, once (added with jobId `credential.issue:<enrollmentId>`). */
  'credential.issue': { enrollmentId: string };
  /** A credential was signed (outbox): render its PDF, then mail the learner once. */
  'credential.issued': { credentialId: string };
  /** An administrator changed a template and asked for a reissue (outbox, from the API): new PDFs, new serials. */
  'credential.reissue-requested': { templateId: string };
  /** A credential was revoked (outbox, from the API); the status list is read live, so nothing to do yet. */
  'credential.revoked': { credentialId: string };
  /** Nightly: issue, render and mail whatever is missing (eligible minus issued) and report it (scheduled). */
  'credentials.reconcile': Record<string, never>;
  /** Yearly titles ("learning citizen"): scheduled, or on demand for one rule from the API (outbox). */
  'credentials.award-titles': { ruleId?: string };
  /** A learner first attended a session or opened a lesson of an enrolment (outbox, once: `started_at` was null). */
  'enrollment.started': { enrollmentId: string; courseId: string; userId: string };
  /** A person erased their account (outbox): their rollup rows move to the anonymous slice, counts kept. */
  'account.erased': { userId: string };
  /** Recompute the rollup cells marked dirty (scheduled every 15 s, and queued after marking). */
  'reports.refresh': Record<string, never>;
  /** Rebuild every rollup from the raw tables (after the demo seed, a restore, or on an administrator's request). */
  'reports.rebuild': Record<string, never>;
  /** Nightly: compare rollups with raw counts for the last 40 days, mark what differs, record the result. */
  'reports.reconcile': Record<string, never>;
  /** Measured reach: roll up today's and yesterday's visits; delete past salts and old visit rows (scheduled). */
  'reach.rollup': Record<string, never>;
  /** A large export was requested (outbox, from the API): write the file, then notify the requester. */
  'report.export-requested': { exportId: string };
  /** Hourly: mark finished exports past their expiry as expired and delete their files. */
  'reports.expire-exports': Record<string, never>;
}

export type JobName = keyof JobPayloads;

/** Which queue carries each job. Every job name must appear here (checked by the compiler). */
export const JOB_QUEUES: { readonly [N in JobName]: QueueName } = {
  'system.ping': QueueName.System,
  'system.housekeeping': QueueName.System,
  'media.housekeeping': QueueName.System,
  'account.password-reset-requested': QueueName.Mail,
  'course.published': QueueName.System,
  'course.archived': QueueName.System,
  'enrollment.created': QueueName.Learning,
  'enrollment.withdrawn': QueueName.Learning,
  'enrollment.promoted': QueueName.Learning,
  'enrollment.completed': QueueName.Learning,
  'attendance.recorded': QueueName.Learning,
  'learning.session-reminders': QueueName.Learning,
  'attempt.submitted': QueueName.Grading,
  'quiz.regrade-requested': QueueName.Grading,
  'grading.close-expired': QueueName.Grading,
  'credential.issue': QueueName.Credentials,
  'credential.issued': QueueName.Credentials,
  'credential.reissue-requested': QueueName.Credentials,
  'credential.revoked': QueueName.Credentials,
  'credentials.reconcile': QueueName.Credentials,
  'credentials.award-titles': QueueName.Credentials,
  'enrollment.started': QueueName.Learning,
  'account.erased': QueueName.Learning,
  'reports.refresh': QueueName.Reports,
  'reports.rebuild': QueueName.Reports,
  'reports.reconcile': QueueName.Reports,
  'reach.rollup': QueueName.System,
  'report.export-requested': QueueName.Exports,
  'reports.expire-exports': QueueName.Exports,
};

/** Context the relay adds to every job, so logs can follow a request from the API into the worker. */
export interface JobMeta {
  /** The outbox row id; also the BullMQ jobId, which makes relaying idempotent. */
  eventId: string;
  requestId: string | null;
}

/** `meta` is set on every job relayed from the outbox; scheduled jobs have none. */
export type JobData<N extends JobName> = JobPayloads[N] & { meta?: JobMeta };

/** A job as a processor receives it, narrowed by name. */
export type JobOf<N extends JobName> = { name: N; data: JobData<N> };

export const JOB_NAMES = Object.keys(JOB_QUEUES) as JobName[];

export function isJobName(value: string): value is JobName {
  return Object.prototype.hasOwnProperty.call(JOB_QUEUES, value);
}
