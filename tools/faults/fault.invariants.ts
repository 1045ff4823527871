import { QueueName } from '@baanrian/jobs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { adminVisibleFailedJobs, type FailedJob } from './fault.admin-jobs';
import { checkMails } from './fault.mails';
import type { WorkloadData, WorkloadOutcome, WorkloadStack } from './fault.workload';

export interface Check {
  ok: boolean;
  detail: string;
}

export interface InvariantReport {
  I1: Check;
  I2: Check;
  I3: Check;
  I4: Check;
  I5: Check;
  /** From `recoveredAt` until the outbox and every queue were seen idle (or until the wait gave up). */
  recoveryMs: number;
  /** False when the wait gave up: the checks then describe a system still working (or stuck). */
  drained: boolean;
}

/** I3's bound, and by default how long after recovery the checker waits for the system to settle. */
export const RECOVERY_LIMIT_MS = 60_000;
/** Idle twice, this far apart: a job finishing between the queue and outbox reads must not pass for idle. */
const IDLE_CONFIRM_MS = 1_000;
const POLL_MS = 250;
/** Job states that mean work is still to be done (failed and completed do not). */
const BUSY_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sample = (ids: string[]) => (ids.length ? ` (e.g. ${ids.slice(0, 3).join(', ')})` : '');

/** PostgreSQL and the BullMQ queues, opened so a restart of either during the wait is survived. */
async function openProbe(stack: WorkloadStack) {
  // A pool: a connection killed by a PostgreSQL restart is replaced. Idle clients' errors must be
  // handled, or the dropped connection would crash the test process.
  const db = new pg.Pool({ connectionString: stack.databaseUrl, max: 2, connectionTimeoutMillis: 3_000 });
  db.on('error', () => undefined);
  const redis = new Redis(stack.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 3_000 });
  redis.on('error', () => undefined);
  const prefix = stack.env.QUEUE_PREFIX ?? 'baanrian';
  const queues = Object.values(QueueName).map((name) => {
    const queue = new Queue(name, { connection: redis, prefix });
    queue.on('error', () => undefined);
    return queue;
  });
  return { db, queues, close: async () => { await Promise.all(queues.map((q) => q.close().catch(() => undefined))); redis.disconnect(); await db.end(); } };
}
type Probe = Awaited<ReturnType<typeof openProbe>>;

/** Jobs still to run in a queue, not counting job schedulers' next runs (ids `repeat:…`), which are always there. */
async function busyJobs(queue: Queue): Promise<number> {
  const counts = await queue.getJobCounts(...BUSY_STATES);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0 || total > 50) return total;
  const jobs = await queue.getJobs([...BUSY_STATES], 0, 100);
  return jobs.filter((job) => job && !String(job.id).startsWith('repeat:')).length;
}

