import { removeFromCatalog } from '../src/catalog/catalog.projection';
import { useTestApi } from './api-app';
import { publishTestCourse } from './catalog-fixture';
import { randomUUID } from 'node:crypto';

const api = useTestApi();
const http = api.http;

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const slugs = (body: { items: { slug: string }[] }) => body.items.map((c) => c.slug);

/** Every page of a listing, following `nextCursor`. */
async function allPages(query: Record<string, string | number>, limit = 4): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const res: { body: { items: { slug: string }[]; nextCursor: string | null } } = await http()
      .get('/api/v1/catalog')
      .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
      .expect(200);
    seen.push(...slugs(res.body));
    cursor = res.body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('never reached the last page');
}

beforeAll(async () => {
  const db = api.db();
  const [instructor] = await db.query(
    `INSERT INTO app_user (display_name, account_code, target_group) VALUES ('ครูสมศรี ใจดี', 'CAT-T1', 'general_public') RETURNING id`,
  );
  await db.query(`INSERT INTO course_category (slug, name) VALUES ('digital-skills', '{"th":"ทักษะดิจิทัล","en":"Digital skills"}')`);
  await publishTestCourse(db, {
    slug: 'computer-for-elderly',
    title: { th: 'การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ', en: 'Computer basics for older adults' },
    summary: { th: 'เปิดเครื่อง ใช้เมาส์ และส่งอีเมลถึงลูกหลาน' },
    description: { th: '## เรียนอะไร\n\nใช้ **เมาส์** และแป้นพิมพ์ <script>alert(1)</script>', en: 'Use a *mouse*' },
    targetGroups: ['elderly'],
    format: 'onsite_workshop',
    categorySlug: 'digital-skills',
    startsAt: inDays(10),
    endsAt: inDays(11),
    capacity: 30,
    ownerId: instructor.id,
    modules: [
      {
        id: randomUUID(),
        title: 'ภาคปฏิบัติ',
        position: 0,
        lessons: [
          {
            id: randomUUID(),
            type: 'onsite_session',
            title: 'ฝึกที่ห้องสมุด',
            required: true,
            position: 1,
            durationMinutes: 180,
            content: { venue: 'ห้องสมุดประชาชนเชียงใหม่', address: '21 ถ.ราชดำเนิน', mapUrl: 'https://maps.example.org/?q=library', startsAt: inDays(10), endsAt: inDays(10.2), capacity: 30 },
          },
          {
            id: randomUUID(),
            type: 'live_session',
            title: 'ถาม-ตอบออนไลน์',
            required: false,
            position: 0,
            durationMinutes: 60,
            content: { meetingUrl: 'https://meet.example.org/secret-room', startsAt: inDays(9), endsAt: inDays(9.05) },
          },
        ],
      },
    ],
  });
  await publishTestCourse(db, {
    slug: 'tin-hoc-co-ban',
    title: { th: 'คอมพิวเตอร์พื้นฐาน (ภาษาเวียดนาม)', vi: 'Tin học cơ bản cho người mới' },
    summary: { vi: 'Học cách dùng máy tính và Internet' } as never,
    language: 'vi',
    targetGroups: ['general_public', 'youth'],
    format: 'online_class',
    startsAt: inDays(-30),
    tags: ['máy tính'],
  });
  await publishTestCourse(db, {
    slug: 'lanna-cooking',
    title: { th: 'การทำอาหารพื้นเมืองล้านนา', en: 'Lanna home cooking' },
    summary: { th: 'แกงฮังเลกับปราชญ์ชาวบ้าน' },
    targetGroups: ['general_public', 'elderly'],
    format: 'onsite_workshop',
    startsAt: inDays(40),
    tags: ['อาหาร'],
  });
  await publishTestCourse(db, {
    slug: 'bedtime-stories',
    title: { th: 'นิทานก่อนนอนกับครอบครัว', en: 'Bedtime stories' },
    targetGroups: ['early_childhood'],
    firstPublishedAt: new Date('2022-11-15T00:00:00Z'), // FY 2566
  });
  await publishTestCourse(db, {
    slug: 'ai-for-teachers',
    title: { th: 'AI ในห้องเรียน', en: 'AI in the classroom' },
    targetGroups: ['education_staff'],
    format: 'blended',
    language: 'en',
  });
  // Never visible: an archived course (removed from the catalog) and a draft.
  const archived = await publishTestCourse(db, { slug: 'archived-course', title: { th: 'คอมพิวเตอร์รุ่นเก่า' } });
  await db.transaction((m) => removeFromCatalog(m, archived.courseId));
  await db.query(`UPDATE course SET status = 'archived', archived_at = now() WHERE id = $1`, [archived.courseId]);
  await db.query(`INSERT INTO course (slug, title, summary, target_groups, format, status) VALUES ('draft-course', '{"th":"คอมพิวเตอร์ร่าง"}', '{"th":""}', '{elderly}', 'self_paced', 'draft')`);
});

