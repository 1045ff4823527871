/**
 * `npm run bench [-- <group>…]`: every benchmark group (or the named ones) against real
 * PostgreSQL and Redis, each benchmark measured next to its baseline, interleaved after a warm-up,
 * medians over BENCH_ROUNDS rounds of BENCH_SECONDS-second load runs. Prints one table, writes
 * bench/results/<timestamp>-<group>.json per group, exits 1 when a target fails.
 * Never part of `npm test`. See docs/benchmarks.md.
 *
 *   npm run bench                      npm run bench -- courses
 *   BENCH_ROUNDS=5 BENCH_SECONDS=10 npm run bench -- accounts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rawEnv } from '@baanrian/config';
import { benchSettings, type BenchContext } from './bench.group';
import { machineInfo } from './bench.machine';
import { selectGroups } from './bench.registry';
import { type ApiStack, ROOT, startApiStack } from './bench.stack';
import { type BenchResult, exitCode, formatTable } from './bench.stats';
import { generateBenchData, planFor } from './data/bench-data';
import type { DataSize } from './data/data.generator';

const say = (line: string) => console.log(`[bench] ${line}`);

async function main(): Promise<number> {
  const groups = selectGroups(process.argv.slice(2).filter((arg) => arg !== '--'));
  const settings = benchSettings();
  const dataSize = (rawEnv('BENCH_DATA_SIZE') ?? 'S').toUpperCase() as DataSize;
  let stack: ApiStack | undefined;
  let starting: Promise<ApiStack> | undefined;
  const context: BenchContext = {
    ...settings,
    log: say,
    stack: () =>
      (starting ??= (async () => {
        say(`Starting PostgreSQL, Redis and the API, with bench data of size ${dataSize}…`);
        stack = await startApiStack(async (url) => {
          const report = await generateBenchData(url, planFor(dataSize), (line) => say(`data: ${line}`));
          say(`data: ${Object.entries(report.rows).map(([t, n]) => `${t} ${n}`).join(', ')} in ${report.totalSeconds.toFixed(1)} s`);
        }, say);
        return stack;
      })()),
  };
  const all: BenchResult[] = [];
  const resultsDir = path.join(ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  try {
    for (const group of groups) {
      const startedAt = new Date();
      say(`${group.name} (issue ${group.issue})…`);
      const results = await group.run(context);
      all.push(...results);
      const file = path.join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}-${group.name}.json`);
      const record = { group: group.name, startedAt, finishedAt: new Date(), settings: { ...settings, dataSize }, machine: await machineInfo(group.name === 'portal' ? undefined : stack), results };
      writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
      say(`wrote ${path.relative(ROOT, file)}`);
    }
  } finally {
    if (stack) {
      say('Stopping…');
      await stack.stop();
    }
  }
  const machine = await machineInfo();
  console.log(`\n${formatTable(all)}\n`);
  for (const r of all.filter((r) => r.note)) console.log(`- ${r.group}: ${r.name}: ${r.note}`);
  console.log(`\nMedians of ${settings.rounds} interleaved rounds (${settings.seconds} s load runs) after a warm-up; ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; pinning: ${machine.pinning}.`);
  return exitCode(all);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
