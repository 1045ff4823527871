/**
 * Type-checks every project, specs included. Jest (ts-jest with isolated modules) and Vitest
 * strip types without checking them, and the builds only see app code, so a spec fixture that no
 * longer matches a generated DTO would otherwise pass unnoticed.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const repoRoot = path.resolve(__dirname, '../..');
const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');

const PROJECTS = [
  'apps/api/tsconfig.app.json',
  'apps/api/tsconfig.spec.json',
  'apps/worker/tsconfig.app.json',
  'apps/worker/tsconfig.spec.json',
  'apps/portal/tsconfig.app.json',
  'apps/portal/tsconfig.spec.json',
  'apps/e2e/tsconfig.spec.json',
  'libs/contracts/tsconfig.spec.json',
  'libs/credentials/tsconfig.spec.json',
  'libs/quiz/tsconfig.spec.json',
  'libs/certificates/tsconfig.spec.json',
  'libs/learning/tsconfig.spec.json',
  'libs/reports/tsconfig.spec.json',
  'libs/config/tsconfig.spec.json',
  'tools/tsconfig.json',
  // tools/tsconfig.json leaves specs out; the fault suite's specs drive real processes and must type-check.
  'tools/faults/tsconfig.spec.json',
];

describe('type checking', () => {
  it.each(PROJECTS)('%s has no type errors', async (project) => {
    const run = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: repoRoot, maxBuffer: 16 << 20 }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(run.split('\n').filter((line) => line.includes('error TS'))).toEqual([]);
  }, 300_000);
});
