import { spawn } from 'node:child_process';
import path from 'node:path';
import type { RunningPostgres } from '@baanrian/dev-services';

const ROOT = path.resolve(__dirname, '../..');

/**
 * `startPostgres` (the launcher `npm start` uses) run in a child process, so the fault suite can
 * start it under jest; same data dir and port on every call, so a restart is stop + start.
 */
export function startPostgresProcess(options: { dataDir: string; port: number; database: string; log?: (line: string) => void }): Promise<RunningPostgres> {
  const child = spawn(
    process.execPath,
    [require.resolve('tsx/cli'), '--tsconfig', path.join(ROOT, 'tools/tsconfig.json'), path.join(__dirname, 'fault.postgres.child.ts'), options.dataDir, String(options.port), options.database],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    options.log?.(chunk.toString());
  });
  return new Promise((resolve, reject) => {
    let line = '';
    child.stdout.on('data', (chunk: Buffer) => {
      line += chunk.toString();
      if (!line.includes('\n')) return;
      const info = JSON.parse(line.split('\n')[0]) as Omit<RunningPostgres, 'stop'>;
      resolve({
        ...info,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    void exited.then(() => reject(new Error(`PostgreSQL did not start:\n${output}`)));
  });
}
