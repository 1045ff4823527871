import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import type { ApiStack } from '../bench.stack';
import { BENCH_EMAIL_DOMAIN, BENCH_PASSWORD } from '../data/data.generator';
import { BENCH_FISCAL_YEARS } from '../data/reports.plans';

/** The bench administrator: the second bench instructor, given the admin role in the bench database. */
const ADMIN_LOGIN = `instructor-1@${BENCH_EMAIL_DOMAIN}`;
/** Access tokens live 10 minutes: sign in again well before. */
const TOKEN_MS = 5 * 60_000;

export interface ReportsFixture {
  /** A fresh enough administrator access token. */
  token(): Promise<string>;
  /** The bench fiscal year with the most enrolments (the summary's period). */
  fiscalYear: number;
  /** `range:` periods covering every activated enrolment, and about 1,000,000 of them (or all, when fewer). */
  all: { period: string; from: string; to: string; rows: number };
  million: { period: string; from: string; to: string; rows: number };
  close(): Promise<void>;
}

/**
 * What the reports benchmarks need from the bench database: an administrator (the reports and
 * exports are theirs), the busiest fiscal year, and periods for the exports, counted the way the
 * export counts its rows (enrolments that took a seat, by Bangkok day of `activated_at`).
 */
export async function reportsFixture(stack: ApiStack): Promise<ReportsFixture> {
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  await client.query(`INSERT INTO user_role (user_id, role) SELECT id, 'admin' FROM app_user WHERE email = $1 ON CONFLICT DO NOTHING`, [ADMIN_LOGIN]);
  const years = await client.query<{ fy: number; n: number }>(
    `SELECT fy, count(*)::int AS n FROM (
       SELECT extract(year FROM d)::int + CASE WHEN extract(month FROM d) >= 10 THEN 1 ELSE 0 END + 543 AS fy
         FROM (SELECT (activated_at AT TIME ZONE 'Asia/Bangkok')::date AS d FROM enrollment WHERE activated_at IS NOT NULL) e) y
      WHERE fy = ANY($1) GROUP BY fy ORDER BY n DESC, fy DESC LIMIT 1`,
    [[...BENCH_FISCAL_YEARS]],
  );
  const days = await client.query<{ day: string; total: string }>(
    `SELECT day::text, sum(n) OVER (ORDER BY day) AS total FROM (
       SELECT (activated_at AT TIME ZONE 'Asia/Bangkok')::date AS day, count(*) AS n FROM enrollment WHERE activated_at IS NOT NULL GROUP BY 1) d
      ORDER BY day`,
  );
  if (!days.rows.length || !years.rows.length) throw new Error('reports: the bench database has no enrolments');
  const first = days.rows[0].day;
  const last = days.rows[days.rows.length - 1];
  const upTo = days.rows.find((r) => Number(r.total) >= 1_000_000) ?? last;
  const period = (to: { day: string; total: string }) => ({ period: `range:${first}..${to.day}`, from: first, to: to.day, rows: Number(to.total) });

  let token = '';
  let signedInAt = 0;
  let attempt = 0;
  return {
    fiscalYear: years.rows[0].fy,
    all: period(last),
    million: period(upTo),
    async token() {
      if (token && Date.now() - signedInAt < TOKEN_MS) return token;
      const res = await fetch(`${stack.baseUrl}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.99.0.${++attempt % 250}` },
        body: JSON.stringify({ login: ADMIN_LOGIN, password: BENCH_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`reports: sign-in of the bench administrator answered ${res.status}`);
      token = ((await res.json()) as { accessToken: string }).accessToken;
      signedInAt = Date.now();
      return token;
    },
    close: () => client.end(),
  };
}

/** Resident memory of a process in MB (VmRSS), or null once it is gone. */
export function residentMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples the resident memory of some processes every `everyMs` until stopped; returns each one's peak. */
export function sampleRss<K extends string>(pids: Record<K, number>, everyMs = 100): { stop(): Record<K, number> } {
  const peaks = Object.fromEntries(Object.keys(pids).map((k) => [k, 0])) as Record<K, number>;
  const sample = () => {
    for (const key of Object.keys(pids) as K[]) peaks[key] = Math.max(peaks[key], residentMb(pids[key]) ?? 0);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of each `postgres` process on the machine, by pid. */
function postgresCpu(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') byPid.set(Number(entry), cpuSeconds(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

/**
 * Where the CPU went during a measured run: seconds used by each named process, by the postgres
 * processes, and by this process (the reading client). Postgres is sampled every 100 ms, since a
 * backend that exits (psql's) takes its count with it; one born during the run counts from zero.
 */
export function cpuMeter<K extends string>(pids: Record<K, number>): { stop(): Record<K | 'postgres' | 'client', number> } {
  const start = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid as number)])) as Record<K, number>;
  const pg = new Map([...postgresCpu()].map(([pid, cpu]) => [pid, { first: cpu, last: cpu }]));
  const samplePg = () => {
    for (const [pid, cpu] of postgresCpu()) {
      const seen = pg.get(pid);
      if (seen) seen.last = cpu;
      else pg.set(pid, { first: 0, last: cpu });
    }
  };
  const timer = setInterval(samplePg, 100);
  const client0 = process.cpuUsage();
  return {
    stop() {
      clearInterval(timer);
      samplePg();
      const used = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid as number) - start[k as K]])) as Record<K, number>;
      const client = process.cpuUsage(client0);
      const postgres = [...pg.values()].reduce((sum, p) => sum + p.last - p.first, 0);
      return { ...used, postgres, client: (client.user + client.system) / 1e6 };
    },
  };
}
