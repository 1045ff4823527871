import path from 'node:path';
import { freePort, stopProcess } from '@baanrian/dev-services';
import { type BenchContext, interleaved } from '../bench.group';
import { type LoadFigures, type LoadJob, runLoad } from '../bench.load';
import { type ApiStack, spawnNode, startReadyChild, tsxArgs } from '../bench.stack';
import { type BenchResult, summarise } from '../bench.stats';
import type { ReportsFixture } from './reports.fixture';

/** A few administrators looking at once: latency as a person at the meeting sees it. */
const CONNECTIONS = 4;

export const summaryPath = (fiscalYear: number) => `/api/v1/reports?preset=fiscal_year_summary&period=fy:${fiscalYear}`;

/**
 * Issue 10: the fiscal-year summary p95 < 200 ms at province scale, next to a bare node:http + pg
 * handler running the plainest SQL for the same figures over the same rollups. The row is skipped
 * (the baseline still measured) while GET /api/v1/reports is not there yet.
 */
export async function summaryBenchmarks({ rounds, seconds, log }: BenchContext, stack: ApiStack, fx: ReportsFixture): Promise<BenchResult[]> {
  const path_ = summaryPath(fx.fiscalYear);
  const probe = await fetch(stack.baseUrl + path_, { headers: { authorization: `Bearer ${await fx.token()}`, 'accept-language': 'th' } });
  const ready = probe.status === 200;
  const body = ready ? ((await probe.json()) as { totals?: Record<string, { actual: number }> }) : null;
  if (!ready) log(`reports: GET ${path_} answered ${probe.status}: the summary row is skipped, the baseline is still measured`);

  const port = await freePort();
  const baseline = await startReadyChild(
    spawnNode('server', tsxArgs(path.join(__dirname, 'reports-baseline.child.ts')), { PORT: String(port), DATABASE_URL: stack.databaseUrl }),
    'reports baseline server',
  );
  const bare = `http://127.0.0.1:${port}/summary?fy=${fx.fiscalYear}`;
  const check = (await (await fetch(bare)).json()) as { learners: { target_group: string | null; learners_online: number }[] };
  const bareOnline = check.learners.find((r) => r.target_group === null)?.learners_online;
  try {
    // A fresh token per run: autocannon sends the same header for its whole run.
    const api = async (): Promise<LoadFigures> => {
      const job: LoadJob = { name: 'api summary', url: stack.baseUrl, path: path_, headers: { authorization: `Bearer ${await fx.token()}`, 'accept-language': 'th' }, connections: CONNECTIONS, seconds };
      return (await runLoad([job]))[0];
    };
    const sql = async (): Promise<LoadFigures> =>
      (await runLoad([{ name: 'bare summary', url: `http://127.0.0.1:${port}`, path: `/summary?fy=${fx.fiscalYear}`, connections: CONNECTIONS, seconds }]))[0];
    const variants: Record<string, () => Promise<LoadFigures>> = ready ? { api, sql } : { sql };
    const runs: Record<string, LoadFigures[]> = await interleaved(rounds, variants, (line) => log(`reports: summary ${line}`));
    const failures = Object.values(runs).flat().reduce((n, f) => n + f.non2xx + f.errors, 0);
    const apiOnline = body?.totals?.learners_online?.actual;
    return [
      summarise({
        group: 'reports', name: `fiscal-year summary p95 (fy:${fx.fiscalYear}, ${CONNECTIONS} connections)`, unit: 'ms', baselineLabel: 'bare node:http + pg, same rollups',
        target: { kind: 'abs-max', value: 200 }, rounds: { ours: (runs.api ?? []).map((f) => f.p95), baseline: runs.sql.map((f) => f.p95) },
        skipped: !ready,
        note: ready
          ? `learners online: API ${apiOnline ?? '?'}, bare SQL ${bareOnline ?? '?'}${apiOnline !== bareOnline ? ' (DIFFER)' : ''}; failed responses: ${failures}`
          : `GET ${path_} answered ${probe.status}: not merged yet`,
      }),
    ];
  } finally {
    await stopProcess(baseline);
  }
}
