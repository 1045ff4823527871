import { spawn } from 'node:child_process';
import { get as httpGet, type IncomingMessage } from 'node:http';
import * as reportsLib from '@baanrian/reports';
import { type BenchContext, interleaved } from '../bench.group';
import { type ApiStack, PINNING } from '../bench.stack';
import { type BenchResult, median, summarise } from '../bench.stats';
import { cpuMeter, type ReportsFixture, residentMb, sampleRss } from './reports.fixture';

/** Status polls while a job runs: often, so the figure is the export's time and not the poll's rounding. */
const POLL_MS = 50;
const EXPORT_TIMEOUT_MS = 30 * 60_000;

interface ExportRun {
  rows: number;
  bytes: number;
  seconds: number;
  /** Where the seconds went: the POST, waiting for the job (queue, worker, polling; when followed: for the answer's head), the download. */
  phases: { post: number; job: number; download: number };
  /** `direct`: answered in the POST (≤ 20,000 rows); `job`: run by the worker, then downloaded; `followed`: downloaded while the worker wrote it (`?follow=true`). */
  mode: 'direct' | 'job' | 'followed';
  rss: { api: number; worker: number };
  /** The API's resident memory as the export began, and its peak while the worker ran the job: what the download itself added shows against these. */
  apiRss: { atStart: number; untilReady: number };
  /** CPU seconds used during the run by the API, the worker, PostgreSQL and the reading client. */
  cpu: Record<'api' | 'worker' | 'postgres' | 'client', number>;
}

const cpuOf = (cpu: Record<string, number>) => `CPU s: ${Object.entries(cpu).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`;

/**
 * Line breaks in a chunk, found with Buffer.indexOf (native code) rather than a JavaScript loop over
 * each of the 700 million bytes, so the reading client costs as little as it can and does not set
 * the pace of the download. Both sides of the comparison count the same way.
 */
function newlines(chunk: Uint8Array): number {
  const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  let lines = 0;
  for (let i = buffer.indexOf(10); i >= 0; i = buffer.indexOf(10, i + 1)) lines++;
  return lines;
}

/** Bytes and line breaks of a response body, read to the end. */
async function drain(body: AsyncIterable<Uint8Array> | null): Promise<{ bytes: number; lines: number }> {
  let bytes = 0;
  let lines = 0;
  if (!body) return { bytes, lines };
  for await (const chunk of body) {
    bytes += chunk.length;
    lines += newlines(chunk);
  }
  return { bytes, lines };
}

/**
 * A download read with node:http, as a browser or curl reads it: fetch's web streams cost the
 * client about a second per 700 MB more than the API took to send them (measured with curl on this
 * machine: 0.5 s), which would have timed the client instead of the export.
 */
function download(url: string, headers: Record<string, string>): Promise<{ status: number; body: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { headers }, (res) => resolve({ status: res.statusCode ?? 0, body: res }));
    req.once('error', reject);
  });
}

/**
 * One export as an administrator makes it: POST /reports/exports, then (for a large one) the
 * worker's job polled until ready and the file downloaded. Timed from the POST to the last byte;
 * the API's and the worker's resident memory sampled throughout. Null when the endpoint is missing.
 */
async function apiExport(stack: ApiStack, fx: ReportsFixture, request: Record<string, unknown>, follow = false): Promise<ExportRun | null> {
  const headers = { authorization: `Bearer ${await fx.token()}`, 'content-type': 'application/json', 'accept-language': 'th' };
  const rss = sampleRss(stack.pids);
  const apiUntilReady = sampleRss({ api: stack.pids.api });
  const apiAtStart = residentMb(stack.pids.api) ?? 0;
  const cpu = cpuMeter(stack.pids);
  const t0 = performance.now();
  try {
    const created = await fetch(`${stack.baseUrl}/api/v1/reports/exports`, { method: 'POST', headers, body: JSON.stringify(request) });
    if (created.status === 404) return null;
    const posted = performance.now();
    let body = created.body as unknown as AsyncIterable<Uint8Array> | null;
    let readyAt = posted;
    let exportId: string | null = null;
    if (created.status === 202 && follow) {
      // A client that wants the file at once: it follows the file while the worker writes it.
      exportId = ((await created.json()) as { id: string }).id;
      const file = await download(`${stack.baseUrl}/api/v1/reports/exports/${exportId}/file?follow=true`, { authorization: headers.authorization, 'accept-language': 'th' });
      if (file.status !== 200) throw new Error(`reports: the followed download of export ${exportId} answered ${file.status}`);
      readyAt = performance.now(); // here: the answer's head, the first bytes follow
      body = file.body;
    } else if (created.status === 202) {
      const { id } = (await created.json()) as { id: string };
      exportId = id;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const { status } = (await (await fetch(`${stack.baseUrl}/api/v1/reports/exports/${id}`, { headers })).json()) as { status: string };
        if (status === 'ready') break;
        if (status === 'failed' || status === 'expired') throw new Error(`reports: export ${id} ended ${status}`);
        if (performance.now() - t0 > EXPORT_TIMEOUT_MS) throw new Error(`reports: export ${id} not ready after ${EXPORT_TIMEOUT_MS / 60_000} min`);
      }
      readyAt = performance.now();
      apiUntilReady.stop();
      const file = await download(`${stack.baseUrl}/api/v1/reports/exports/${id}/file`, { authorization: headers.authorization, 'accept-language': 'th' });
      if (file.status !== 200) throw new Error(`reports: the download of export ${id} answered ${file.status}`);
      body = file.body;
    } else if (created.status !== 200) {
      throw new Error(`reports: export answered ${created.status}: ${(await created.text()).slice(0, 300)}`);
    }
    const { bytes, lines } = await drain(body);
    const end = performance.now();
    if (exportId && follow) {
      // A followed answer ends only once the row is ready; the stored copy must be the same file.
      const row = (await (await fetch(`${stack.baseUrl}/api/v1/reports/exports/${exportId}`, { headers })).json()) as { status: string; byteSize: number };
      if (row.status !== 'ready' || row.byteSize !== bytes) throw new Error(`reports: export ${exportId} is ${row.status} with ${row.byteSize} bytes after a followed download of ${bytes}`);
    }
    const phases = { post: (posted - t0) / 1000, job: (readyAt - posted) / 1000, download: (end - readyAt) / 1000 };
    const apiRss = { atStart: apiAtStart, untilReady: apiUntilReady.stop().api };
    return { rows: lines, bytes, seconds: (end - t0) / 1000, phases, mode: created.status !== 202 ? 'direct' : follow ? 'followed' : 'job', rss: rss.stop(), apiRss, cpu: cpu.stop() };
  } finally {
    rss.stop();
    apiUntilReady.stop();
    cpu.stop();
  }
}

