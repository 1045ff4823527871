import { bangkokDay } from '@baanrian/contracts';
import { createHash } from 'node:crypto';
import { RedisClient } from '../src/redis/redis.client';
import { ReachClock } from '../src/reach/reach.clock';
import { REACH_VISITS_PER_MINUTE } from '../src/reach/reach-rate-limit';
import { useTestApi } from './api-app';
import { publishTestCourse } from './catalog-fixture';

/**
 * Measured reach, through the API as the portal's beacon calls it, on a real database and Redis.
 * TRUST_PROXY is on, so each test speaks from its own address (X-Forwarded-For), as behind nginx.
 */
const PUBLIC_URL = 'https://learn.example.org';
let courseId: string;
const api = useTestApi({
  env: { TRUST_PROXY: 'true', PUBLIC_URL },
  seed: async (db) => {
    courseId = (await publishTestCourse(db, { slug: 'lanna-cooking', title: { th: 'อาหารล้านนา' } })).courseId;
  },
});
const db = () => api.db();
const clock = () => api.app().get(ReachClock);

const PHONE = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';
const LAPTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

type Body = Record<string, unknown>;
const visit = (body: Body, ip: string, ua = PHONE) =>
  api.http().post('/api/v1/reach/visits').set('X-Forwarded-For', ip).set('User-Agent', ua).set('Accept-Language', 'en').send(body);

interface VisitRow {
  day: string;
  hash: string;
  page_key: string;
  course_id: string | null;
  source: string;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
}
const visits = (where = 'true', params: unknown[] = []): Promise<VisitRow[]> =>
  db().query(
    `SELECT day::text, encode(visitor_hash, 'hex') AS hash, page_key, course_id, source, utm_source, utm_medium, utm_campaign
       FROM reach_visit WHERE ${where} ORDER BY day, page_key, hash`,
    params,
  );
const saltOf = async (day: string): Promise<Buffer> => (await db().query(`SELECT salt FROM reach_salt WHERE day = $1`, [day]))[0].salt;
const expectedHash = (salt: Buffer, ip: string, ua: string) =>
  createHash('sha256').update(Buffer.concat([salt, Buffer.from([0]), Buffer.from(ip), Buffer.from([0]), Buffer.from(ua)])).digest('hex');

afterEach(() => {
  clock().now = () => new Date();
});

