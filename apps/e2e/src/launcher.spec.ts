import { eventually } from '@baanrian/testing';
import { existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { dataDirPath, killEverything, launch, leftovers, READY_LINE, serverPorts } from './support/launcher';
import { processesMentioning } from './support/system';
import { type Proc, signalGroup } from './support/process';
import { freePort, readiness } from './support/stack';

/**
 * `npm start` itself (tools/scripts/start.ts): it builds, starts its own PostgreSQL and Redis with
 * data under DATA_DIR, migrates, seeds and runs the api and worker. Each start is stopped the way
 * a person does: Ctrl-C in the terminal, i.e. SIGINT to the whole process group.
 */
jest.setTimeout(150_000);

const dataDir = dataDirPath();
const started: Proc[] = [];
let firstCourseIds: string[] = [];

afterAll(() => {
  for (const proc of started) killEverything(proc, dataDir);
  rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

interface Start {
  proc: Proc;
  baseUrl: string;
  port: number;
  readySeconds: number;
}

async function startUntilReady(): Promise<Start> {
  const port = await freePort();
  const proc = launch({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
  started.push(proc);
  const line = await proc.waitForLine(READY_LINE, 120_000);
  return { proc, port, baseUrl: `http://127.0.0.1:${port}`, readySeconds: Number(READY_LINE.exec(line)?.[1]) };
}

async function courseIds(baseUrl: string): Promise<string[]> {
  const body = (await (await fetch(`${baseUrl}/api/v1/catalog?limit=50`)).json()) as { items: { id: string }[]; nextCursor: string | null };
  expect(body.nextCursor).toBeNull();
  expect(body.items).toHaveLength(8);
  return body.items.map((course) => course.id).sort();
}

/**
 * Ctrl-C (SIGINT to the whole group, as a terminal sends it) or SIGTERM to the launcher alone (as a
 * supervisor sends it): the launcher exits, and within 15 s nothing it started runs or listens.
 */
async function stop({ proc, port }: Start, how: 'ctrl-c' | 'sigterm'): Promise<void> {
  const ports = [port, ...Object.values(serverPorts(proc))];
  expect(ports.every((p) => Number.isInteger(p) && p > 0)).toBe(true);
  const t0 = Date.now();
  if (how === 'ctrl-c') signalGroup(proc, 'SIGINT');
  else process.kill(proc.pid, 'SIGTERM');
  const exit = await proc.waitForExit(15_000);
  // Alone with the signal, the launcher itself must stop its children, then Redis, then PostgreSQL.
  if (how === 'sigterm') {
    expect(exit).toEqual({ code: 0, signal: null });
    expect(proc.lines).toContain('[baanrian] Stopped.');
  }
  const gone = await eventually(async () => {
    const left = await leftovers(dataDir, ports);
    return left.processes.length === 0 && left.openPorts.length === 0 ? left : undefined;
  }, Math.max(1_000, 15_000 - (Date.now() - t0)), 'everything from the start to stop')
    .catch(async (error: Error) => {
      // Say what is left, not just that something is.
      throw new Error(`${error.message}\nstill there: ${JSON.stringify(await leftovers(dataDir, ports))}\n${proc.tail(15)}`);
    });
  expect(gone).toEqual({ processes: [], openPorts: [] });
}

it('first start: ready within 60 s with the eight demo courses and readiness 200; Ctrl-C stops everything it started', async () => {
  const start = await startUntilReady();
  expect(start.readySeconds).toBeLessThanOrEqual(60);
  expect(start.proc.lines).toContain('[baanrian] Demo seed: seeded');
  firstCourseIds = await courseIds(start.baseUrl);
  const ready = await readiness(start.baseUrl);
  expect({ status: ready.status, detail: ready.body.detail }).toEqual({ status: 200, detail: undefined });
  expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);

  await stop(start, 'ctrl-c');
});

it('second start with the same DATA_DIR finds the same data and does not seed again; SIGTERM stops it in order', async () => {
  expect(firstCourseIds).toHaveLength(8); // the first start ran
  const start = await startUntilReady();
  expect(start.proc.lines).toContain('[baanrian] Demo seed: already-seeded');
  expect(await courseIds(start.baseUrl)).toEqual(firstCourseIds);
  expect((await readiness(start.baseUrl)).status).toBe(200);

  await stop(start, 'sigterm');
});

/** A start that must refuse at once: exit 1, the reason in one line, nothing started. */
async function refusedStart(settings: Record<string, string>): Promise<{ lines: string[]; seconds: number }> {
  const ownDataDir = dataDirPath();
  const t0 = Date.now();
  const proc = launch({ HOST: '127.0.0.1', DATA_DIR: ownDataDir, ...settings });
  started.push(proc);
  try {
    const exit = await proc.waitForExit(30_000);
    expect(exit).toEqual({ code: 1, signal: null });
    expect(proc.lines.filter((line) => /Building|ready on port|Applied|Demo seed|\[(api|worker)\]/.test(line))).toEqual([]);
    expect(proc.lines.filter((line) => /^\s+at /.test(line))).toEqual([]); // no stack trace
    expect(existsSync(ownDataDir)).toBe(false); // not even the data folder was created
    expect(processesMentioning(ownDataDir)).toEqual([]);
    return { lines: proc.lines, seconds: (Date.now() - t0) / 1000 };
  } finally {
    killEverything(proc, ownDataDir);
    rmSync(path.dirname(ownDataDir), { recursive: true, force: true });
  }
}

it('refuses a malformed DATABASE_URL at once with exit code 1 and one line naming it', async () => {
  const { lines, seconds } = await refusedStart({ PORT: String(await freePort()), DATABASE_URL: 'not-a-url' });
  const named = lines.filter((line) => line.includes('DATABASE_URL'));
  expect(named).toEqual(['Invalid configuration: DATABASE_URL must be a URL like postgres://user:password@host:5432/baanrian']);
  expect(lines.join('\n')).not.toContain('not-a-url'); // URLs may hold passwords: never echoed
  expect(seconds).toBeLessThan(20);
});

it('refuses a PORT already in use with exit code 1 and a message naming PORT', async () => {
  const blocker = net.createServer();
  const port = await freePort();
  await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
  try {
    const { lines } = await refusedStart({ PORT: String(port) });
    const named = lines.filter((line) => line.includes('PORT'));
    expect(named).toHaveLength(1);
    expect(named[0]).toMatch(new RegExp(`PORT ${port} is already in use`));
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});