const phasesOf = (run: ExportRun) => `POST ${run.phases.post.toFixed(2)} s, ${run.mode === 'followed' ? 'head' : 'job'} ${run.phases.job.toFixed(2)} s, download ${run.phases.download.toFixed(2)} s`;

/** What the CSV export selects, when @baanrian/reports does not export its own SQL yet: the same rows and columns, as text. */
function fallbackRowsSql(from: string, to: string): string {
  const bkk = (column: string) => `to_char(${column} AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM-DD HH24:MI')`;
  return `SELECT c.title->>'th', CASE WHEN u.erased_at IS NOT NULL THEN 'ไม่ระบุตัวตน' ELSE u.display_name END, u.target_group,
                 coalesce(u.province, ''), coalesce(u.district, ''), e.channel, e.status, ${bkk('e.activated_at')}, ${bkk('e.started_at')}, ${bkk('e.completed_at')}
            FROM enrollment e JOIN course c ON c.id = e.course_id JOIN app_user u ON u.id = e.user_id
           WHERE e.activated_at >= ('${from}'::date::timestamp AT TIME ZONE 'Asia/Bangkok') AND e.activated_at < (('${to}'::date + 1)::timestamp AT TIME ZONE 'Asia/Bangkok')
           ORDER BY e.activated_at, e.id`;
}

type RowsSql = (query: { from: string; to: string; filters: Record<string, never> }, locale: 'th') => string;
/** The export's own SQL (libs/reports/src/export, issue 10) once merged; until then the equivalent above. */
const exportSql = (reportsLib as unknown as { enrollmentRowsSql?: RowsSql }).enrollmentRowsSql;

