import { type ChildProcess, spawn } from 'node:child_process';
import { childEnv, type RawEnv } from '@baanrian/config';
import { SERVICE_NODE_FLAGS } from './service-flags';

export interface RunResult {
  code: number;
  output: string;
}

/** Runs a command to completion. Output is streamed when `stream` is set, always captured. */
export function run(command: string, args: string[], options: { env?: RawEnv; stream?: boolean; cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: childEnv(options.env ?? {}), cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output += chunk.toString();
      if (options.stream) to.write(chunk);
    };
    child.stdout.on('data', (chunk: Buffer) => collect(chunk, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => collect(chunk, process.stderr));
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** Runs a command and throws with its output if it fails. */
export async function runOrFail(what: string, command: string, args: string[], env: RawEnv = {}): Promise<string> {
  const result = await run(command, args, { env });
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.output.slice(-4000)}`);
  return result.output;
}

const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_NX_CACHE: undefined };

/** Builds the apps (cached by Nx: a second start with no changes takes a second or two). */
export function buildApps(projects: string[]): Promise<string> {
  return runOrFail('Build', 'npx', ['nx', 'run-many', '-t', 'build', '-p', ...projects, '--outputStyle=static'], NX_ENV);
}

/** A long-running service process whose output lines are prefixed with its name. */
export function startService(name: string, script: string, env: RawEnv, onLine: (line: string) => void = (line) => console.log(`[${name}] ${line}`)): ChildProcess {
  const flags = SERVICE_NODE_FLAGS[name] ?? [];
  const child = spawn(process.execPath, ['--enable-source-maps', ...flags, script], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      lines.filter(Boolean).forEach(onLine);
    });
  }
  return child;
}

/** Sends SIGTERM and waits; SIGKILL after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Polls the readiness endpoint until it answers 200. */
export async function waitForReady(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/api/v1/health/ready`);
      if (res.ok) return;
      last = `${res.status} ${((await res.json()) as { detail?: string }).detail ?? ''}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Not ready after ${timeoutMs / 1000} s: ${last}`);
}
