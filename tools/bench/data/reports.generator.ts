import { type ReachChannel, thaiFiscalYear } from '@baanrian/contracts';
import { publicKeyToMultibase } from '@baanrian/credentials';
import { rebuildRollups } from '@baanrian/reports';
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { copyRows, type CopyValue } from './data.copy';
import { type DataContext, DATA_EPOCH, DATA_SPAN_MS, type DataGenerator } from './data.generator';
import { stableUuid } from './data.random';
import { writeBenchPlans } from './reports.plans';

const DAY = 86_400_000;
const BENCH_KEY_KID = 'bench-data-retired-key';
const BENCH_COURSES = `SELECT id FROM course WHERE slug LIKE 'bench-%'`;
/** Rows only the bench writes: '*' reach rows carry this utm_campaign, campaigns this note. */
const BENCH_TAG = 'bench-data';
const bangkokDate = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * An Ed25519 key derived from the seed, stored retired (as after a rotation), that the bench
 * credentials name as their signer. Its private half is not stored usably: bench credentials are
 * not signed (empty document and JWT), they exist so reports count certificates.
 */
function benchIssuerKey(seed: string): { multibase: string; jwk: Record<string, unknown>; sealed: Buffer } {
  const raw = createHash('sha256').update(`bench-issuer:${seed}`).digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), raw]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { multibase: publicKeyToMultibase(publicKey), jwk: { kty: 'OKP', crv: 'Ed25519', x: publicKey.export({ format: 'jwk' }).x }, sealed: createHash('sha256').update(raw).digest() };
}