/** `psql -c "\copy (same query) to stdout csv"`, timed as a process (connection included), on the API's core. */
function psqlCopy(databaseUrl: string, sql: string, pids: ApiStack['pids']): Promise<{ bytes: number; lines: number; seconds: number; cpu: Record<string, number> }> {
  const args = [databaseUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy (${sql.replace(/\s*\n\s*/g, ' ')}) to stdout with (format csv, header)`];
  // The API and the worker are idle meanwhile: what they use shows their background cost.
  const meter = cpuMeter(pids);
  const t0 = performance.now();
  const child = PINNING ? spawn('taskset', ['-c', PINNING.server, 'psql', ...args]) : spawn('psql', args);
  let bytes = 0;
  let lines = 0;
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    lines += newlines(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve({ bytes, lines, seconds: (performance.now() - t0) / 1000, cpu: meter.stop() }) : reject(new Error(`reports: psql \\copy failed (${code}): ${err.slice(-500)}`))));
  });
}

/**
 * Issue 10: CSV export of every enrolment row ≥ 0.8× the rows/s of psql \copy of the same query,
 * the API (and the worker, which writes large exports) under 300 MB resident; XLSX of about a
 * million rows under 400 MB. Rows are checked against the count (a header line, one line per row).
 */
export async function exportBenchmarks({ rounds, log }: BenchContext, stack: ApiStack, fx: ReportsFixture): Promise<BenchResult[]> {
  const all = fx.all;
  const sql = exportSql ? exportSql({ from: all.from, to: all.to, filters: {} }, 'th') : fallbackRowsSql(all.from, all.to);
  const csvRuns: ExportRun[] = [];
  let missing = false;
  const variants = {
    api: async () => {
      const run = await apiExport(stack, fx, { format: 'csv', kind: 'enrollments', period: all.period }, true);
      if (!run) {
        missing = true;
        return 0;
      }
      // The header line, then one line per enrolment (no field holds a line break).
      if (Math.abs(run.rows - 1 - all.rows) > 1) throw new Error(`reports: the CSV export held ${run.rows - 1} rows, expected ${all.rows}`);
      csvRuns.push(run);
      log(`reports: CSV ${run.mode}, ${all.rows} rows, ${(run.bytes / 1e6).toFixed(1)} MB in ${run.seconds.toFixed(1)} s (${phasesOf(run)}); peak RSS api ${run.rss.api.toFixed(0)} MB (${run.apiRss.atStart.toFixed(0)} at the start, ${run.apiRss.untilReady.toFixed(0)} until ready), worker ${run.rss.worker.toFixed(0)} MB; ${cpuOf(run.cpu)}`);
      return all.rows / run.seconds;
    },
    // The same export written first and downloaded after (the only way before ?follow): logged, for comparison.
    written: async () => {
      const run = await apiExport(stack, fx, { format: 'csv', kind: 'enrollments', period: all.period });
      if (!run) return 0;
      log(`reports: CSV ${run.mode}, ${(run.bytes / 1e6).toFixed(1)} MB in ${run.seconds.toFixed(1)} s (${phasesOf(run)}); ${cpuOf(run.cpu)}`);
      return all.rows / run.seconds;
    },
    psql: async () => {
      const run = await psqlCopy(stack.databaseUrl, sql, stack.pids);
      if (Math.abs(run.lines - 1 - all.rows) > 1) throw new Error(`reports: psql \\copy wrote ${run.lines - 1} rows, expected ${all.rows}`);
      log(`reports: psql \\copy ${(run.bytes / 1e6).toFixed(1)} MB in ${run.seconds.toFixed(1)} s; ${cpuOf(run.cpu)} (psql's own not counted)`);
      return all.rows / run.seconds;
    },
  };
  const csv = await interleaved(rounds, variants, (line) => log(`reports: CSV ${line}`));
  const peak = (runs: ExportRun[]) => runs.map((r) => Math.max(r.rss.api, r.rss.worker));
  const rssNote = (runs: ExportRun[]) =>
    runs.length ? `peak RSS api ${median(runs.map((r) => r.rss.api)).toFixed(0)} MB, worker ${median(runs.map((r) => r.rss.worker)).toFixed(0)} MB (medians); ${{ job: 'written by the worker, then downloaded', followed: 'downloaded while the worker wrote it (?follow=true)', direct: 'answered directly by the API' }[runs[0].mode]}` : '';

  const xlsxRuns: ExportRun[] = [];
  if (!missing) {
    for (let round = 0; round <= rounds; round++) {
      const run = await apiExport(stack, fx, { format: 'xlsx', kind: 'enrollments', period: fx.million.period });
      if (!run) break;
      log(`reports: XLSX ${run.mode}, ${fx.million.rows} rows, ${(run.bytes / 1e6).toFixed(1)} MB in ${run.seconds.toFixed(1)} s; peak RSS api ${run.rss.api.toFixed(0)} MB, worker ${run.rss.worker.toFixed(0)} MB`);
      if (round > 0) xlsxRuns.push(run); // round 0 is the warm-up
    }
  }
  const sqlSource = exportSql ? "the export's own SQL (enrollmentRowsSql)" : 'an equivalent SELECT (enrollmentRowsSql not in @baanrian/reports yet)';
  const skippedNote = 'POST /api/v1/reports/exports answered 404: not merged yet';
  return [
    summarise({
      group: 'reports', name: `CSV export, all ${all.rows.toLocaleString('en')} enrolment rows`, unit: 'rows/s', baselineLabel: 'psql \\copy, same query',
      target: { kind: 'ratio-min', value: 0.8 }, rounds: { ours: missing ? [] : csv.api, baseline: csv.psql }, skipped: missing,
      note: missing ? skippedNote : `${all.period}; baseline runs ${sqlSource}; ${rssNote(csvRuns)}; written first, then downloaded: ${(median(csv.written) / median(csv.psql)).toFixed(2)}× psql (median)`,
    }),
    summarise({
      group: 'reports', name: 'CSV export, peak resident memory (API and worker)', unit: 'MB', baselineLabel: '–',
      target: { kind: 'abs-max', value: 300 }, rounds: { ours: peak(csvRuns), baseline: [] }, skipped: missing, note: missing ? skippedNote : rssNote(csvRuns),
    }),
    summarise({
      group: 'reports', name: `XLSX export, ${fx.million.rows.toLocaleString('en')} rows, peak resident memory`, unit: 'MB', baselineLabel: '–',
      target: { kind: 'abs-max', value: 400 }, rounds: { ours: peak(xlsxRuns), baseline: [] }, skipped: missing,
      note: missing ? skippedNote : `${fx.million.period}; ${xlsxRuns.length ? `median ${median(xlsxRuns.map((r) => r.seconds)).toFixed(1)} s per file; ` : ''}${rssNote(xlsxRuns)}`,
    }),
  ];
}
