import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, stopProcess } from '@baanrian/dev-services';
import pg from 'pg';
import { type BenchContext, interleaved } from '../../bench.group';
import { type LoadFigures, type LoadJob, runLoad } from '../../bench.load';
import { type ApiStack, spawnNode, startReadyChild, tsxArgs } from '../../bench.stack';
import { type BenchResult, median, summarise } from '../../bench.stats';
import { BENCH_EMAIL_DOMAIN, BENCH_PASSWORD } from '../../data/data.generator';

/** Distinct learners enrolling at once (each request the next learner, then the next course). */
const LEARNERS = 64;
/** Courses per variant at most (API spread, bare handler, API burst); pairs are never reused across runs. */
const COURSES = 700;
/** Requests one run may make before the next run starts on fresh (learner, course) pairs. */
const RUN_STEP = 8_000;
const CONNECTIONS = 16;
const BULK_ROWS = 10_000;

interface Fixture {
  client: pg.Client;
  tokens: string[];
  userIds: string[];
  apiCourses: string[];
  bareCourses: string[];
  burstCourses: string[];
  instructorToken: string;
  bulkCourses: string[];
  bulkEmails: string[];
  bulkUserIds: string[];
}

/**
 * Issue 7: enrol throughput ≥ 0.5× a bare node:http handler doing `INSERT … ON CONFLICT DO
 * NOTHING` on the same core, p99 ≤ 2× its p99; bulk confirm of 10,000 rows ≥ 0.5× the rows/s of
 * `psql \copy` of the same rows. Every request enrols a new (learner, course) pair in both
 * variants, so both write; the API also checks the token, the window, the seat row and the outbox.
 */
