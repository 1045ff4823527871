import { rawEnv } from '@baanrian/config';
import pg from 'pg';
import { checkInvariants, type InvariantReport } from './fault.invariants';
import { type FaultStack, startFaultStack } from './fault.stack';
import { prepareWorkload, runWorkload, type WorkloadData, type WorkloadOutcome } from './fault.workload';

/** 200 by default (fast); FAULT_WORKLOAD_LEARNERS=1000 measures the size. */
const LEARNERS = Number(rawEnv('FAULT_WORKLOAD_LEARNERS') ?? 200);

describe('the fault workload and the invariant checker', () => {
  let stack: FaultStack;
  let db: pg.Client;
  let data: WorkloadData;
  let outcome: WorkloadOutcome;

  beforeAll(async () => {
    // The multi-process deployment: 2 APIs behind the proxy, 3 workers, PostgreSQL, Redis, SMTP.
    stack = await startFaultStack();
    db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
  }, 10 * 60_000);

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  it(`without a fault, ${LEARNERS} learners submit and complete, and I1–I5 hold`, async () => {
    let started = Date.now();
    data = await prepareWorkload(stack, LEARNERS);
    const prepareMs = Date.now() - started;
    started = Date.now();
    outcome = await runWorkload(stack, data, { concurrency: 50 });
    const workloadMs = Date.now() - started;
    const endedAt = Date.now();
    // Issuing, rendering and mailing a certificate each is the slow part: allow it minutes here.
    const report: InvariantReport = await checkInvariants(stack, data, outcome, endedAt, { maxWaitMs: 5 * 60_000 });
    const checkMs = Date.now() - endedAt;
    console.log(JSON.stringify({ learners: LEARNERS, prepareMs, workloadMs, checkMs, report }, null, 2));

    expect(outcome.errors).toEqual([]);
    expect(outcome.submitted).toHaveLength(LEARNERS);
    expect(outcome.completedLearners).toHaveLength(LEARNERS);
    expect(report).toMatchObject({ I1: { ok: true }, I2: { ok: true }, I3: { ok: true }, I4: { ok: true }, I5: { ok: true }, drained: true });
    // Nine in ten answered to pass: they, and only they, hold a certificate and got one mail.
    const passing = data.learners.filter((l) => l.passes).length;
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM credential WHERE source_id = $1 AND mailed_at IS NOT NULL`, [data.courseId]);
    expect(rows[0].n).toBe(passing);
    expect(report.I4.detail).toContain(`${passing} credentials, ${passing} mailed`);
    expect(stack.smtp.mails.filter((m) => m.subject.startsWith('เกียรติบัตร'))).toHaveLength(passing);
  }, 20 * 60_000);

  it('reports a lost grade (I1) and a certificate mailed twice (I4)', async () => {
    const [attemptId] = outcome.submitted;
    await db.query(`DELETE FROM quiz_grade WHERE attempt_id = $1`, [attemptId]);
    const certificate = stack.smtp.mails.find((m) => m.subject.startsWith('เกียรติบัตร'));
    stack.smtp.mails.push({ ...(certificate as (typeof stack.smtp.mails)[number]) });

    const report = await checkInvariants(stack, data, outcome, Date.now());

    expect(report.I1).toMatchObject({ ok: false, detail: expect.stringContaining(`1 without a grade (e.g. ${attemptId})`) });
    expect(report.I4).toMatchObject({ ok: false, detail: expect.stringMatching(/1 mailed more than once \(e\.g\. [0-9a-f-]{36} ×2\)/) });
    // The rest still holds: the checker names what broke, not everything.
    expect(report.I3.ok).toBe(true);
    expect(report.I5.ok).toBe(true);
  }, 5 * 60_000);

  it('prepares 1,000 enrolled learners in seconds', async () => {
    const started = Date.now();
    const big = await prepareWorkload(stack, 1000);
    const ms = Date.now() - started;
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM enrollment e JOIN app_user u ON u.id = e.user_id WHERE e.course_id = $1 AND e.status = 'active' AND u.email IS NOT NULL`, [big.courseId]);
    expect(rows[0].n).toBe(1000);
    expect(ms).toBeLessThan(10_000);
  });
});
