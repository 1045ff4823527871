import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  freePort,
  type RunningPostgres,
  startPostgres,
  type RunningRedis,
  startRedis,
  CHROMIUM,
  COMPOSE,
  POPPLER,
  REDIS,
  ensureSystemTools,
  buildApps,
  run,
  runOrFail,
} from '@baanrian/dev-services';

/**
 * `npm test`: every test, against real servers started here the way `npm start` starts them, on
 * free ports, in a temporary folder removed afterwards. Ends with one line: `N passed, N failed`.
 */
const TEMPLATE_DB = 'baanrian_template';
const serversOnly = process.argv.includes('--servers-only');
const say = (line: string) => console.log(`[test] ${line}`);

interface Counts {
  passed: number;
  failed: number;
}

/** Jest and Vitest both write the same JSON summary shape. */
function countsFrom(file: string, runner: string, exitCode: number): Counts {
  if (!existsSync(file)) {
    say(`${runner} produced no results (exit ${exitCode}): counted as one failure`);
    return { passed: 0, failed: 1 };
  }
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numRuntimeErrorTestSuites?: number;
    testResults?: { status: string; assertionResults?: unknown[] }[];
  };
  // A file that fails to load has no failing test, yet it is a failure.
  const brokenFiles = json.numRuntimeErrorTestSuites ?? json.testResults?.filter((r) => r.status === 'failed' && !r.assertionResults?.length).length ?? 0;
  const failed = json.numFailedTests + brokenFiles;
  return { passed: json.numPassedTests, failed: failed === 0 && exitCode !== 0 ? 1 : failed };
}

async function main(): Promise<number> {
  const started = Date.now();
  ensureSystemTools([REDIS, CHROMIUM, COMPOSE, POPPLER], say);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'baanrian-test-'));
  let postgres: RunningPostgres | undefined;
  let redis: RunningRedis | undefined;
  try {
    const [pg, rd] = await Promise.all([
      (async () => (postgres = await startPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), database: TEMPLATE_DB })))(),
      (async () => (redis = await startRedis({ port: await freePort() })))(),
      buildApps(['api', 'worker', 'portal']),
    ]);
    await runOrFail('Migrating the template database', process.execPath, ['dist/apps/api/cli.js', 'migrate'], { DATABASE_URL: pg.url, REDIS_URL: rd.url });
    say(`servers and build ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const env = {
      TEST_PG_ADMIN_URL: pg.adminUrl,
      TEST_PG_TEMPLATE: TEMPLATE_DB,
      TEST_REDIS_URL: rd.url,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
    };
    if (serversOnly) {
      // For running one test file by hand: `npm run test:servers`, then paste the exports.
      console.log(Object.entries(env).map(([k, v]) => `export ${k}='${v}'`).join('\n'));
      say('servers are up; press Ctrl-C to stop them');
      await new Promise((resolve) => process.once('SIGINT', resolve));
      return 0;
    }
    const jestJson = path.join(tmp, 'jest.json');
    const jest = await run('npx', ['jest', '-c', 'jest.config.ts', '--ci', '--maxWorkers=2', '--json', `--outputFile=${jestJson}`], { env, stream: true });
    const vitestJson = path.join(tmp, 'vitest.json');
    const vitest = await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], { env, stream: true });

    const totals = [countsFrom(jestJson, 'jest', jest.code), countsFrom(vitestJson, 'vitest', vitest.code)].reduce(
      (a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed }),
    );
    if (totals.passed + totals.failed === 0) totals.failed = 1;
    say(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`${totals.passed} passed, ${totals.failed} failed`);
    return totals.failed === 0 ? 0 : 1;
  } finally {
    await Promise.all([redis?.stop(), postgres?.stop()].map((p) => p?.catch(() => undefined)));
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