export async function enrolBenchmarks({ stack: getStack, rounds, seconds, log }: BenchContext): Promise<BenchResult[]> {
  const stack = await getStack();
  const fx = await prepare(stack, log);
  const port = await freePort();
  const bare = await startReadyChild(
    spawnNode('server', tsxArgs(path.join(__dirname, 'enrol-baseline.child.ts')), { PORT: String(port), DATABASE_URL: stack.databaseUrl }),
    'enrol baseline server',
  );
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'baanrian-bench-enrol-'));
  try {
    let apiRun = 0;
    let bareRun = 0;
    let burstRun = 0;
    const job = (name: string, url: string, tokens: string[], paths: string[], offset: number, order: 'spread' | 'burst' = 'spread'): LoadJob => ({
      name, url, path: paths[0], method: 'POST', body: '{}', connections: CONNECTIONS, seconds, rotate: { tokens, paths, offset, order },
    });
    const measured = async (j: LoadJob) => {
      const [figures] = await runLoad([j]);
      log(`enrollment: ${j.name}: ${figures.rps.toFixed(0)} req/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, non-2xx ${figures.non2xx}`);
      return figures;
    };
    const enrolVariants: Record<string, () => Promise<LoadFigures>> = {
      api: () => measured(job('api enrol', stack.baseUrl, fx.tokens, fx.apiCourses.map((id) => `/api/v1/courses/${id}/enrollment`), apiRun++ * RUN_STEP)),
      bare: () => measured(job('bare enrol', `http://127.0.0.1:${port}`, fx.userIds, fx.bareCourses.map((id) => `/enrol/${id}`), bareRun++ * RUN_STEP)),
      // One course in demand: consecutive requests are different learners on the same course,
      // so they queue on its seat row (courses of its own, so every pair is new).
      // The floor every signed-in request pays (token check, account query, framework): context for the ratio.
      me: () => measured({ ...job('api GET /me', stack.baseUrl, fx.tokens, ['/api/v1/me'], 0), method: 'GET' }),
      burst: () => measured(job('api enrol, one course at a time', stack.baseUrl, fx.tokens, fx.burstCourses.map((id) => `/api/v1/courses/${id}/enrollment`), burstRun++ * RUN_STEP, 'burst')),
    };
    const enrolRuns = await interleaved(rounds, enrolVariants, (line) => log(`enrollment: enrol ${line}`));
    const tooMany = [...enrolRuns.api, ...enrolRuns.bare, ...enrolRuns.burst].some((f) => f.requests + f.non2xx > Math.min(RUN_STEP, LEARNERS * fx.apiCourses.length / (rounds + 1)));
    const failures = [...enrolRuns.api, ...enrolRuns.bare].reduce((n, f) => n + f.non2xx + f.errors, 0);

    let bulkRun = 0;
    const previewSeconds: number[] = [];
    const bulkVariants = {
      api: async () => {
        const courseId = fx.bulkCourses[bulkRun * 2];
        bulkRun++;
        const csv = `email\n${fx.bulkEmails.join('\n')}\n`;
        const t0 = performance.now();
        const preview = await fetch(`${stack.baseUrl}/api/v1/studio/courses/${courseId}/enrollment-imports`, {
          method: 'POST', headers: { authorization: `Bearer ${fx.instructorToken}`, 'content-type': 'text/csv', 'x-filename': 'bench.csv' }, body: csv,
        });
        const previewBody = (await preview.json()) as { id: string; accepted: number };
        previewSeconds.push((performance.now() - t0) / 1000);
        if (preview.status !== 201 || previewBody.accepted !== BULK_ROWS) throw new Error(`enrollment: bulk preview answered ${preview.status}, accepted ${previewBody.accepted}`);
        const t1 = performance.now();
        const confirmed = await fetch(`${stack.baseUrl}/api/v1/studio/enrollment-imports/${previewBody.id}/confirm`, { method: 'POST', headers: { authorization: `Bearer ${fx.instructorToken}` } });
        const result = (await confirmed.json()) as { enrolled: number; waitlisted: number };
        const elapsed = (performance.now() - t1) / 1000;
        if (confirmed.status !== 200 || result.enrolled + result.waitlisted !== BULK_ROWS) throw new Error(`enrollment: bulk confirm answered ${confirmed.status} ${JSON.stringify(result)}`);
        return BULK_ROWS / elapsed;
      },
      copy: async () => {
        const courseId = fx.bulkCourses[bulkRun * 2 + 1];
        const file = path.join(tmp, `copy-${bulkRun}.csv`);
        writeFileSync(file, fx.bulkUserIds.map((id) => `${courseId},${id},active,online,bulk`).join('\n') + '\n');
        const t0 = performance.now();
        const res = spawnSync('psql', [stack.databaseUrl, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy enrollment (course_id, user_id, status, channel, source) FROM '${file}' WITH (FORMAT csv)`], { encoding: 'utf8' });
        const elapsed = (performance.now() - t0) / 1000;
        if (res.status !== 0) throw new Error(`enrollment: psql \\copy failed: ${res.stderr}`);
        return BULK_ROWS / elapsed;
      },
    };
    const bulkRuns = await interleaved(rounds, bulkVariants, (line) => log(`enrollment: bulk ${line}`));

    const rps = (runs: LoadFigures[]) => runs.map((f) => f.rps);
    const p99 = (runs: LoadFigures[]) => runs.map((f) => f.p99);
    const note = `${LEARNERS} learners × ${fx.apiCourses.length} courses per variant, each request a new pair, consecutive requests on different courses; ${CONNECTIONS} connections; failed responses: ${failures}${tooMany ? '; WARNING: a run exceeded its pair budget (some requests were repeats)' : ''}`;
    return [
      summarise({
        group: 'enrollment', name: `enrol throughput (${CONNECTIONS} connections)`, unit: 'req/s', baselineLabel: 'bare node:http + INSERT … ON CONFLICT DO NOTHING',
        target: { kind: 'ratio-min', value: 0.5 }, rounds: { ours: rps(enrolRuns.api), baseline: rps(enrolRuns.bare) }, note,
      }),
      summarise({
        group: 'enrollment', name: `enrol p99 (${CONNECTIONS} connections)`, unit: 'ms', baselineLabel: 'bare node:http + INSERT … ON CONFLICT DO NOTHING',
        target: { kind: 'ratio-max', value: 2 }, rounds: { ours: p99(enrolRuns.api), baseline: p99(enrolRuns.bare) },
      }),
      summarise({
        group: 'enrollment', name: `signed-in GET /api/v1/me (${CONNECTIONS} connections)`, unit: 'req/s', baselineLabel: 'bare node:http + INSERT … ON CONFLICT DO NOTHING',
        target: { kind: 'record' }, rounds: { ours: rps(enrolRuns.me), baseline: rps(enrolRuns.bare) },
        note: 'what any signed-in request costs here (token check, account and roles query, framework), for comparison with the enrol figures',
      }),
      summarise({
        group: 'enrollment', name: `enrol throughput, one course at a time (${CONNECTIONS} connections)`, unit: 'req/s', baselineLabel: 'bare node:http + INSERT … ON CONFLICT DO NOTHING',
        target: { kind: 'record' }, rounds: { ours: rps(enrolRuns.burst), baseline: rps(enrolRuns.bare) },
        note: `consecutive requests: ${LEARNERS} different learners on the same course, serialised on its seat row; p99 (median) ${median(p99(enrolRuns.burst)).toFixed(0)} ms`,
      }),
      summarise({
        group: 'enrollment', name: `bulk confirm, ${BULK_ROWS.toLocaleString('en')} rows`, unit: 'rows/s', baselineLabel: 'psql \\copy, same rows',
        target: { kind: 'ratio-min', value: 0.5 }, rounds: { ours: bulkRuns.api, baseline: bulkRuns.copy },
        note: `confirm = one HTTP request (set-based INSERT … SELECT with seats and outbox events); \\copy timed as a psql process (connection included), no seats, no events; preview of the file (parse + account lookup): median ${median(previewSeconds).toFixed(2)} s`,
      }),
    ];
  } finally {
    await stopProcess(bare);
    rmSync(tmp, { recursive: true, force: true });
    await fx.client.end();
  }
}

/**
 * Bench-only accounts and courses: fresh learners (never enrolled) signed in through the API,
 * published self-paced/online courses with their enrolment window opened, and 10,000 accounts
 * for the bulk file. Written straight to the bench database, as the data generator does.
 */
async function prepare(stack: ApiStack, log: (line: string) => void): Promise<Fixture> {
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  const tag = Date.now().toString(36);
  const [{ password_hash: hash }] = (
    await client.query<{ password_hash: string }>(`SELECT password_hash FROM app_user WHERE email LIKE $1 AND password_hash IS NOT NULL LIMIT 1`, [`learner-%@${BENCH_EMAIL_DOMAIN}`])
  ).rows;
  const learners = await client.query<{ id: string; email: string }>(
    `INSERT INTO app_user (email, account_code, display_name, target_group, password_hash)
     SELECT 'enrol-' || $1 || '-' || g || '@' || $3, 'BR-E' || $1 || g, 'ผู้เรียนทดสอบ ' || g, 'general_public', $2 FROM generate_series(1, ${LEARNERS}) g
     RETURNING id, email`,
    [tag, hash, BENCH_EMAIL_DOMAIN],
  );
  await client.query(`INSERT INTO user_role (user_id, role) SELECT unnest($1::uuid[]), 'learner' ON CONFLICT DO NOTHING`, [learners.rows.map((r) => r.id)]);
  const signIn = async (login: string, n: number): Promise<string> => {
    const res = await fetch(`${stack.baseUrl}/api/v1/auth/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.77.${(n >> 8) & 255}.${n & 255}` }, body: JSON.stringify({ login, password: BENCH_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`enrollment: sign-in of ${login} answered ${res.status}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  };
  const tokens: string[] = [];
  for (let i = 0; i < learners.rows.length; i += 8) tokens.push(...(await Promise.all(learners.rows.slice(i, i + 8).map((r, k) => signIn(r.email, i + k)))));

  const instructorEmail = `instructor-0@${BENCH_EMAIL_DOMAIN}`;
  const instructorToken = await signIn(instructorEmail, 9999);
  const runs = 20;
  const bulk = await client.query<{ id: string }>(
    `SELECT c.id FROM course c JOIN app_user u ON u.id = c.owner_id WHERE u.email = $1 AND c.status = 'published' ORDER BY c.id LIMIT ${runs}`,
    [instructorEmail],
  );
  const others = await client.query<{ id: string }>(
    `SELECT c.id FROM course c WHERE c.status = 'published' AND c.format IN ('self_paced', 'online_class') AND NOT (c.id = ANY($1::uuid[])) ORDER BY c.id LIMIT ${3 * COURSES}`,
    [bulk.rows.map((r) => r.id)],
  );
  const ids = others.rows.map((r) => r.id);
  const perSide = Math.floor(ids.length / 3);
  // Bench courses close their enrolment at various dates: open these so every request is a real enrolment.
  await client.query(
    `UPDATE course_version v SET snapshot = v.snapshot || '{"enrollmentOpensAt": null, "enrollmentClosesAt": null}'::jsonb
     FROM course c WHERE c.id = v.course_id AND v.version = c.published_version AND c.id = ANY($1::uuid[])`,
    [ids],
  );
  const bulkUsers = await client.query<{ id: string; email: string }>(
    `INSERT INTO app_user (email, account_code, display_name, target_group)
     SELECT 'bulk-' || $1 || '-' || g || '@' || $2, 'BR-B' || $1 || g, 'ผู้เรียนไฟล์ ' || g, 'general_public' FROM generate_series(1, ${BULK_ROWS}) g
     RETURNING id, email`,
    [tag, BENCH_EMAIL_DOMAIN],
  );
  log(`enrollment: ${tokens.length} learners signed in, ${perSide} courses per side, ${bulk.rows.length} bulk courses, ${bulkUsers.rows.length} bulk accounts`);
  if (perSide < 100 || bulk.rows.length < 4) throw new Error('enrollment: not enough bench courses');
  return {
    client,
    tokens,
    userIds: learners.rows.map((r) => r.id),
    apiCourses: ids.slice(0, perSide),
    bareCourses: ids.slice(perSide, 2 * perSide),
    burstCourses: ids.slice(2 * perSide, 3 * perSide),
    instructorToken,
    bulkCourses: bulk.rows.map((r) => r.id),
    bulkEmails: bulkUsers.rows.map((r) => r.email),
    bulkUserIds: bulkUsers.rows.map((r) => r.id),
  };
}