/** What reports read besides enrolments: certificates, recorded and measured reach, plans, and the rollups themselves. */
export const reportsGenerator: DataGenerator = {
  name: 'reports',
  needsIndexes: true,

  async clear(client) {
    await client.query(`DELETE FROM credential WHERE verification_code LIKE 'bench-%'`);
    await client.query(`DELETE FROM issuer_key WHERE kid = $1`, [BENCH_KEY_KID]);
    await client.query(`DELETE FROM report_reach_day WHERE utm_campaign = $1 OR course_id IN (${BENCH_COURSES})`, [BENCH_TAG]);
    await client.query(`DELETE FROM reach_campaign WHERE note = $1`, [BENCH_TAG]);
    await client.query(`DELETE FROM report_plan WHERE updated_by_id IN (SELECT id FROM app_user WHERE account_code ~ '^BR-7[0-9]{8}$')`);
    await client.query(`DELETE FROM report_course_day WHERE course_id IN (${BENCH_COURSES})`);
    await client.query(`DELETE FROM report_learner_year WHERE user_id IN (SELECT id FROM app_user WHERE account_code ~ '^BR-[78][0-9]{8}$')`);
  },

  async generate({ plan, client, random, made }: DataContext) {
    const courses = made.courses ?? [];
    const planner = made.instructorIds?.[0];
    if (!courses.length || !planner) throw new Error('reports need the courses and learners generators to run first');

    // Certificates: every completion of a course that awards one (every other course), issued
    // an hour or a few after completing, never mailed twice (mailed_at set), never revoked.
    const keyId = stableUuid(plan.seed, 'issuer-key', 0);
    const key = benchIssuerKey(plan.seed);
    const epoch = new Date(DATA_EPOCH);
    await client.query(
      `INSERT INTO issuer_key (id, kid, public_key_multibase, public_jwk, private_key_sealed, status, created_at, retired_at) VALUES ($1, $2, $3, $4, $5, 'retired', $6, $6)`,
      [keyId, BENCH_KEY_KID, key.multibase, key.jwk, key.sealed, epoch],
    );
    const credentials = await client.query(
      `INSERT INTO credential (id, kind, source_id, user_id, enrollment_id, verification_code, learner_name, achievement_name, hours, issued_at,
                               issuer_key_id, status_index, document, jwt, mailed_at, created_at)
       SELECT md5('credential' || e.id::text)::uuid, 'course', e.course_id, e.user_id, e.id, 'bench-' || e.id, u.display_name, c.title->>'th',
              coalesce(c.learning_hours, 0), t.issued_at, $1, -(row_number() OVER (ORDER BY e.id))::int, '{}'::jsonb, '', t.issued_at, t.issued_at
         FROM enrollment e JOIN course c ON c.id = e.course_id JOIN app_user u ON u.id = e.user_id
        CROSS JOIN LATERAL (SELECT e.completed_at + (1 + abs(hashtext(e.id::text || 'issued')) % 6) * interval '1 hour' AS issued_at) t
        WHERE e.status = 'completed' AND c.slug LIKE 'bench-%' AND abs(hashtext(c.id::text)) % 2 = 0`,
      [keyId],
    );

    // Recorded reach: one campaign a month over the three fiscal years, every other one for a course published that month.
    const campaigns: CopyValue[][] = [];
    const months = Math.round(DATA_SPAN_MS / (30.44 * DAY));
    for (let m = 0; m < months; m++) {
      const start = DATA_EPOCH + Math.round(m * 30.44 * DAY) + random.int(0, 20) * DAY;
      const channel: ReachChannel = random.weighted([['facebook', 5], ['line', 3], ['youtube', 1], ['tiktok', 2], ['website', 1], ['radio', 1], ['print', 1]] as const);
      const inMonth = courses.filter((c) => c.publishedAt >= start - 30 * DAY && c.publishedAt < start);
      const course = m % 2 === 0 && inMonth.length ? random.pick(inMonth) : null;
      const reach = Math.round((plan.learners / 4) * (0.3 + random.next()));
      const at = new Date(start + 14 * DAY);
      campaigns.push([
        stableUuid(plan.seed, 'campaign', m), channel, bangkokDate(start), bangkokDate(start + random.int(3, 28) * DAY), course?.id ?? null,
        course ? null : `โครงการแหล่งเรียนรู้ออนไลน์ ปีงบประมาณ ${thaiFiscalYear(new Date(start))}`,
        ['radio', 'print'].includes(channel) ? null : Math.round(reach * (1.5 + random.next())), reach, BENCH_TAG, null, at, at,
      ]);
    }
    const reachCampaigns = await copyRows(client, 'reach_campaign',
      ['id', 'channel', 'starts_on', 'ends_on', 'course_id', 'programme', 'impressions', 'reach', 'note', 'created_by_id', 'created_at', 'updated_at'], campaigns);

    // Measured reach, as the daily rollup of reach_visit leaves it: site-wide unique visitors per
    // day and source (about one learner in fifty a day), and each course page for its first 30 days.
    const scale = plan.learners / 50;
    const siteWide = await client.query(
      `INSERT INTO report_reach_day (day, page_key, source, utm_campaign, course_id, visitors)
       SELECT d::date, '*', s.source, $3, NULL, 1 + floor(s.share * $4 * (0.5 + (abs(hashtext(d::date::text || s.source || $5)) % 1000) / 1000.0))::int
         FROM generate_series($1::date, $2::date, interval '1 day') d
        CROSS JOIN (VALUES ('direct', 0.35), ('facebook', 0.25), ('line', 0.15), ('google', 0.15), ('youtube', 0.05), ('other', 0.05)) AS s(source, share)`,
      [bangkokDate(DATA_EPOCH), bangkokDate(DATA_EPOCH + DATA_SPAN_MS), BENCH_TAG, scale, plan.seed],
    );
    const coursePages = await client.query(
      `INSERT INTO report_reach_day (day, page_key, source, utm_campaign, course_id, visitors)
       SELECT (c.published_at AT TIME ZONE 'Asia/Bangkok')::date + k, 'course:' || c.id, s.source, '', c.id,
              1 + abs(hashtext(c.id::text || k || s.source)) % (2 + ceil($1 / 500.0)::int)
         FROM course c CROSS JOIN generate_series(0, 29) k CROSS JOIN (VALUES ('direct'), ('facebook'), ('line')) AS s(source)
        WHERE c.slug LIKE 'bench-%' AND abs(hashtext(c.id::text || k || s.source || 'seen')) % 3 > 0`,
      [plan.learners],
    );

    // The rollups the worker keeps, rebuilt from everything above (all of the database, as the worker's rebuild does).
    const manager = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows } as unknown as EntityManager;
    await rebuildRollups(manager);
    const rollups = await client.query<{ days: number; years: number }>(
      `SELECT (SELECT count(*) FROM report_course_day)::int AS days, (SELECT count(*) FROM report_learner_year)::int AS years`,
    );
    const plans = await writeBenchPlans(client, planner, random.fork('plans'));
    return {
      issuer_key: 1,
      credential: credentials.rowCount ?? 0,
      reach_campaign: reachCampaigns,
      report_reach_day: (siteWide.rowCount ?? 0) + (coursePages.rowCount ?? 0),
      report_course_day: rollups.rows[0].days,
      report_learner_year: rollups.rows[0].years,
      report_plan: plans,
    };
  },
};
