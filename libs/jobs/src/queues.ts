/**
 * BullMQ queue names. Released names never change: jobs already waiting in Redis under an old name
 * would be stranded. Add a new queue instead of renaming one.
 */
export const QueueName = {
  System: 'system',
  /** Outgoing mail; its own queue, so a slow SMTP server never delays system jobs. */
  Mail: 'mail',
  /** Enrolment, attendance, progress and completion events (issue 7) and what follows from them. */
  Learning: 'learning',
  /** Quiz grading and regrading (issue 8): CPU work, kept away from mail and enrolment events. */
  Grading: 'grading',
  /** Certificates and Open Badges (issue 9): signing, PDF rendering and their mail, exactly once. */
  Credentials: 'credentials',
  /** Participation reports (issue 10): rollup refreshes, rebuilds and reconciliation. */
  Reports: 'reports',
  /** Large report exports (issue 10): minutes of streaming, kept away from the rollup refreshes. */
  Exports: 'exports',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];
