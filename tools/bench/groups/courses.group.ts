import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, stopProcess } from '@baanrian/dev-services';
import { type BenchGroup, interleaved } from '../bench.group';
import { type LoadFigures, type LoadJob, runLoad } from '../bench.load';
import { spawnNode, startReadyChild, tsxArgs } from '../bench.stack';
import { summarise } from '../bench.stats';

/**
 * The catalog list the benchmarks ask for. Until the catalog branch merges this is the start
 * page's `GET /courses` (the lead switches it to `/api/v1/catalog?limit=20`, and the bare-SQL
 * baseline in baseline.child.ts to the catalog_entry query, after merging).
 */
export const CATALOG_LIST_PATH = '/api/v1/courses?limit=20';
/** Thai free-text search (the catalog contract's `q`); skipped while the endpoint answers 404. */
export const SEARCH_TERMS = ['คอมพิวเตอร์', 'ผู้สูงอายุ', 'เกษตรอินทรีย์', 'ภาษาอังกฤษ', 'มิจฉาชีพ'];
const searchPath = (q: string) => `/api/v1/catalog?limit=20&q=${encodeURIComponent(q)}`;

/** A few requests in flight: latency as a learner sees it on a busy, not saturated, server. */
const LATENCY_CONNECTIONS = 4;
/** Enough requests in flight to saturate the one core both servers get: throughput. */
const THROUGHPUT_CONNECTIONS = 16;

/**
 * Issue 6, with 3,000 published courses: catalog list p95 < 50 ms; Thai search p95 < 30 ms;
 * catalog throughput ≥ 0.35× a static file of the same bytes from the same core. Also recorded:
 * throughput against a bare node:http + pg handler doing the same SQL.
 */
export const coursesGroup: BenchGroup = {
  name: 'courses',
  issue: 6,
  async run({ stack: getStack, rounds, seconds, log }) {
    const stack = await getStack();
    const captured = await fetch(stack.baseUrl + CATALOG_LIST_PATH);
    if (!captured.ok) throw new Error(`courses: ${CATALOG_LIST_PATH} answered ${captured.status}`);
    const bytes = Buffer.from(await captured.arrayBuffer());
    const staticFile = path.join(os.tmpdir(), `baanrian-bench-catalog-${process.pid}.json`);
    writeFileSync(staticFile, bytes);
    const searchReady = (await fetch(stack.baseUrl + searchPath(SEARCH_TERMS[0]))).ok;
    if (!searchReady) log('courses: the catalog search endpoint is not there yet (404): its row is skipped, the bare-SQL baseline is still measured');

    const port = await freePort();
    const baseline = await startReadyChild(
      spawnNode('server', tsxArgs(path.join(__dirname, '../baseline.child.ts')), { PORT: String(port), DATABASE_URL: stack.databaseUrl, STATIC_FILE: staticFile }),
      'baseline server',
    );
    const base = `http://127.0.0.1:${port}`;
    const job = (name: string, url: string, paths: string[], connections: number): LoadJob => ({ name, url, path: paths[0], morePaths: paths.slice(1), connections, seconds });
    const one = (j: LoadJob) => async () => (await runLoad([j]))[0];
    try {
      const variants: Record<string, () => Promise<LoadFigures>> = {
        listLatency: one(job('api list', stack.baseUrl, [CATALOG_LIST_PATH], LATENCY_CONNECTIONS)),
        sqlListLatency: one(job('bare list', base, ['/sql/list'], LATENCY_CONNECTIONS)),
        sqlSearchLatency: one(job('bare search', base, SEARCH_TERMS.map((q) => `/sql/search?q=${encodeURIComponent(q)}`), LATENCY_CONNECTIONS)),
        ...(searchReady ? { searchLatency: one(job('api search', stack.baseUrl, SEARCH_TERMS.map(searchPath), LATENCY_CONNECTIONS)) } : {}),
        listThroughput: one(job('api list', stack.baseUrl, [CATALOG_LIST_PATH], THROUGHPUT_CONNECTIONS)),
        staticThroughput: one(job('static', base, ['/static'], THROUGHPUT_CONNECTIONS)),
        sqlListThroughput: one(job('bare list', base, ['/sql/list'], THROUGHPUT_CONNECTIONS)),
      };
      const runs = await interleaved(rounds, variants, (line) => log(`courses: ${line}`));
      const all = Object.values(runs).flat();
      const failures = all.reduce((n, f) => n + f.non2xx + f.errors, 0);
      const p95 = (name: string) => (runs[name] ?? []).map((f) => f.p95);
      const rps = (name: string) => (runs[name] ?? []).map((f) => f.rps);
      return [
        summarise({
          group: 'courses', name: `catalog list p95 (${LATENCY_CONNECTIONS} connections)`, unit: 'ms', baselineLabel: 'bare node:http + pg',
          target: { kind: 'abs-max', value: 50 }, rounds: { ours: p95('listLatency'), baseline: p95('sqlListLatency') },
          note: `${CATALOG_LIST_PATH}, ${bytes.length} bytes; failed responses in the group: ${failures}`,
        }),
        summarise({
          group: 'courses', name: `Thai search p95 (${LATENCY_CONNECTIONS} connections)`, unit: 'ms', baselineLabel: 'bare node:http + pg',
          target: { kind: 'abs-max', value: 30 }, rounds: { ours: p95('searchLatency'), baseline: p95('sqlSearchLatency') }, skipped: !searchReady,
          note: searchReady ? `terms: ${SEARCH_TERMS.join(', ')}` : 'GET /api/v1/catalog?q= not merged yet: skipped',
        }),
        summarise({
          group: 'courses', name: `catalog throughput (${THROUGHPUT_CONNECTIONS} connections)`, unit: 'req/s', baselineLabel: 'static file, same bytes',
          target: { kind: 'ratio-min', value: 0.35 }, rounds: { ours: rps('listThroughput'), baseline: rps('staticThroughput') },
        }),
        summarise({
          group: 'courses', name: `catalog throughput vs bare SQL (${THROUGHPUT_CONNECTIONS} connections)`, unit: 'req/s', baselineLabel: 'bare node:http + pg',
          target: { kind: 'record' }, rounds: { ours: rps('listThroughput'), baseline: rps('sqlListThroughput') },
        }),
      ];
    } finally {
      await stopProcess(baseline);
      rmSync(staticFile, { force: true });
    }
  },
};
