import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs the Lighthouse CLI (mobile form factor, default simulated mobile throttling: slow 4G, 4× CPU)
 * on Debian's chromium and returns the figures Baanrian holds itself to. Shared by the e2e test
 * (apps/e2e/src/lighthouse.spec.ts) and the benchmark (tools/bench/run.ts).
 */
const repoRoot = path.resolve(__dirname, '../../../..');
const LIGHTHOUSE = path.join(repoRoot, 'node_modules/.bin/lighthouse');

export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface LighthouseResult {
  url: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  /** Largest Contentful Paint, ms (simulated). */
  lcpMs: number;
  /** Total Blocking Time, ms (simulated). */
  tbtMs: number;
  fcpMs: number;
  /** Audits scoring below 1 in the measured categories, "id: title (score)", for failure messages. */
  failing: string[];
}

interface Report {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { id: string; title: string; score: number | null; scoreDisplayMode: string; numericValue?: number }>;
  runtimeError?: { code: string; message: string };
}

const score = (report: Report, category: string) => Math.round((report.categories[category]?.score ?? 0) * 100);

export function summarise(url: string, report: Report): LighthouseResult {
  const failing = Object.values(report.categories)
    .flatMap((category) => category.auditRefs)
    .map((ref) => report.audits[ref.id])
    .filter((audit) => audit && audit.score !== null && audit.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode))
    .map((audit) => `${audit.id}: ${audit.title} (${audit.score})`);
  return {
    url,
    performance: score(report, 'performance'),
    accessibility: score(report, 'accessibility'),
    bestPractices: score(report, 'best-practices'),
    lcpMs: Math.round(report.audits['largest-contentful-paint']?.numericValue ?? NaN),
    tbtMs: Math.round(report.audits['total-blocking-time']?.numericValue ?? NaN),
    fcpMs: Math.round(report.audits['first-contentful-paint']?.numericValue ?? NaN),
    failing: [...new Set(failing)],
  };
}

/**
 * Lighthouse's own runtime errors that say "Something went wrong with recording the trace … run
 * Lighthouse again": Chrome's trace lost its navigation start under CPU load (seen in CI while other
 * e2e files ran). They say nothing about the page, so the run is repeated; a page that does not paint
 * (NO_FCP) or answers an error is not among them and still fails at once.
 */
const TRANSIENT_RUNTIME_ERRORS = ['NO_NAVSTART', 'NO_TRACING_STARTED', 'TRACING_ALREADY_STARTED', 'NO_RESOURCE_REQUEST', 'PROTOCOL_TIMEOUT'];
const TRANSIENT_TRIES = 3;

export function isTransientLighthouseError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return TRANSIENT_RUNTIME_ERRORS.some((code) => message.includes(`(${code})`) || message.includes(` ${code} `));
}

/** One Lighthouse measurement, repeating a run that Lighthouse itself reports as a failed trace. */
export async function runLighthouse(url: string, options: { timeoutMs?: number; locale?: string } = {}): Promise<LighthouseResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runLighthouseOnce(url, options);
    } catch (error) {
      if (attempt >= TRANSIENT_TRIES || !isTransientLighthouseError(error)) throw error;
      console.warn(`Lighthouse run ${attempt} on ${url} lost its trace; running it again: ${(error as Error).message.split('\n')[0]}`);
    }
  }
}

/** One Lighthouse run. Chrome gets a fresh profile each time (no service worker or cache carried over). */
async function runLighthouseOnce(url: string, options: { timeoutMs?: number; locale?: string }): Promise<LighthouseResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'baanrian-lighthouse-'));
  const output = path.join(dir, 'report.json');
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        LIGHTHOUSE,
        [
          url,
          '--output=json',
          `--output-path=${output}`,
          '--quiet',
          '--only-categories=performance,accessibility,best-practices',
          '--form-factor=mobile',
          '--screenEmulation.mobile',
          `--locale=${options.locale ?? 'en-US'}`,
          `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
          '--max-wait-for-load=60000',
        ],
        {
          cwd: dir,
          timeout: options.timeoutMs ?? 110_000,
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, CHROME_PATH: process.env['CHROME_PATH'] ?? '/usr/bin/chromium', TMPDIR: dir },
        },
        (error, _stdout, stderr) => (error ? reject(new Error(`Lighthouse failed on ${url}: ${error.message}\n${stderr.slice(-2000)}`)) : resolve()),
      );
    });
    const report = JSON.parse(readFileSync(output, 'utf8')) as Report;
    if (report.runtimeError) throw new Error(`Lighthouse runtime error on ${url}: ${report.runtimeError.code} ${report.runtimeError.message}`);
    return summarise(url, report);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
