import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU and memory of a few process trees (the API with its password-hashing children, the
 * worker, PostgreSQL's postmaster with its backends, Redis), sampled from /proc once a second.
 * Memory is PSS (proportional set size): PostgreSQL's backends share its buffers, and summing
 * their RSS would count the shared pages once per backend.
 */
export interface ProcessFigures {
  role: string;
  /** Mean and peak CPU over the sampled seconds, in % of one core (200 % = both cores busy). */
  cpuMeanPercent: number;
  cpuPeakPercent: number;
  memoryPeakMb: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux the project runs on.

function parentsById(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return parents;
}

function tree(root: number, parents: Map<number, number>): number[] {
  const found = [root];
  for (let i = 0; i < found.length; i++) for (const [pid, parent] of parents) if (parent === found[i]) found.push(pid);
  return found;
}

function ticksAndPss(pids: number[]): { ticks: number; pssKb: number } {
  let ticks = 0;
  let pssKb = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      pssKb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return { ticks, pssKb };
}

/** Starts sampling; `stop()` returns the figures per role. CPU of a child that exited within a second is lost (negligible here). */
export function sampleProcesses(roots: Record<string, number>): { stop(): ProcessFigures[] } {
  const roles = Object.keys(roots);
  const last = new Map<string, { ticks: number; at: number }>();
  const cpu = new Map<string, number[]>(roles.map((r) => [r, []]));
  const memory = new Map<string, number>(roles.map((r) => [r, 0]));
  const sample = () => {
    const parents = parentsById();
    const at = performance.now();
    for (const role of roles) {
      const { ticks, pssKb } = ticksAndPss(tree(roots[role], parents));
      const before = last.get(role);
      if (before && ticks >= before.ticks) cpu.get(role)?.push((((ticks - before.ticks) / TICKS_PER_SECOND) / ((at - before.at) / 1000)) * 100);
      last.set(role, { ticks, at });
      memory.set(role, Math.max(memory.get(role) ?? 0, pssKb / 1024));
    }
  };
  sample();
  const timer = setInterval(sample, 1000);
  return {
    stop() {
      clearInterval(timer);
      return roles.map((role) => {
        const values = cpu.get(role) ?? [];
        return {
          role,
          cpuMeanPercent: values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0,
          cpuPeakPercent: values.length ? Math.max(...values) : 0,
          memoryPeakMb: memory.get(role) ?? 0,
        };
      });
    },
  };
}
