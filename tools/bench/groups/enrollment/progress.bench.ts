import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { freePort, stopProcess } from '@baanrian/dev-services';
import { interleaved, type BenchContext } from '../../bench.group';
import { type LoadFigures, type LoadJob, runLoad } from '../../bench.load';
import { spawnNode, startReadyChild, tsxArgs } from '../../bench.stack';
import { type BenchResult, summarise } from '../../bench.stats';
import { BENCH_PASSWORD } from '../../data/data.generator';
import { learnerEmail } from '../../data/learners.generator';
import pg from 'pg';

/** A few requests in flight: a class watching videos, each player reporting every few seconds. */
const CONNECTIONS = 4;
const LESSONS = 200;

/**
 * A published course of LESSONS video lessons, made in SQL as publishing makes it, and one bench
 * learner enrolled in it: every progress update is a video heartbeat (50 %, a position), which
 * takes the whole route (auth, validation, lookup, lock check, upsert) but not completion.
 */
async function progressFixture(databaseUrl: string): Promise<{ enrollmentId: string; lessonIds: string[]; userId: string; email: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const email = learnerEmail(1);
    const { rows: [user] } = await client.query(`SELECT id FROM app_user WHERE email = $1`, [email]);
    if (!user) throw new Error(`enrollment: bench learner ${email} is missing`);
    await client.query('BEGIN');
    const slug = `bench-progress-${randomUUID().slice(0, 8)}`;
    const title = { th: 'วิดีโอสำหรับวัดความเร็ว', en: 'Progress benchmark' };
    const { rows: [course] } = await client.query(
      `INSERT INTO course (slug, title, summary, language, target_groups, format, status, published_version, published_at, sequential)
       VALUES ($1, $2, '{"th": "bench"}', 'th', '{general_public}', 'self_paced', 'published', 1, now(), true) RETURNING id`,
      [slug, title],
    );
    const { rows: [module] } = await client.query(`INSERT INTO course_module (course_id, title, position) VALUES ($1, 'M', 1) RETURNING id`, [course.id]);
    const lessons = [];
    for (let i = 0; i < LESSONS; i++) {
      const content = { source: 'url', url: `https://video.example.org/${i}.mp4`, captions: [], transcript: null };
      const { rows: [lesson] } = await client.query(
        `INSERT INTO lesson (course_id, module_id, type, title, position, required, content) VALUES ($1, $2, 'video', $3, $4, false, $5) RETURNING id`,
        [course.id, module.id, `วิดีโอ ${i + 1}`, i + 1, content],
      );
      lessons.push({ id: lesson.id, type: 'video', title: `วิดีโอ ${i + 1}`, required: false, position: i + 1, durationMinutes: 10, content });
    }
    // Sequential with optional lessons: the lock check runs (and reads progress) but never blocks.
    const snapshot = { courseId: course.id, version: 1, slug, title, sequential: true, completionAttendancePercent: null, modules: [{ id: module.id, title: 'M', position: 1, lessons }] };
    await client.query(`INSERT INTO course_version (course_id, version, snapshot, published_at) VALUES ($1, 1, $2, now())`, [course.id, snapshot]);
    const { rows: [enrollment] } = await client.query(`INSERT INTO enrollment (course_id, user_id, status, activated_at) VALUES ($1, $2, 'active', now()) RETURNING id`, [course.id, user.id]);
    await client.query('COMMIT');
    return { enrollmentId: enrollment.id, lessonIds: lessons.map((l) => l.id), userId: user.id, email };
  } finally {
    await client.end();
  }
}

/** Issue 7: progress update p95 < 20 ms, next to a bare node:http + pg handler doing the same upsert. */
export async function progressBenchmarks({ stack: getStack, rounds, seconds, log }: BenchContext): Promise<BenchResult[]> {
  const stack = await getStack();
  const fixture = await progressFixture(stack.databaseUrl);
  const signIn = await fetch(`${stack.baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.77.0.1' },
    body: JSON.stringify({ login: fixture.email, password: BENCH_PASSWORD }),
  });
  if (!signIn.ok) throw new Error(`enrollment: sign-in of the bench learner answered ${signIn.status}`);
  const token = ((await signIn.json()) as { accessToken: string }).accessToken;
  const body = JSON.stringify({ percent: 50, positionSeconds: 120 });
  const check = await fetch(`${stack.baseUrl}/api/v1/learning/lessons/${fixture.lessonIds[0]}/progress`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  if (!check.ok) throw new Error(`enrollment: PUT progress answered ${check.status}: ${await check.text()}`);

  const port = await freePort();
  const baseline = await startReadyChild(
    spawnNode('server', tsxArgs(path.join(__dirname, 'progress-baseline.child.ts')), { PORT: String(port), DATABASE_URL: stack.databaseUrl, ENROLLMENT_ID: fixture.enrollmentId }),
    'progress baseline server',
  );
  const job = (name: string, url: string, paths: string[], headers: Record<string, string>): LoadJob => ({
    name, url, path: paths[0], morePaths: paths.slice(1), method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body, connections: CONNECTIONS, seconds,
  });
  const one = (j: LoadJob) => async () => (await runLoad([j]))[0];
  try {
    const runs = await interleaved(
      rounds,
      {
        api: one(job('api progress', stack.baseUrl, fixture.lessonIds.map((id) => `/api/v1/learning/lessons/${id}/progress`), { authorization: `Bearer ${token}` })),
        bare: one(job('bare progress', `http://127.0.0.1:${port}`, fixture.lessonIds.map((id) => `/progress/${id}`), {})),
      } satisfies Record<string, () => Promise<LoadFigures>>,
      (line) => log(`enrollment: progress ${line}`),
    );
    const failures = [...runs.api, ...runs.bare].reduce((n, f) => n + f.non2xx + f.errors, 0);
    return [
      summarise({
        group: 'enrollment', name: `progress update p95 (${CONNECTIONS} connections)`, unit: 'ms', baselineLabel: 'bare node:http + pg upsert',
        target: { kind: 'abs-max', value: 20 }, rounds: { ours: runs.api.map((f) => f.p95), baseline: runs.bare.map((f) => f.p95) },
        note: `PUT /learning/lessons/{id}/progress, video heartbeat over ${LESSONS} lessons of a sequential course; failed responses: ${failures}`,
      }),
      summarise({
        group: 'enrollment', name: `progress update throughput (${CONNECTIONS} connections)`, unit: 'req/s', baselineLabel: 'bare node:http + pg upsert',
        target: { kind: 'record' }, rounds: { ours: runs.api.map((f) => f.rps), baseline: runs.bare.map((f) => f.rps) },
      }),
    ];
  } finally {
    await stopProcess(baseline);
  }
}
