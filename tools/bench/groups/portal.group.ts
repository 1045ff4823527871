import { rawEnv } from '@baanrian/config';
import http from 'node:http';
import path from 'node:path';
import { type DemoStack, freePort, startDemoStack } from '@baanrian/dev-services';
import { type LighthouseResult, runLighthouse } from '../../../apps/e2e/src/support/lighthouse';
import { formatPortalSize, measurePortal } from '../../scripts/portal-size';
import type { BenchGroup } from '../bench.group';
import { type BenchResult, summarise, type Target } from '../bench.stats';
import { ROOT } from '../bench.stack';

/**
 * Lighthouse (mobile preset, simulated slow 4G and 4× CPU) on the catalogue page served by the
 * real demo stack, and on a baseline page (one heading and a paragraph from a plain node server)
 * in the same run, interleaved. Bars: performance ≥ 95, accessibility = 100, best practices ≥ 95.
 * Rounds: RUNS (the group's historical setting) or BENCH_ROUNDS; default 5.
 */
const BARS = { performance: 95, accessibility: 100, bestPractices: 95 };

const BASELINE_HTML = `<!doctype html>
<html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>บ้านเรียน baseline</title><meta name="description" content="Baseline page"></head>
<body><main><h1>บ้านเรียน Baanrian</h1><p>หน้าพื้นฐานสำหรับเปรียบเทียบผลการวัด (baseline page for comparison).</p></main></body></html>`;

function serveBaseline(port: number): Promise<http.Server> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(BASELINE_HTML);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

export const portalGroup: BenchGroup = {
  name: 'portal',
  issue: 4,
  async run({ log }) {
    const rounds = Math.max(1, Number(rawEnv('RUNS') ?? rawEnv('BENCH_ROUNDS') ?? 5));
    let stack: DemoStack | undefined;
    let baseline: http.Server | undefined;
    try {
      log('portal: starting a demo stack (PostgreSQL, Redis, api, worker) and building the apps…');
      stack = await startDemoStack();
      const baselinePort = await freePort();
      baseline = await serveBaseline(baselinePort);
      const portalRuns: LighthouseResult[] = [];
      const baselineRuns: LighthouseResult[] = [];
      for (let i = 1; i <= rounds; i++) {
        baselineRuns.push(await runLighthouse(`http://127.0.0.1:${baselinePort}/`));
        const run = await runLighthouse(`${stack.baseUrl}/`);
        portalRuns.push(run);
        log(`portal: run ${i}/${rounds}: perf ${run.performance}, a11y ${run.accessibility}, bp ${run.bestPractices}, LCP ${run.lcpMs} ms, TBT ${run.tbtMs} ms`);
      }
      log(`portal bundle (what the catalogue loads first):\n${formatPortalSize(measurePortal(path.join(ROOT, 'dist/apps/portal')))}`);
      const worst = new Map<string, { title: string; score: number; runs: number }>();
      for (const line of portalRuns.flatMap((r) => r.failing)) {
        const match = /^([^:]+): (.*) \(([\d.]+)\)$/.exec(line);
        if (!match) continue;
        const before = worst.get(match[1]);
        worst.set(match[1], { title: match[2], score: Math.min(before?.score ?? 1, Number(match[3])), runs: (before?.runs ?? 0) + 1 });
      }
      for (const [id, audit] of worst) log(`portal: below full score: ${id}: ${audit.title} (${audit.score}, ${audit.runs}/${rounds})`);
      const row = (name: string, unit: string, target: Target, figure: (r: LighthouseResult) => number): BenchResult =>
        summarise({ group: 'portal', name, unit, baselineLabel: 'baseline page', target, rounds: { ours: portalRuns.map(figure), baseline: baselineRuns.map(figure) } });
      return [
        row('Lighthouse performance', '', { kind: 'abs-min', value: BARS.performance }, (r) => r.performance),
        row('Lighthouse accessibility', '', { kind: 'abs-min', value: BARS.accessibility }, (r) => r.accessibility),
        row('Lighthouse best practices', '', { kind: 'abs-min', value: BARS.bestPractices }, (r) => r.bestPractices),
        row('LCP', 'ms', { kind: 'record' }, (r) => r.lcpMs),
        row('FCP', 'ms', { kind: 'record' }, (r) => r.fcpMs),
        row('TBT', 'ms', { kind: 'record' }, (r) => r.tbtMs),
      ];
    } finally {
      baseline?.close();
      await stack?.stop();
    }
  },
};
