/**
 * Jobs that failed for good (issue 12, invariant I5): what the admin list filters by. The queue
 * names are libs/jobs' `QueueName` values (the API checks at compile time that both agree); they
 * are repeated here because the portal may not import server libraries.
 */
export const FAILED_JOB_QUEUES = ['system', 'mail', 'learning', 'grading', 'credentials', 'reports', 'exports'] as const;
export type FailedJobQueue = (typeof FAILED_JOB_QUEUES)[number];

/** open: waiting for an administrator; retried: sent back to its queue; dismissed: closed with a reason. */
export const FAILED_JOB_STATUSES = ['open', 'retried', 'dismissed'] as const;
export type FailedJobStatus = (typeof FAILED_JOB_STATUSES)[number];

export const FAILED_JOB_PAGE_SIZE = 20;
