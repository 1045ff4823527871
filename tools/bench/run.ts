/**
 * `npm run bench`: Lighthouse (mobile preset, simulated slow 4G and 4× CPU) on the catalogue page
 * served by the real stack, RUNS times, reporting medians; and, as the benchmark rule asks, the same
 * on a baseline page in the same run (a minimal static HTML page from a plain node server), with
 * ratios. Exits 1 when a bar fails: performance ≥ 95, accessibility = 100, best practices ≥ 95.
 *
 * Starts its own PostgreSQL and Redis in a temporary folder, builds (Nx cache), migrates and seeds
 * the demo, starts the built api and worker, and stops and removes everything afterwards.
 *
 *   npm run bench               RUNS=9 npm run bench
 */
import { rawEnv } from '@baanrian/config';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { type DemoStack, freePort, startDemoStack } from '@baanrian/dev-services';
import { type LighthouseResult, median, runLighthouse } from '../../apps/e2e/src/support/lighthouse';
import { formatPortalSize, measurePortal } from '../scripts/portal-size';

const RUNS = Math.max(1, Number(rawEnv('RUNS') ?? 5));
const BARS = { performance: 95, accessibility: 100, bestPractices: 95 };
const root = path.resolve(__dirname, '../..');
const say = (line: string) => console.log(`[bench] ${line}`);

/** The baseline: what a page with one heading and a paragraph scores on the same machine. */
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

/** The medians of the measured figures: a result without its url and audit list. */
type Summary = Omit<LighthouseResult, 'url' | 'failing'>;

const summarise = (runs: LighthouseResult[]): Summary => ({
  performance: median(runs.map((r) => r.performance)),
  accessibility: median(runs.map((r) => r.accessibility)),
  bestPractices: median(runs.map((r) => r.bestPractices)),
  lcpMs: median(runs.map((r) => r.lcpMs)),
  tbtMs: median(runs.map((r) => r.tbtMs)),
  fcpMs: median(runs.map((r) => r.fcpMs)),
});

async function main(): Promise<number> {
  let stack: DemoStack | undefined;
  let baseline: http.Server | undefined;
  try {
    say('Starting a demo stack (PostgreSQL, Redis, api, worker) and building the apps…');
    stack = await startDemoStack();
    const baseUrl = stack.baseUrl;
    const baselinePort = await freePort();
    baseline = await serveBaseline(baselinePort);

    const portalRuns: LighthouseResult[] = [];
    const baselineRuns: LighthouseResult[] = [];
    for (let i = 1; i <= RUNS; i++) {
      // Interleaved, so both pages see the same machine conditions.
      baselineRuns.push(await runLighthouse(`http://127.0.0.1:${baselinePort}/`));
      const run = await runLighthouse(`${baseUrl}/`);
      portalRuns.push(run);
      say(`run ${i}/${RUNS}: catalogue perf ${run.performance}, a11y ${run.accessibility}, bp ${run.bestPractices}, LCP ${run.lcpMs} ms, TBT ${run.tbtMs} ms`);
    }
    const portal = summarise(portalRuns);
    const base = summarise(baselineRuns);
    const pass = {
      performance: portal.performance >= BARS.performance,
      accessibility: portal.accessibility >= BARS.accessibility,
      bestPractices: portal.bestPractices >= BARS.bestPractices,
    };
    const ok = (b: boolean) => (b ? 'pass' : '**FAIL**');
    console.log(`
Lighthouse ${RUNS}× (median), mobile preset (simulated slow 4G, 4× CPU), ${os.cpus()[0]?.model ?? 'unknown CPU'}

| metric | catalogue \`/\` | baseline page | ratio / difference | bar |
|---|---|---|---|---|
| performance | ${portal.performance} | ${base.performance} | ${(portal.performance / base.performance).toFixed(2)} | ≥ ${BARS.performance}: ${ok(pass.performance)} |
| accessibility | ${portal.accessibility} | ${base.accessibility} | ${(portal.accessibility / base.accessibility).toFixed(2)} | = ${BARS.accessibility}: ${ok(pass.accessibility)} |
| best practices | ${portal.bestPractices} | ${base.bestPractices} | ${(portal.bestPractices / base.bestPractices).toFixed(2)} | ≥ ${BARS.bestPractices}: ${ok(pass.bestPractices)} |
| LCP | ${portal.lcpMs} ms | ${base.lcpMs} ms | ${(portal.lcpMs / base.lcpMs).toFixed(2)}× | |
| FCP | ${portal.fcpMs} ms | ${base.fcpMs} ms | ${(portal.fcpMs / base.fcpMs).toFixed(2)}× | |
| TBT | ${portal.tbtMs} ms | ${base.tbtMs} ms | +${portal.tbtMs - base.tbtMs} ms | |
`);
    console.log(`Portal bundle (what the catalogue loads first):\n\n${formatPortalSize(measurePortal(path.join(root, 'dist/apps/portal')))}\n`);
    // "id: title (score)" → the lowest score per audit over the runs.
    const worst = new Map<string, { title: string; score: number; runs: number }>();
    for (const line of portalRuns.flatMap((r) => r.failing)) {
      const match = /^([^:]+): (.*) \(([\d.]+)\)$/.exec(line);
      if (!match) continue;
      const before = worst.get(match[1]);
      worst.set(match[1], { title: match[2], score: Math.min(before?.score ?? 1, Number(match[3])), runs: (before?.runs ?? 0) + 1 });
    }
    if (worst.size) {
      console.log('Audits below full score on the catalogue (lowest score, runs):');
      for (const [id, audit] of worst) console.log(`  - ${id}: ${audit.title} (${audit.score}, ${audit.runs}/${RUNS})`);
      console.log('');
    }
    return pass.performance && pass.accessibility && pass.bestPractices ? 0 : 1;
  } finally {
    say('Stopping…');
    baseline?.close();
    await stack?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