describe('POST /api/v1/reach/visits', () => {
  it('counts the same address and browser once a day, and a different browser as another visitor', async () => {
    const ip = '198.51.100.1';
    await visit({ page: 'catalog' }, ip).expect(204);
    await visit({ page: 'catalog', referrer: 'https://www.facebook.com/' }, ip).expect(204);
    await visit({ page: 'catalog' }, ip, LAPTOP).expect(204);

    const today = bangkokDay(new Date());
    const salt = await saltOf(today);
    expect(salt).toHaveLength(32);
    const rows = await visits(`day = $1 AND visitor_hash IN ($2, $3)`, [today, Buffer.from(expectedHash(salt, ip, PHONE), 'hex'), Buffer.from(expectedHash(salt, ip, LAPTOP), 'hex')]);
    // One row per visitor: the phone's second view (from Facebook) changed nothing, the first visit decides the source.
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.hash === expectedHash(salt, ip, PHONE))).toMatchObject({ page_key: 'catalog', course_id: null, source: 'direct' });
  });

  it('records a course page under its course, and ignores an unknown or unpublished slug with the same 204', async () => {
    const ip = '198.51.100.2';
    await visit({ page: 'course', courseSlug: 'lanna-cooking', utmSource: 'LINE', utmMedium: 'Share', utmCampaign: 'Songkran-2569' }, ip).expect(204);
    await visit({ page: 'course', courseSlug: 'no-such-course' }, ip).expect(204);
    await db().query(`INSERT INTO course (slug, title, summary, target_groups, format) VALUES ('draft-only', '{"th":"ร่าง"}', '{"th":""}', '{general_public}', 'self_paced')`);
    await visit({ page: 'course', courseSlug: 'draft-only' }, ip).expect(204);

    const salt = await saltOf(bangkokDay(new Date()));
    const rows = await visits(`visitor_hash = $1`, [Buffer.from(expectedHash(salt, ip, PHONE), 'hex')]);
    expect(rows).toEqual([
      {
        day: bangkokDay(new Date()),
        hash: expectedHash(salt, ip, PHONE),
        page_key: `course:${courseId}`,
        course_id: courseId,
        source: 'line',
        utm_source: 'line',
        utm_medium: 'share',
        utm_campaign: 'Songkran-2569',
      },
    ]);
  });

  it('makes a new, unlinkable hash on another day: the same person is a different visitor', async () => {
    const ip = '198.51.100.3';
    const today = new Date();
    await visit({ page: 'catalog' }, ip).expect(204);
    const tomorrow = new Date(today.getTime() + 24 * 3600 * 1000);
    clock().now = () => tomorrow;
    await visit({ page: 'catalog' }, ip).expect(204);

    const [saltToday, saltTomorrow] = [await saltOf(bangkokDay(today)), await saltOf(bangkokDay(tomorrow))];
    expect(saltToday.equals(saltTomorrow)).toBe(false);
    const hashes = [expectedHash(saltToday, ip, PHONE), expectedHash(saltTomorrow, ip, PHONE)];
    const rows = await visits(`visitor_hash IN ($1, $2)`, hashes.map((h) => Buffer.from(h, 'hex')));
    expect(rows.map((r) => [r.day, r.hash])).toEqual([
      [bangkokDay(today), hashes[0]],
      [bangkokDay(tomorrow), hashes[1]],
    ]);
    expect(hashes[0]).not.toBe(hashes[1]);
  });

  it('classifies where visitors came from by referrer host or utm_source', async () => {
    const cases: [Body, string][] = [
      [{ referrer: 'https://m.facebook.com/story.php' }, 'facebook'],
      [{ referrer: 'https://liff.line.me/1656-abc' }, 'line'],
      [{ referrer: 'https://www.google.co.th/' }, 'google'],
      [{ referrer: 'https://t.co/xyz' }, 'x'],
      [{ referrer: 'https://www.youtube.com/watch' }, 'youtube'],
      [{ referrer: 'https://www.tiktok.com/@baanrian' }, 'tiktok'],
      [{ utmSource: 'newsletter' }, 'email'],
      [{ referrer: `${PUBLIC_URL}/courses/lanna-cooking` }, 'direct'],
      [{}, 'direct'],
      [{ referrer: 'https://www.chiangmai.go.th/news' }, 'other'],
    ];
    const salt = await saltOf(bangkokDay(new Date()));
    for (const [i, [body, source]] of cases.entries()) {
      const ip = `198.51.100.${100 + i}`;
      await visit({ page: 'catalog', ...body }, ip).expect(204);
      const [row] = await visits(`visitor_hash = $1`, [Buffer.from(expectedHash(salt, ip, PHONE), 'hex')]);
      expect([body, row?.source]).toEqual([body, source]);
    }
  });

  it('ignores crawlers but counts headless browsers (our own browser tests)', async () => {
    const ip = '198.51.100.4';
    await visit({ page: 'catalog' }, ip, 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)').expect(204);
    await visit({ page: 'catalog' }, ip, 'facebookexternalhit/1.1').expect(204);
    await visit({ page: 'catalog' }, ip, 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/124.0 Safari/537.36').expect(204);
    const salt = await saltOf(bangkokDay(new Date()));
    const rowsOf = (ua: string) => visits(`visitor_hash = $1`, [Buffer.from(expectedHash(salt, ip, ua), 'hex')]);
    expect(await rowsOf('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).toEqual([]);
    expect(await rowsOf('facebookexternalhit/1.1')).toEqual([]);
    expect(await rowsOf('Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/124.0 Safari/537.36')).toHaveLength(1);
  });

  it.each([
    ['no page', {}],
    ['an unknown page', { page: 'home' }],
    ['a course page without a slug', { page: 'course' }],
    ['a utm value over 100 characters', { page: 'catalog', utmCampaign: 'x'.repeat(101) }],
    ['a referrer that is not a string', { page: 'catalog', referrer: { host: 'facebook.com' } }],
    ['a field the beacon does not have', { page: 'catalog', ip: '1.2.3.4' }],
  ])('answers 400 for %s', async (_what, body) => {
    const res = await visit(body, '198.51.100.5').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it(`limits one address to ${REACH_VISITS_PER_MINUTE} beacons a minute (429 problem), without slowing other addresses`, async () => {
    const fixed = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 5_000); // 5 s into a minute
    clock().now = () => fixed;
    const ip = '198.51.100.6';
    for (let i = 0; i < REACH_VISITS_PER_MINUTE; i++) await visit({ page: 'catalog' }, ip, `${PHONE} #${i}`).expect(204);
    const res = await visit({ page: 'catalog' }, ip).set('Accept-Language', 'th').expect(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'REACH_TOO_MANY_VISITS', title: 'มีการเปิดหน้าจากที่อยู่นี้ถี่เกินไป กรุณารอ 55 วินาที' });
    expect(res.headers['retry-after']).toBe('55');
    await visit({ page: 'catalog' }, '198.51.100.7').expect(204);
    // The next minute starts afresh.
    clock().now = () => new Date(fixed.getTime() + 60_000);
    await visit({ page: 'catalog' }, ip).expect(204);
  });

  it('stores no address, user agent or referrer anywhere: not in any table, not in Redis', async () => {
    const ip = '203.0.113.77';
    const ua = 'Mozilla/5.0 (Linux; Android 12) ReachPrivacyMarker/9.9';
    const referrer = 'https://www.facebook.com/groups/reach-privacy-marker';
    await visit({ page: 'catalog', referrer }, ip, ua).expect(204);
    await visit({ page: 'course', courseSlug: 'lanna-cooking', referrer }, ip, ua).expect(204);

    const needles = [ip, ua, 'ReachPrivacyMarker', 'reach-privacy-marker'];
    // Also as bytes inside bytea columns (which ::text shows in hex).
    const hexNeedles = needles.map((n) => Buffer.from(n).toString('hex'));
    const tables: { name: string }[] = await db().query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['reach_visit', 'reach_salt']));
    for (const { name } of tables) {
      const rows: { row: string }[] = await db().query(`SELECT t::text AS row FROM "${name}" t`);
      for (const { row } of rows) {
        for (const needle of [...needles, ...hexNeedles]) expect([name, row.includes(needle)]).toEqual([name, false]);
      }
    }
    const redis = api.app().get(RedisClient);
    const keys = await redis.client.keys(`${redis.keyPrefix}*`);
    expect(keys.some((k) => k.includes('reach:rate:'))).toBe(true);
    for (const key of keys) expect(needles.some((n) => key.includes(n))).toBe(false);
    // Nor an unsalted hash of the address, which anyone could recompute for every IPv4 address.
    const plain = createHash('sha256').update(ip).digest('hex');
    for (const key of keys) expect(key.includes(plain.slice(0, 32))).toBe(false);
  });
});