/** One look: undispatched outbox rows and busy jobs per queue; an unreachable service is "not idle". */
async function observe(probe: Probe): Promise<{ idle: boolean; state: string }> {
  try {
    const busy = await Promise.all(probe.queues.map(async (q) => [q.name, await busyJobs(q)] as const));
    const { rows } = await probe.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`);
    const jobs = busy.filter(([, n]) => n > 0);
    return { idle: rows[0].n === 0 && jobs.length === 0, state: `outbox ${rows[0].n} undispatched; jobs ${jobs.map(([q, n]) => `${q}=${n}`).join(' ') || 'none'}` };
  } catch (error) {
    return { idle: false, state: `unreachable: ${(error as Error).message}` };
  }
}

async function waitUntilDrained(probe: Probe, recoveredAt: number, limitMs: number): Promise<{ drained: boolean; recoveryMs: number; state: string }> {
  const until = Math.max(recoveredAt + limitMs, Date.now() + 2 * IDLE_CONFIRM_MS);
  let idleSince: number | null = null;
  let state = '';
  for (;;) {
    const seen = await observe(probe);
    state = seen.state;
    if (!seen.idle) idleSince = null;
    else if (idleSince === null) idleSince = Date.now();
    else if (Date.now() - idleSince >= IDLE_CONFIRM_MS) return { drained: true, recoveryMs: Math.max(0, idleSince - recoveredAt), state };
    if (Date.now() > until) return { drained: false, recoveryMs: Date.now() - recoveredAt, state };
    await sleep(POLL_MS);
  }
}

/** I1: every committed (submitted) attempt has exactly one grade; every acknowledged submit was committed. */
async function checkGrades(db: pg.Pool, data: WorkloadData, outcome: WorkloadOutcome): Promise<Check> {
  const { rows } = await db.query<{ id: string; grades: number }>(
    `SELECT a.id, count(g.attempt_id)::int AS grades FROM quiz_attempt a LEFT JOIN quiz_grade g ON g.attempt_id = a.id
      WHERE a.quiz_id = $1 AND a.submitted_at IS NOT NULL GROUP BY a.id`,
    [data.quizId],
  );
  const committed = new Set(rows.map((r) => r.id));
  const ungraded = rows.filter((r) => r.grades === 0).map((r) => r.id);
  const doubled = rows.filter((r) => r.grades > 1).map((r) => r.id);
  const lost = outcome.submitted.filter((id) => !committed.has(id));
  return {
    ok: ungraded.length === 0 && doubled.length === 0 && lost.length === 0,
    detail: `${rows.length} committed attempts (${outcome.submitted.length} acknowledged): ${ungraded.length} without a grade${sample(ungraded)}, ` +
      `${doubled.length} with more than one${sample(doubled)}, ${lost.length} acknowledged but not committed${sample(lost)}`,
  };
}

/**
 * I2: eligible = a passed grade and every text lesson completed (the quiz lesson follows from the
 * pass), read from the database, not from what the client heard. Each eligible learner: the
 * enrolment completed and exactly one course credential with exactly one current serial; nobody
 * else has one; serials unique. Also: a learner the workload completed (all 2xx) and answered to
 * pass must be eligible, or acknowledged progress or a grade went missing.
 */
async function checkCredentials(db: pg.Pool, data: WorkloadData, outcome: WorkloadOutcome): Promise<Check> {
  const { rows } = await db.query<{ user_id: string; status: string; passed: boolean; lessons: number; credentials: number; serials: number }>(
    `SELECT e.user_id, e.status,
            EXISTS (SELECT 1 FROM quiz_attempt a JOIN quiz_grade g ON g.attempt_id = a.id WHERE a.quiz_id = $2 AND a.user_id = e.user_id AND g.passed) AS passed,
            (SELECT count(*) FROM lesson_progress p WHERE p.enrollment_id = e.id AND p.status = 'completed' AND p.lesson_id = ANY($3::uuid[]))::int AS lessons,
            (SELECT count(*) FROM credential c WHERE c.kind = 'course' AND c.source_id = e.course_id AND c.user_id = e.user_id)::int AS credentials,
            (SELECT count(*) FROM credential c JOIN credential_pdf p ON p.credential_id = c.id AND p.superseded_at IS NULL
              WHERE c.kind = 'course' AND c.source_id = e.course_id AND c.user_id = e.user_id)::int AS serials
       FROM enrollment e WHERE e.course_id = $1`,
    [data.courseId, data.quizId, data.lessonIds],
  );
  const eligible = rows.filter((r) => r.passed && r.lessons === data.lessonIds.length);
  const notCompleted = eligible.filter((r) => r.status !== 'completed').map((r) => r.user_id);
  const wrongCount = eligible.filter((r) => r.credentials !== 1).map((r) => r.user_id);
  const wrongSerials = eligible.filter((r) => r.credentials === 1 && r.serials !== 1).map((r) => r.user_id);
  const undeserved = rows.filter((r) => !(r.passed && r.lessons === data.lessonIds.length) && r.credentials > 0).map((r) => r.user_id);
  const eligibleIds = new Set(eligible.map((r) => r.user_id));
  const shouldPass = new Set(data.learners.filter((l) => l.passes).map((l) => l.userId));
  const missing = outcome.completedLearners.filter((id) => shouldPass.has(id) && !eligibleIds.has(id));
  const { rows: clashes } = await db.query<{ serial: string }>(
    `SELECT p.serial FROM credential_pdf p JOIN credential c ON c.id = p.credential_id WHERE c.kind = 'course' AND c.source_id = $1
      GROUP BY p.serial HAVING count(*) > 1`,
    [data.courseId],
  );
  const problems = notCompleted.length + wrongCount.length + wrongSerials.length + undeserved.length + missing.length + clashes.length;
  return {
    ok: problems === 0,
    detail: `${eligible.length} eligible of ${rows.length} enrolled (${outcome.completedLearners.length} completed by the workload): ` +
      `${notCompleted.length} not marked completed${sample(notCompleted)}, ${wrongCount.length} without exactly one credential${sample(wrongCount)}, ` +
      `${wrongSerials.length} without exactly one current serial${sample(wrongSerials)}, ${undeserved.length} credentials for ineligible learners${sample(undeserved)}, ` +
      `${missing.length} completed passing learners not eligible${sample(missing)}, ${clashes.length} duplicate serials${sample(clashes.map((c) => c.serial))}`,
  };
}

/** I3: no outbox row undispatched for longer than 60 s counted from recovery (its creation, if later). */
async function checkOutbox(db: pg.Pool, recoveredAt: number): Promise<Check> {
  const checkedAt = Date.now();
  const cutoff = checkedAt - RECOVERY_LIMIT_MS;
  const { rows } = await db.query<{ n: number; types: string[] | null; oldest: Date | null }>(
    `SELECT count(*)::int AS n, array_agg(DISTINCT type) AS types, min(created_at) AS oldest FROM outbox_event WHERE published_at IS NULL AND created_at < to_timestamp($1 / 1000.0)`,
    [cutoff],
  );
  const { rows: all } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`);
  const late = cutoff > recoveredAt ? rows[0].n : 0;
  return {
    ok: late === 0,
    detail: `${all[0].n} undispatched at ${Math.round((checkedAt - recoveredAt) / 1000)} s after recovery, ${late} of them for more than 60 s` +
      (late ? ` (${rows[0].types?.join(', ')}; oldest created ${rows[0].oldest?.toISOString()})` : ''),
  };
}

