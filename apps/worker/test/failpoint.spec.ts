import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** Runs the fixture under tsx; resolves with how it ended and what it wrote. */
function runChild(): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Node itself with tsx's loader (not the tsx CLI, which would run it in a grandchild): the signal is this child's own.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/failpoint-child.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    // 'close', not 'exit': both pipes are read to the end.
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * The fault suite's kill points (tools/faults/fault.kill-points.spec.ts) rely on this: an armed
 * point kills its process outright (SIGKILL, nothing after it runs) on exactly its Nth pass, says
 * where first, and an unarmed point does nothing.
 */
describe('failpoints', () => {
  it('kill the process on the armed pass only, after one line naming the point and its context', async () => {
    const { code, signal, stdout, stderr } = await runChild();
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
    expect(stdout.trim().split('\n')).toEqual(['unarmed passed', 'survived pass 1', 'survived pass 2']);
    expect(stderr).toContain('FAILPOINT grade.after-commit fired on pass 3 {"attemptId":"attempt-3"}\n');
  }, 60_000);
});