describe('GET /api/v1/catalog: filters', () => {
  it('lists published courses only, newest first, without signing in', async () => {
    const res = await http().get('/api/v1/catalog').expect(200);
    expect(slugs(res.body)).toEqual(['computer-for-elderly', 'tin-hoc-co-ban', 'lanna-cooking', 'ai-for-teachers', 'bedtime-stories']);
    expect(res.body.nextCursor).toBeNull();
    expect(res.headers['cache-control']).toContain('public');
    expect(res.body.items[0]).toMatchObject({
      title: { th: 'การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ' },
      format: 'onsite_workshop',
      categorySlug: 'digital-skills',
      targetGroups: ['elderly'],
    });
  });

  it.each([
    [{ targetGroup: 'elderly' }, ['computer-for-elderly', 'lanna-cooking']],
    [{ targetGroup: 'early_childhood' }, ['bedtime-stories']],
    [{ format: 'onsite_workshop' }, ['computer-for-elderly', 'lanna-cooking']],
    [{ category: 'digital-skills' }, ['computer-for-elderly']],
    [{ language: 'vi' }, ['tin-hoc-co-ban']],
    [{ upcoming: 'true' }, ['computer-for-elderly', 'lanna-cooking']],
    [{ fiscalYear: 2566 }, ['bedtime-stories']],
    [{ targetGroup: 'elderly', format: 'onsite_workshop', upcoming: 'true', category: 'digital-skills' }, ['computer-for-elderly']],
    [{ targetGroup: 'youth', language: 'th' }, []],
  ])('filters %j', async (query, expected) => {
    const res = await http().get('/api/v1/catalog').query(query).expect(200);
    expect(slugs(res.body)).toEqual(expected);
  });

  it('sorts by start date (undated last) and by title', async () => {
    const starting = await http().get('/api/v1/catalog?sort=starting').expect(200);
    expect(slugs(starting.body).slice(0, 3)).toEqual(['tin-hoc-co-ban', 'computer-for-elderly', 'lanna-cooking']);
    const byTitle = await http().get('/api/v1/catalog?sort=title').expect(200);
    expect(slugs(byTitle.body)[0]).toBe('ai-for-teachers');
  });

  it('refuses unknown filters, a limit above 50 and a forged cursor, in the caller language', async () => {
    await http().get('/api/v1/catalog?targetGroup=pets').expect(400);
    await http().get('/api/v1/catalog?limit=51').expect(400);
    const res = await http().get('/api/v1/catalog?cursor=bm9wZQ').set('Accept-Language', 'en').expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('CATALOG_CURSOR_INVALID');
    const sql = Buffer.from(JSON.stringify(['newest', '', "x'; DROP TABLE catalog_entry; --", randomUUID()])).toString('base64url');
    await http().get(`/api/v1/catalog?cursor=${sql}`).expect(400);
  });

  it('refuses a cursor made for another sort', async () => {
    const first = await http().get('/api/v1/catalog?limit=2&sort=title').expect(200);
    const res = await http().get('/api/v1/catalog').query({ limit: 2, sort: 'newest', cursor: first.body.nextCursor }).expect(400);
    expect(res.body.code).toBe('CATALOG_CURSOR_INVALID');
  });
});

describe('GET /api/v1/catalog: free text', () => {
  it.each([
    ['คอมพิวเตอร์', ['computer-for-elderly', 'tin-hoc-co-ban']],
    ['ผู้สูงอายุ', ['computer-for-elderly']],
    ['คอมพิวเตอร์ผู้สูงอายุ', ['computer-for-elderly']], // words typed together, not adjacent in the title
    ['อาหารล้านนา', ['lanna-cooking']],
    ['tin hoc', ['tin-hoc-co-ban']],
    ['Tin học', ['tin-hoc-co-ban']],
    ['TIN HỌC CƠ BẢN', ['tin-hoc-co-ban']],
    ['may tinh', ['tin-hoc-co-ban']],
    ['Lanna', ['lanna-cooking']],
    ['ai', ['ai-for-teachers']], // too short for trigrams: a word start
    ['zzzz', []],
  ])('%s finds %j', async (q, expected) => {
    const res = await http().get('/api/v1/catalog').query({ q }).expect(200);
    expect([...slugs(res.body)].sort()).toEqual([...expected].sort());
  });

  it('ranks the closer match first', async () => {
    const res = await http().get('/api/v1/catalog').query({ q: 'คอมพิวเตอร์เบื้องต้น' }).expect(200);
    expect(slugs(res.body)[0]).toBe('computer-for-elderly');
    const res2 = await http().get('/api/v1/catalog').query({ q: 'คอมพิวเตอร์พื้นฐาน' }).expect(200);
    expect(slugs(res2.body)).toEqual(['tin-hoc-co-ban']);
  });

  it('treats punctuation and wildcards as text, never as patterns', async () => {
    const res = await http().get('/api/v1/catalog').query({ q: '%_%' }).expect(200);
    expect(slugs(res.body)).toHaveLength(5); // nothing left to search for: everything
    await http().get('/api/v1/catalog').query({ q: "'; SELECT 1 --" }).expect(200);
  });
});