/** I5: every job in a BullMQ failed set (failed for good: attempts used up, or unrecoverable) is listed for administrators. */
async function checkFailedJobs(stack: WorkloadStack, data: WorkloadData, probe: Probe): Promise<Check> {
  const failed: FailedJob[] = [];
  for (const queue of probe.queues) {
    for (const job of await queue.getFailed(0, 999)) {
      if (job) failed.push({ queue: queue.name, id: String(job.id), name: job.name, attemptsMade: job.attemptsMade, attempts: job.opts.attempts ?? 1, reason: job.failedReason });
    }
  }
  const list = failed.map((j) => `${j.queue}/${j.name}#${j.id} (${j.attemptsMade}/${j.attempts}: ${j.reason?.slice(0, 80)})`);
  const visible = await adminVisibleFailedJobs(stack, data);
  const hidden = failed.filter((j) => !visible.has(`${j.queue}/${j.id}`));
  return { ok: hidden.length === 0, detail: `${failed.length} failed for good${sample(list)}; ${hidden.length} not listed for administrators${sample(hidden.map((j) => `${j.queue}/${j.id}`))}` };
}

/**
 * Waits (up to `maxWaitMs`, default 60 s, after `recoveredAt`) until the outbox has nothing
 * undispatched and no queue has work left, then checks I1–I5. `recoveredAt` is when the last
 * fault was undone (Date.now() of the caller); for a run without a fault, when the workload ended.
 */
export async function checkInvariants(
  stack: WorkloadStack,
  data: WorkloadData,
  outcome: WorkloadOutcome,
  recoveredAt: number,
  options: { maxWaitMs?: number } = {},
): Promise<InvariantReport> {
  const probe = await openProbe(stack);
  try {
    const wait = await waitUntilDrained(probe, recoveredAt, options.maxWaitMs ?? RECOVERY_LIMIT_MS);
    const settled = wait.drained ? '' : ` [not drained after ${Math.round(wait.recoveryMs / 1000)} s: ${wait.state}]`;
    const [I1, I2, I3, I4, I5] = await Promise.all([
      checkGrades(probe.db, data, outcome),
      checkCredentials(probe.db, data, outcome),
      checkOutbox(probe.db, recoveredAt),
      checkMails(stack, data, probe.db),
      checkFailedJobs(stack, data, probe),
    ]);
    const note = (c: Check) => ({ ok: c.ok, detail: c.detail + settled });
    return { I1: note(I1), I2: note(I2), I3: note(I3), I4: note(I4), I5: note(I5), recoveryMs: wait.recoveryMs, drained: wait.drained };
  } finally {
    await probe.close();
  }
}
