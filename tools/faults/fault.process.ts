import type { ChildProcess } from 'node:child_process';
import { startService, stopProcess } from '@baanrian/dev-services';

/** One slot of the stack (e.g. 'worker-2'): the process in it can be signalled, killed and started again. */
export interface ManagedProcess {
  readonly name: string;
  /** The current process id (changes after a restart). */
  readonly pid: number;
  signal(sig: NodeJS.Signals): void;
  /** Resolves with the exit code (null when ended by a signal) when the current process exits. */
  exited(): Promise<number | null>;
  /**
   * (Re)starts the slot; resolves once `ready` says the new process is ready. `env` adds to (or
   * replaces) the slot's environment for this process only: the next start goes back to the slot's
   * own (e.g. a worker armed with WORKER_FAILPOINTS once, then started clean).
   */
  start(options?: { env?: Record<string, string> }): Promise<void>;
  /** SIGTERM and wait (SIGKILL after 30 s, as stopProcess). */
  stop(): Promise<void>;
}

export interface SlotOptions {
  name: string;
  script: string;
  env: Record<string, string>;
  /** Resolves when the process with this pid is ready; polled by the caller's own rules. */
  ready: (pid: number, alive: () => boolean) => Promise<void>;
  log: (line: string) => void;
}

const TAIL = 40;

/** Creates a slot; nothing runs until `start()`. */
export function managedProcess(options: SlotOptions): ManagedProcess {
  let child: ChildProcess | null = null;
  let exit: Promise<number | null> = Promise.resolve(null);
  const tail: string[] = [];
  const alive = () => child !== null && child.exitCode === null && child.signalCode === null;

  return {
    name: options.name,
    get pid() {
      return child?.pid ?? 0;
    },
    signal(sig) {
      if (alive()) child?.kill(sig);
    },
    exited: () => exit,
    async start(once = {}) {
      if (alive()) throw new Error(`${options.name} is already running (pid ${child?.pid})`);
      tail.length = 0;
      const started = startService(options.name, options.script, { ...options.env, ...once.env }, (line) => {
        tail.push(line);
        if (tail.length > TAIL) tail.shift();
        options.log(`[${options.name}] ${line}`);
      });
      child = started;
      exit = new Promise((resolve) => started.once('exit', (code) => resolve(code)));
      void exit.then((code) => {
        if (child === started) options.log(`[${options.name}] pid ${started.pid} exited (${code ?? started.signalCode})`);
      });
      const died = exit.then((code) => {
        throw new Error(`${options.name} exited during start (${code ?? started.signalCode}):\n${tail.join('\n')}`);
      });
      // It settles at the process's eventual exit, long after start(): nobody waits for it then.
      died.catch(() => undefined);
      const isAlive = () => child === started && alive();
      await Promise.race([options.ready(started.pid ?? 0, isAlive), died]);
    },
    async stop() {
      if (!child) return;
      // A stopped (SIGSTOP) process would only see SIGTERM after its grace ran out.
      if (alive()) child.kill('SIGCONT');
      await stopProcess(child);
    },
  };
}

/** Polls `check` every 200 ms until it is true; gives up when the process died or after `timeoutMs`. */
export async function pollUntil(what: string, check: () => Promise<boolean>, alive: () => boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (alive()) {
    try {
      if (await check()) return;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs / 1000} s ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // The race in start() reports the exit with the process's last lines.
  await new Promise(() => undefined);
}
