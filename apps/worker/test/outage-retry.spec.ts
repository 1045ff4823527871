import { freePort, type RunningRedis, startRedis } from '@baanrian/dev-services';
import { eventually, testServers, uniqueName } from '@baanrian/testing';
import { Logger } from '@nestjs/common';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { OutageTolerantHost, outageDelayMs } from '../src/failed-jobs/outage-tolerant.host';

/**
 * A job that meets an outage is retried without spending its attempts (fault scenario 6 failed
 * certificates for good when a 20 s Redis outage outlasted five attempts' backoff). The outage is
 * real: the handler writes to a Redis server of its own whose memory limit refuses writes (OOM),
 * while the queue lives on the shared one. Each job here has a single attempt, so any spent
 * attempt would fail it.
 */
let dependency: RunningRedis;
let dep: Redis;
let queue: Queue;
let worker: Worker | undefined;
const prefix = uniqueName('outage');

/** A processor whose handler writes to the dependency, or runs a bad command when told to. */
class WritingProcessor extends OutageTolerantHost {
  readonly runs: number[] = [];
  protected async handle(job: Job): Promise<unknown> {
    this.runs.push(Date.now());
    if (job.data.bad) return dep.call('NO-SUCH-COMMAND');
    return dep.set(`written:${job.id}`, '1');
  }
}

function startWorker(host: WritingProcessor, failed: string[]) {
  worker = new Worker(queue.name, (job, token) => host.process(job, token), { connection: { url: testServers().redisUrl }, prefix });
  worker.on('failed', (job) => failed.push(String(job?.id)));
}

beforeAll(async () => {
  Logger.overrideLogger(false);
  dependency = await startRedis({ port: await freePort() });
  dep = new Redis(dependency.url, { maxRetriesPerRequest: 1 });
  queue = new Queue('outage-test', { connection: { url: testServers().redisUrl }, prefix });
});

afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await dep.config('SET', 'maxmemory', '0');
});

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
  dep?.disconnect();
  await dependency?.stop();
});

it('puts a job back while its dependency refuses writes, spends no attempt, and completes it once the outage passes', async () => {
  await dep.config('SET', 'maxmemory', '1');
  const host = new WritingProcessor();
  const failed: string[] = [];
  startWorker(host, failed);
  const job = await queue.add('write', {}, { attempts: 1 });
  const id = String(job.id);

  // Two runs refused by the full Redis, the second about a second after the first (not at once).
  await eventually(async () => (host.runs.length >= 2 ? true : undefined), 10_000, 'two refused runs');
  expect(await queue.getJobState(id)).not.toBe('failed');
  expect(await dep.get(`written:${job.id}`)).toBeNull();
  await dep.config('SET', 'maxmemory', '0');

  await eventually(async () => ((await queue.getJobState(id)) === 'completed' ? true : undefined), 15_000, 'the job completed');
  expect(await dep.get(`written:${job.id}`)).toBe('1');
  expect(failed).toEqual([]);
  expect(host.runs[1] - host.runs[0]).toBeGreaterThanOrEqual(outageDelayMs(1) - 50);
  const done = await queue.getJob(id);
  expect(done?.attemptsStarted).toBe(host.runs.length);
  expect(done?.attemptsMade).toBeLessThanOrEqual(1);
}, 30_000);

it('fails a job whose error is not an outage as before: its one attempt spent, in the failed set at once', async () => {
  const host = new WritingProcessor();
  const failed: string[] = [];
  startWorker(host, failed);
  const job = await queue.add('write', { bad: true }, { attempts: 1 });
  const id = String(job.id);

  await eventually(async () => ((await queue.getJobState(id)) === 'failed' ? true : undefined), 10_000, 'the job failed');
  expect(failed).toEqual([id]);
  expect(host.runs).toHaveLength(1);
  expect((await queue.getJob(id))?.failedReason).toMatch(/unknown command/i);
}, 30_000);

it('waits 1 s after the first outage, doubling to a cap of 30 s', () => {
  expect([1, 2, 3, 5, 6, 20].map(outageDelayMs)).toEqual([1000, 2000, 4000, 16_000, 30_000, 30_000]);
});
