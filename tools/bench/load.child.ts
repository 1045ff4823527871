/**
 * The load generator, run as its own process (pinned to core 1 by bench.load.ts): reads a list of
 * jobs as JSON on stdin, runs them at the same time with autocannon, and prints one JSON line of
 * figures per job. Latency percentiles come from every response time, not autocannon's
 * histogram buckets (which have no p95).
 */
import autocannon from 'autocannon';
import { percentile } from './bench.stats';
import type { LoadFigures, LoadJob } from './bench.load';

function runJob(job: LoadJob): Promise<LoadFigures> {
  const latencies: number[] = [];
  let non2xx = 0;
  let bytes = 0;
  let counter = 0;
  const rotating = job.signIn;
  const requests: autocannon.Request[] = [job.path, ...(job.morePaths ?? [])].map((path) => ({
      method: (job.method ?? 'GET') as autocannon.Request['method'],
      path,
      headers: { ...(job.headers ?? {}), ...(rotating ? { 'content-type': 'application/json' } : {}) },
      body: job.body,
      ...(rotating
        ? {
            // Each attempt signs in the next bench account, from its own address (10.x.y.z).
            setupRequest: (request: autocannon.Request) => {
              const n = counter++;
              const headers: Record<string, string> = { ...(request.headers as Record<string, string>) };
              if (rotating.forwardedFor) headers['x-forwarded-for'] = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
              return { ...request, headers, body: JSON.stringify({ login: rotating.logins[n % rotating.logins.length], password: rotating.password }) };
            },
          }
        : {}),
  }));
  const pairs = job.rotate;
  if (pairs) {
    requests.splice(0, requests.length, {
      method: (job.method ?? 'POST') as autocannon.Request['method'],
      path: pairs.paths[0],
      headers: { ...(job.headers ?? {}), ...(job.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      body: job.method === 'GET' ? undefined : (job.body ?? '{}'),
      setupRequest: (request: autocannon.Request) => {
        const n = pairs.offset + counter++;
        const [p, t] = pairs.order === 'spread' ? [n % pairs.paths.length, Math.floor(n / pairs.paths.length)] : [Math.floor(n / pairs.tokens.length), n % pairs.tokens.length];
        const path = pairs.paths[p % pairs.paths.length];
        return { ...request, path, headers: { ...(request.headers as Record<string, string>), authorization: `Bearer ${pairs.tokens[t % pairs.tokens.length]}` } };
      },
    });
  }
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: job.url, connections: job.connections, duration: job.seconds, requests, timeout: 30 }, (error, result) => {
      if (error) return reject(error);
      const ok = latencies.length;
      resolve({
        name: job.name,
        requests: ok,
        rps: ok / job.seconds,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        non2xx,
        errors: result.errors + result.timeouts,
        bytesPerResponse: ok ? bytes / ok : 0,
      });
    });
    instance.on('response', (_client: unknown, status: number, resBytes: number, responseTime: number) => {
      latencies.push(responseTime);
      bytes += resBytes;
      if (status < 200 || status >= 300) non2xx++;
    });
  });
}

async function main(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const jobs = JSON.parse(input) as LoadJob[];
  const figures = await Promise.all(jobs.map(runJob));
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
