import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import net from 'node:net';

export interface ProcessInfo {
  pid: number;
  command: string;
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // Gone meanwhile, or not ours to read.
  }
}

function cwd(pid: string): string {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return '';
  }
}

/**
 * Live processes whose command line, environment or working directory mentions `text` (e.g. a
 * DATA_DIR): whatever a launcher started with that setting, down to PostgreSQL's backends. The
 * working directory catches redis-server, which overwrites its command line and environment with
 * its process title but runs in its `--dir`. Linux only (/proc).
 */
export function processesMentioning(text: string): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .flatMap((entry) => {
      const cmdline = read(`/proc/${entry}/cmdline`).replace(/\0/g, ' ').trim();
      const stat = read(`/proc/${entry}/stat`);
      // A zombie has exited; only its parent's bookkeeping remains.
      if (!cmdline || / Z /.test(stat.slice(stat.lastIndexOf(')')))) return [];
      const environ = read(`/proc/${entry}/environ`).split('\0');
      const mentions = cmdline.includes(text) || cwd(entry).includes(text) || environ.some((v) => v.includes(text));
      return mentions ? [{ pid: Number(entry), command: cmdline }] : [];
    });
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function accepts(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(2_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