describe('GET /api/v1/catalog: keyset pages', () => {
  beforeAll(async () => {
    // Same first-publish instant for several rows: the id must break the tie.
    const same = new Date('2026-01-01T00:00:00.123Z');
    for (let i = 0; i < 9; i++) {
      await publishTestCourse(api.db(), {
        slug: `paging-${i}`,
        title: { th: `ชุดทดสอบการแบ่งหน้า ${i}`, en: `Paging ${String.fromCharCode(90 - i)}` },
        language: i % 2 ? 'en' : 'th',
        targetGroups: ['youth'],
        firstPublishedAt: i < 5 ? same : new Date(same.getTime() + i),
        startsAt: i % 3 ? inDays(i) : undefined,
      });
    }
  });

  it.each(['newest', 'starting', 'title'])('visits every course exactly once by %s, in the order of one big page', async (sort) => {
    const paged = await allPages({ sort }, 4);
    const whole = await http().get('/api/v1/catalog').query({ sort, limit: 50 }).expect(200);
    expect(paged).toEqual(slugs(whole.body));
    expect(new Set(paged).size).toBe(14);
  });

  it('pages a search by relevance completely', async () => {
    const paged = await allPages({ q: 'ทดสอบ' }, 2);
    expect([...paged].sort()).toEqual(Array.from({ length: 9 }, (_, i) => `paging-${i}`));
  });

  it('keeps its place when a course is published between two pages', async () => {
    const first = await http().get('/api/v1/catalog').query({ targetGroup: 'youth', limit: 3 }).expect(200);
    await publishTestCourse(api.db(), { slug: 'paging-late', targetGroups: ['youth'], firstPublishedAt: new Date() });
    const rest = await allPages({ targetGroup: 'youth' }, 50);
    const second = await http().get('/api/v1/catalog').query({ targetGroup: 'youth', limit: 50, cursor: first.body.nextCursor }).expect(200);
    expect([...slugs(first.body), ...slugs(second.body)]).toEqual(rest.filter((s) => s !== 'paging-late'));
  });
});

describe('GET /api/v1/catalog/{slug}', () => {
  it('serves the published version with schedule, sessions and instructors, without lesson bodies or meeting links', async () => {
    const res = await http().get('/api/v1/catalog/computer-for-elderly').expect(200);
    expect(res.body).toMatchObject({
      slug: 'computer-for-elderly',
      version: 1,
      capacity: 30,
      category: { slug: 'digital-skills', name: { th: 'ทักษะดิจิทัล', en: 'Digital skills' } },
      instructors: [{ displayName: 'ครูสมศรี ใจดี' }],
    });
    expect(res.body.descriptionHtml.th).toContain('<strong>เมาส์</strong>');
    expect(res.body.descriptionHtml.th).not.toContain('<script');
    const lessons = res.body.modules[0].lessons;
    expect(lessons.map((l: { title: string }) => l.title)).toEqual(['ถาม-ตอบออนไลน์', 'ฝึกที่ห้องสมุด']);
    expect(lessons[1].session).toMatchObject({ kind: 'onsite_session', venue: 'ห้องสมุดประชาชนเชียงใหม่', mapUrl: 'https://maps.example.org/?q=library', capacity: 30 });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('secret-room');
    expect(text).not.toContain('content');
  });

  it('answers a revalidation with 304 and no body', async () => {
    const first = await http().get('/api/v1/catalog/lanna-cooking').expect(200);
    expect(first.headers.etag).toBeTruthy();
    expect(first.headers['cache-control']).toMatch(/public, max-age=\d+/);
    const again = await http().get('/api/v1/catalog/lanna-cooking').set('If-None-Match', first.headers.etag).expect(304);
    expect(again.text).toBe('');
  });

  it.each(['no-such-course', 'archived-course', 'draft-course'])('is 404 problem+json for %s', async (slug) => {
    const res = await http().get(`/api/v1/catalog/${slug}`).set('Accept-Language', 'th').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'COURSE_NOT_FOUND', title: 'ไม่พบรายวิชานี้' });
  });
});
