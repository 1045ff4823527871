import { bangkokDay, REACH_SOURCES } from '@baanrian/contracts';
import { createDataSource } from '@baanrian/db';
import { QueueName } from '@baanrian/jobs';
import { createTestDatabase, eventually, type TestDatabase, testConfig } from '@baanrian/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ReachRollupJob } from '../src/system/reach-rollup.job';
import { ReachRollupScheduler } from '../src/system/reach-rollup.scheduler';
import { WorkerModule } from '../src/worker.module';

/**
 * `reach.rollup` on a real database: report_reach_day equals plain SQL counts of distinct visitor
 * hashes over reach_visit, after random days of visits; past salts and old visits are deleted.
 */
let database: TestDatabase;
let db: DataSource;
let worker: INestApplicationContext;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url }).initialize();
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig(database.url)), { logger: false });
  // The schedule's first run (real time) would delete this file's visits of March 2026 under its
  // feet: stop it, and let a run already taken finish, before the tests (the last test restores it).
  const queue = worker.get<Queue>(getQueueToken(QueueName.System));
  await queue.removeJobScheduler('reach.rollup');
  await eventually(async () => {
    const pending = await queue.getJobs(['active', 'waiting', 'delayed', 'prioritized']);
    return pending.some((job) => job.name === 'reach.rollup') ? undefined : true;
  }, 15_000, 'the first scheduled rollup to finish');
});

afterAll(async () => {
  await worker?.close().catch(() => undefined);
  await db.destroy();
  await database.drop();
});

const NOW = new Date('2026-03-15T05:00:00Z'); // noon in Bangkok, 15 March 2026
const day = (offset: number) => bangkokDay(new Date(NOW.getTime() + offset * 86_400_000));
const COURSES = [randomUUID(), randomUUID(), randomUUID()];
const PAGES: [string, string | null][] = [['catalog', null], ...COURSES.map((id): [string, string] => [`course:${id}`, id])];
const CAMPAIGNS = ['', '', 'songkran-2569', 'Loy-Krathong'];
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];

interface Visit {
  day: string;
  hash: Buffer;
  page: [string, string | null];
  source: string;
  campaign: string;
}

async function insertVisits(visits: Visit[]): Promise<void> {
  for (const v of visits) {
    await db.query(
      `INSERT INTO reach_visit (day, visitor_hash, page_key, course_id, source, utm_source, utm_medium, utm_campaign)
       VALUES ($1, $2, $3, $4, $5, '', '', $6) ON CONFLICT DO NOTHING`,
      [v.day, v.hash, v.page[0], v.page[1], v.source, v.campaign],
    );
  }
}

/** A random history: each day a pool of visitors, each seeing one to four pages by random ways. */
function randomVisits(days: string[]): Visit[] {
  return days.flatMap((d) =>
    Array.from({ length: 20 + Math.floor(Math.random() * 40) }, () => randomBytes(32)).flatMap((hash) =>
      Array.from({ length: 1 + Math.floor(Math.random() * 4) }, () => ({ day: d, hash, page: pick(PAGES), source: pick(REACH_SOURCES), campaign: pick(CAMPAIGNS) })),
    ),
  );
}

/**
 * The documented attribution, written out in plain code: a visit row per (day, visitor, page), the
 * first one inserted; per (day, visitor) the row with a referred source before direct, then the
 * first source, then a named campaign before none, then the first campaign.
 */
