import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PASSWORD_HASH_OPTIONS } from './password-hash';

/**
 * Argon2id in a separate, lower-priority process. A hash takes ~70 ms of one core, by design; on
 * a 2-core server a sign-in storm run in the API process would take the CPU from every other
 * request (the catalogue, quiz autosaves). Running the hashes in a child at nice 10 lets the
 * kernel give the API's event loop the CPU first: sign-ins queue under a storm, the rest of the
 * site stays fast. The child sets its own priority before its first hash, so the thread pool it
 * creates for argon2 inherits it.
 */
const NICENESS = 10;

const CHILD_SOURCE = `
const os = require('node:os');
try { os.setPriority(${NICENESS}); } catch { /* not permitted: run at normal priority */ }
const argon2 = require(process.argv[1]);
const options = JSON.parse(process.argv[2]);
process.on('message', async (m) => {
  try {
    const result = m.op === 'hash' ? await argon2.hash(m.password, options) : await argon2.verify(m.hash, m.password).catch(() => false);
    process.send({ id: m.id, result });
  } catch (error) {
    process.send({ id: m.id, error: String(error && error.message || error) });
  }
});
process.on('disconnect', () => process.exit(0));
`;

type Request = { op: 'hash'; password: string } | { op: 'verify'; hash: string; password: string };
interface Pending {
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

/** The argon2 module's folder, found at run time (the API bundle keeps node_modules external). */
function argon2Path(): string {
  for (const from of [path.join(process.cwd(), 'noop.js'), __filename]) {
    try {
      return path.dirname(createRequire(from).resolve('argon2/package.json'));
    } catch {
      // Not installed below this folder: try the next.
    }
  }
  throw new Error('argon2 is not installed');
}

export class PasswordHasherProcess {
  private child: ChildProcess | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  hash(password: string): Promise<string> {
    return this.send({ op: 'hash', password }) as Promise<string>;
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.send({ op: 'verify', hash, password }) as Promise<boolean>;
  }

  /** The child's pid, started on demand (tests check its priority). */
  pid(): number | undefined {
    return this.start().pid;
  }

  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.disconnect();
    });
  }

  private send(request: Request): Promise<string | boolean> {
    if (this.closed) return Promise.reject(new Error('The password hasher is closed'));
    const child = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.channel?.ref();
      child.send({ id, ...request });
    });
  }

  private start(): ChildProcess {
    if (this.child && this.child.connected) return this.child;
    const child = spawn(process.execPath, ['-e', CHILD_SOURCE, argon2Path(), JSON.stringify(PASSWORD_HASH_OPTIONS)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message: { id: number; result?: string | boolean; error?: string }) => {
      const entry = this.pending.get(message.id);
      if (!entry) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) child.channel?.unref();
      if (message.error !== undefined) entry.reject(new Error(message.error));
      else entry.resolve(message.result as string | boolean);
    });
    // A crashed child fails what it was doing; the next request starts a new one.
    child.on('exit', () => {
      if (this.child === child) this.child = null;
      for (const [id, entry] of this.pending) {
        entry.reject(new Error('The password hasher stopped'));
        this.pending.delete(id);
      }
    });
    // An idle hasher never keeps the API process alive on its own.
    child.unref();
    child.channel?.unref();
    this.child = child;
    return child;
  }
}