function expectedSiteCells(history: Visit[]): Record<string, number> {
  const rows = new Map<string, Visit>();
  for (const v of history) {
    const key = `${v.day} ${v.hash.toString('hex')} ${v.page[0]}`;
    if (!rows.has(key)) rows.set(key, v);
  }
  const rank = (v: Visit) => [v.source === 'direct' ? 1 : 0, v.source, v.campaign === '' ? 1 : 0, v.campaign] as const;
  const better = (a: Visit, b: Visit) => {
    const [x, y] = [rank(a), rank(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i];
    return false;
  };
  const chosen = new Map<string, Visit>();
  for (const v of rows.values()) {
    const key = `${v.day} ${v.hash.toString('hex')}`;
    const current = chosen.get(key);
    if (!current || better(v, current)) chosen.set(key, v);
  }
  return countsBy([...chosen.values()], (v) => `${v.day} ${v.source} ${v.campaign}`, () => 1);
}

type Row = { day: string; page_key: string; source: string; utm_campaign: string; course_id: string | null; visitors: number };
const reportRows = (): Promise<Row[]> =>
  db.query(`SELECT day::text, page_key, source, utm_campaign, course_id, visitors FROM report_reach_day ORDER BY day, page_key, source, utm_campaign`);

const countsBy = <T>(rows: T[], key: (row: T) => string, value: (row: T) => number) =>
  rows.reduce<Record<string, number>>((acc, row) => ({ ...acc, [key(row)]: (acc[key(row)] ?? 0) + value(row) }), {});

describe('reach.rollup', () => {
  it('equals plain SQL counts of distinct visitors, per page and per day, and deletes past salts and old visits', async () => {
    const days = [-5, -4, -3, -2, -1, 0].map(day);
    // Someone who saw the catalog directly and a course from a Facebook campaign: one visitor that day,
    // attributed to Facebook (a referred source before direct) and to that campaign.
    const mixed = randomBytes(32);
    const history = [
      ...randomVisits(days),
      { day: day(0), hash: mixed, page: PAGES[0], source: 'direct', campaign: '' },
      { day: day(0), hash: mixed, page: PAGES[1], source: 'facebook', campaign: 'songkran-2569' },
    ];
    await insertVisits(history);
    for (const d of days) await db.query(`INSERT INTO reach_salt (day, salt) VALUES ($1, $2)`, [d, randomBytes(32)]);
    // A stale row of today (replaced) and seeded figures of a day without visits (kept).
    await db.query(`INSERT INTO report_reach_day (day, page_key, source, utm_campaign, visitors) VALUES ($1, '*', 'direct', '', 999), ('2025-11-20', '*', 'facebook', '', 1234)`, [day(0)]);

    // The plain counts, before the job deletes old visits.
    const perPage: { day: string; page_key: string; n: number }[] = await db.query(
      `SELECT day::text, page_key, count(DISTINCT visitor_hash)::int AS n FROM reach_visit GROUP BY 1, 2`,
    );
    const perDay: { day: string; n: number }[] = await db.query(`SELECT day::text, count(DISTINCT visitor_hash)::int AS n FROM reach_visit GROUP BY 1`);
    const perCell: { day: string; page_key: string; source: string; utm_campaign: string; n: number }[] = await db.query(
      `SELECT day::text, page_key, source, utm_campaign, count(*)::int AS n FROM reach_visit GROUP BY 1, 2, 3, 4`,
    );

    const result = await worker.get(ReachRollupJob).handle(NOW);
    expect(result.days).toEqual(days);
    expect(result.saltsDeleted).toBe(5);
    expect(result.visitsDeleted).toBeGreaterThan(0);

    const rows = await reportRows();
    const visitRows = rows.filter((r) => r.day !== '2025-11-20');
    const pageRows = visitRows.filter((r) => r.page_key !== '*');
    const siteRows = visitRows.filter((r) => r.page_key === '*');
    expect(countsBy(pageRows, (r) => `${r.day} ${r.page_key}`, (r) => r.visitors)).toEqual(countsBy(perPage, (r) => `${r.day} ${r.page_key}`, (r) => r.n));
    expect(countsBy(pageRows, (r) => `${r.day} ${r.page_key} ${r.source} ${r.utm_campaign}`, (r) => r.visitors)).toEqual(
      countsBy(perCell, (r) => `${r.day} ${r.page_key} ${r.source} ${r.utm_campaign}`, (r) => r.n),
    );
    // Each visitor once a day across all pages.
    expect(countsBy(siteRows, (r) => r.day, (r) => r.visitors)).toEqual(countsBy(perDay, (r) => r.day, (r) => r.n));
    expect(result.rows).toBe(visitRows.length);
    // Course rows carry their course, for the course filter.
    for (const r of pageRows) expect(r.course_id).toBe(r.page_key === 'catalog' ? null : r.page_key.slice('course:'.length));
    expect(rows.find((r) => r.day === '2025-11-20')).toMatchObject({ visitors: 1234 });

    // Only today's salt is left; visits of the last three days and today are kept, older ones gone.
    expect((await db.query(`SELECT day::text FROM reach_salt`)).map((r: { day: string }) => r.day)).toEqual([day(0)]);
    expect((await db.query(`SELECT DISTINCT day::text FROM reach_visit ORDER BY 1`)).map((r: { day: string }) => r.day)).toEqual(days.slice(2));

    // The '*' rows attribute each visitor to one of their visits, as documented.
    expect(countsBy(siteRows, (r) => `${r.day} ${r.source} ${r.utm_campaign}`, (r) => r.visitors)).toEqual(expectedSiteCells(history));
    expect(siteRows.find((r) => r.day === day(0) && r.source === 'facebook' && r.utm_campaign === 'songkran-2569')?.visitors).toBeGreaterThanOrEqual(1);

    // Again: the same rows (idempotent), and the old days, no longer in reach_visit, keep theirs.
    const again = await worker.get(ReachRollupJob).handle(NOW);
    expect(again).toMatchObject({ days: days.slice(2), saltsDeleted: 0, visitsDeleted: 0 });
    expect(await reportRows()).toEqual(rows);
  });

  it('picks up new visits of today on the next run, without counting anyone twice', async () => {
    const before = countsBy(await reportRows(), (r) => `${r.day} ${r.page_key}`, (r) => r.visitors);
    const returning: Buffer = (await db.query(`SELECT visitor_hash FROM reach_visit WHERE day = $1 AND page_key = 'catalog' LIMIT 1`, [day(0)]))[0].visitor_hash;
    const newcomer = randomBytes(32);
    await insertVisits([
      { day: day(0), hash: returning, page: PAGES[0], source: 'line', campaign: '' }, // already counted: ignored by the PK
      { day: day(0), hash: newcomer, page: PAGES[0], source: 'line', campaign: '' },
    ]);
    await worker.get(ReachRollupJob).handle(NOW);
    const after = countsBy(await reportRows(), (r) => `${r.day} ${r.page_key}`, (r) => r.visitors);
    expect(after).toEqual({ ...before, [`${day(0)} catalog`]: before[`${day(0)} catalog`] + 1, [`${day(0)} *`]: before[`${day(0)} *`] + 1 });
  });

  it('runs from the System queue, scheduled every 5 minutes under one fixed id', async () => {
    const queue = worker.get<Queue>(getQueueToken(QueueName.System));
    await worker.get(ReachRollupScheduler).onApplicationBootstrap(); // as a second worker would
    const schedulers = (await queue.getJobSchedulers()).filter((s) => s.key === 'reach.rollup');
    expect(schedulers.map((s) => ({ key: s.key, every: s.every }))).toEqual([{ key: 'reach.rollup', every: 300_000 }]);

    // Real time now: a visit of the real today, rolled up by a queued job.
    const today = bangkokDay(new Date());
    await insertVisits([{ day: today, hash: randomBytes(32), page: ['catalog', null], source: 'tiktok', campaign: 'queue-check' }]);
    await queue.add('reach.rollup', {});
    const row = await eventually(
      async () => (await db.query(`SELECT visitors FROM report_reach_day WHERE day = $1 AND page_key = '*' AND source = 'tiktok' AND utm_campaign = 'queue-check'`, [today]))[0],
      15_000,
      'the queued rollup',
    );
    expect(row).toEqual({ visitors: 1 });
  });
});
