import { randomUUID } from 'node:crypto';
import { rebuildRollups } from '@baanrian/reports';
import type { DataSource } from 'typeorm';
import type { Http, Signed } from './accounts-helpers';
import { signUp, signUpAdmin } from './accounts-helpers';

/*
 * Generated report data, written with plain SQL as the rest of the system would have left it:
 * learners across target groups and areas, online and onsite courses by two instructors, and
 * enrolments activated, withdrawn, started and completed across fiscal years 2568 and 2569, with
 * many facts on the 30 Sep / 1 Oct Bangkok boundary; course credentials, measured reach days and
 * recorded campaigns. Then the rollups are rebuilt from it, as the worker would.
 */

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Instants that fall on either side of fiscal-year starts in Bangkok (UTC+7). */
export const BOUNDARY = {
  /** 30 Sep 2025 23:59:59 in Bangkok: the last second of FY 2568 (but 16:59 UTC the same day). */
  lastOf2568: new Date('2025-09-30T16:59:59Z'),
  /** 1 Oct 2025 00:00 in Bangkok: the first instant of FY 2569, still 30 Sep in UTC. */
  firstOf2569: new Date('2025-09-30T17:00:00Z'),
  firstOf2568: new Date('2024-09-30T17:00:00Z'),
  lastOf2569: new Date('2026-09-30T16:59:59Z'),
  firstOf2570: new Date('2026-09-30T17:00:00Z'),
};

const START = Date.parse('2024-09-30T17:00:00Z');
const END = Date.parse('2026-09-30T17:00:00Z');
const GROUPS = ['early_childhood', 'youth', 'general_public', 'education_staff', 'elderly'];
const AREAS: [string | null, string | null][] = [
  ['เชียงใหม่', 'เมืองเชียงใหม่'],
  ['เชียงใหม่', 'สันทราย'],
  ['เชียงใหม่', 'หางดง'],
  ['เชียงใหม่', null],
  ['ลำพูน', 'เมืองลำพูน'],
  ['ลำพูน', 'ป่าซาง'],
  [null, null],
];

export interface ReportWorld {
  admin: Signed;
  instructorA: Signed;
  instructorB: Signed;
  learner: Signed;
  /** Course ids by name (c0…c9). */
  courses: Record<string, string>;
  /** Courses each instructor owns or co-teaches (accepted), as the fixture built them. */
  taughtBy: Record<string, string[]>;
}

interface CourseSpec {
  name: string;
  format: string;
  owner: 'A' | 'B' | null;
  groups: string[];
  hours: number | null;
  title: Record<string, string>;
  publishedAt: Date | null;
  startsAt: Date | null;
}

const COURSES: CourseSpec[] = [
  { name: 'c0', format: 'self_paced', owner: 'A', groups: ['youth', 'general_public'], hours: 6, title: { th: 'ทักษะดิจิทัล', en: 'Digital skills' }, publishedAt: new Date('2024-11-15T03:00:00Z'), startsAt: null },
  { name: 'c1', format: 'online_class', owner: 'A', groups: ['elderly'], hours: 3.5, title: { th: 'สมาร์ตโฟนสำหรับผู้สูงวัย' }, publishedAt: new Date('2024-10-05T03:00:00Z'), startsAt: BOUNDARY.lastOf2568 },
  { name: 'c2', format: 'onsite_workshop', owner: 'A', groups: ['general_public', 'elderly'], hours: 4, title: { th: 'ผ้าทอล้านนา', en: 'Lanna weaving', vi: 'Dệt vải Lanna' }, publishedAt: new Date('2025-08-01T03:00:00Z'), startsAt: BOUNDARY.firstOf2569 },
  { name: 'c3', format: 'blended', owner: 'B', groups: ['education_staff'], hours: 12, title: { th: 'ครูยุคใหม่', en: 'Modern teaching' }, publishedAt: new Date('2026-01-05T03:00:00Z'), startsAt: new Date('2026-03-10T02:00:00Z') },
  { name: 'c4', format: 'onsite_workshop', owner: 'B', groups: ['early_childhood', 'youth'], hours: 2, title: { th: 'นิทานกับลูก' }, publishedAt: new Date('2024-12-01T03:00:00Z'), startsAt: new Date('2025-01-20T02:00:00Z') },
  { name: 'c5', format: 'self_paced', owner: 'A', groups: ['general_public'], hours: 8, title: { th: 'บัญชีครัวเรือน', en: 'Household accounts' }, publishedAt: new Date('2025-10-10T03:00:00Z'), startsAt: null },
  { name: 'c6', format: 'online_class', owner: 'A', groups: ['youth'], hours: null, title: { th: 'เขียนโปรแกรมเบื้องต้น' }, publishedAt: new Date('2026-04-01T03:00:00Z'), startsAt: new Date('2026-06-01T02:00:00Z') },
  { name: 'c7', format: 'onsite_workshop', owner: 'B', groups: ['elderly', 'general_public'], hours: 5, title: { th: 'สมุนไพรใกล้ตัว' }, publishedAt: new Date('2026-08-01T03:00:00Z'), startsAt: BOUNDARY.firstOf2570 },
  { name: 'c8', format: 'self_paced', owner: 'B', groups: ['youth'], hours: 1, title: { th: 'ร่างที่ยังไม่เผยแพร่' }, publishedAt: null, startsAt: null },
  { name: 'c9', format: 'blended', owner: null, groups: ['elderly'], hours: 10, title: { th: 'หลักสูตรเดิม' }, publishedAt: BOUNDARY.firstOf2568, startsAt: null },
];

const iso = (ms: number) => new Date(ms).toISOString();

export async function buildReportWorld(http: Http, db: DataSource, seed = 10): Promise<ReportWorld> {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const instant = (from = START, to = END) => {
    // One fact in eight lands on a boundary second, the rest anywhere in the two fiscal years.
    if (random() < 0.125) return pick([BOUNDARY.lastOf2568, BOUNDARY.firstOf2569, BOUNDARY.firstOf2568, BOUNDARY.lastOf2569]).getTime();
    return from + Math.floor(random() * (to - from));
  };

  const admin = await signUpAdmin(http, db);
  const instructorA = await signUp(http, { displayName: 'ครูเอ ใจดี' });
  const instructorB = await signUp(http, { displayName: 'Teacher Bee' });
  const learner = await signUp(http);
  for (const instructor of [instructorA, instructorB]) await db.query(`INSERT INTO user_role (user_id, role) VALUES ($1, 'instructor')`, [instructor.id]);

  const courses: Record<string, string> = {};
  for (const spec of COURSES) {
    const id = randomUUID();
    courses[spec.name] = id;
    const owner = spec.owner === 'A' ? instructorA.id : spec.owner === 'B' ? instructorB.id : null;
    await db.query(
      `INSERT INTO course (id, slug, title, summary, target_groups, format, status, owner_id, published_at, published_version, starts_at, learning_hours)
       VALUES ($1, $2, $3, '{"th": ""}', $4, $5, $6, $7, $8, $9, $10, $11)`,
      [id, `report-${spec.name}-${id.slice(0, 8)}`, spec.title, spec.groups, spec.format, spec.publishedAt ? 'published' : 'draft', owner, spec.publishedAt, spec.publishedAt ? 1 : null, spec.startsAt, spec.hours],
    );
  }
  // B co-teaches c5 (accepted); B was invited to c6 but never accepted, so c6 is not B's.
  await db.query(`INSERT INTO course_instructor (course_id, user_id, accepted_at) VALUES ($1, $2, now()), ($3, $2, NULL)`, [courses.c5, instructorB.id, courses.c6]);
  const taughtBy = {
    [instructorA.id]: ['c0', 'c1', 'c2', 'c5', 'c6'].map((n) => courses[n]),
    [instructorB.id]: ['c3', 'c4', 'c5', 'c7', 'c8'].map((n) => courses[n]),
  };

  // Learners across groups and areas (some without a province or district, as erased people are).
  const learners: string[] = [];
  const users: unknown[][] = [];
  for (let i = 0; i < 90; i++) {
    const id = randomUUID();
    const [province, district] = pick(AREAS);
    learners.push(id);
    users.push([id, `RPT-${seed}-${i}-${id.slice(0, 6)}`, `ผู้เรียน ${i}`, pick(GROUPS), province, district]);
  }
  await db.query(
    `INSERT INTO app_user (id, account_code, display_name, target_group, province, district)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [0, 1, 2, 3, 4, 5].map((k) => users.map((u) => u[k])),
  );

  const enrolments: unknown[][] = [];
  for (const userId of learners) {
    const taken = COURSES.filter(() => random() < 0.35);
    for (const spec of taken) {
      const onsiteCourse = spec.format === 'onsite_workshop' || (spec.format === 'blended' && random() < 0.5);
      const channel = onsiteCourse ? (random() < 0.9 ? 'onsite' : 'online') : random() < 0.1 ? 'onsite' : 'online';
      const roll = random();
      const id = randomUUID();
      if (roll < 0.08) {
        enrolments.push([id, courses[spec.name], userId, 'waitlisted', channel, iso(instant()), null, null, null, null]);
        continue;
      }
      const activated = instant(START, END - 86_400_000 * 20);
      const started = random() < 0.7 ? Math.min(END - 1, activated + Math.floor(random() * 86_400_000 * 15)) : null;
      const completed = started !== null && random() < 0.55 ? Math.min(END - 1, started + Math.floor(random() * 86_400_000 * 40)) : null;
      const withdrawn = completed === null && random() < 0.2 ? Math.min(END - 1, activated + Math.floor(random() * 86_400_000 * 30)) : null;
      const status = completed ? 'completed' : withdrawn ? 'withdrawn' : 'active';
      enrolments.push([id, courses[spec.name], userId, status, channel, null, iso(activated), started && iso(started), completed && iso(completed), withdrawn && iso(withdrawn)]);
    }
  }
  await db.query(
    `INSERT INTO enrollment (id, course_id, user_id, status, channel, waitlisted_at, activated_at, started_at, completed_at, withdrawn_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[])`,
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => enrolments.map((e) => e[k])),
  );

  await insertCredentials(db, random);
  await insertReach(db, random, courses);
  await rebuildRollups(db.manager);
  return { admin, instructorA, instructorB, learner, courses, taughtBy };
}

/** Course credentials for most completions, issued up to two days later (some across 30 Sep / 1 Oct). */
async function insertCredentials(db: DataSource, random: () => number): Promise<void> {
  const [key]: { id: string }[] = await db.query(
    `INSERT INTO issuer_key (kid, public_key_multibase, public_jwk, private_key_sealed, status, retired_at)
     VALUES ($1, 'z6Mk-test', '{}', '\\x00', 'retired', now()) RETURNING id`,
    [`report-test-${randomUUID()}`],
  );
  const completed: { id: string; course_id: string; user_id: string; completed_at: Date }[] = await db.query(`SELECT id, course_id, user_id, completed_at FROM enrollment WHERE completed_at IS NOT NULL ORDER BY id`);
  for (const e of completed) {
    if (random() < 0.3) continue;
    const issuedAt = new Date(Math.min(END - 1, e.completed_at.getTime() + Math.floor(random() * 2 * 86_400_000)));
    await db.query(
      `INSERT INTO credential (id, kind, source_id, user_id, enrollment_id, verification_code, learner_name, achievement_name, hours, issued_at, issuer_key_id, status_index, document, jwt, revoked_at)
       VALUES (gen_random_uuid(), 'course', $1, $2, $3, $4, 'ผู้เรียน', 'หลักสูตร', 1, $5, $6, nextval('credential_status_index_seq'), '{}', 'x', $7)`,
      [e.course_id, e.user_id, e.id, randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase(), issuedAt, key.id, random() < 0.1 ? new Date() : null],
    );
  }
}

/** Measured reach days (site-wide and course pages, several sources) and recorded campaigns. */
async function insertReach(db: DataSource, random: () => number, courses: Record<string, string>): Promise<void> {
  const days = new Set(['2024-10-01', '2025-09-30', '2025-10-01', '2026-09-30']);
  while (days.size < 40) days.add(new Date(START + 7 * 3600_000 + Math.floor(random() * (END - START))).toISOString().slice(0, 10));
  for (const day of days) {
    for (const source of ['direct', 'facebook', 'line']) {
      if (random() < 0.3) continue;
      await db.query(`INSERT INTO report_reach_day (day, page_key, source, utm_campaign, course_id, visitors) VALUES ($1, '*', $2, '', NULL, $3)`, [day, source, 1 + Math.floor(random() * 200)]);
      for (const name of ['c0', 'c2', 'c5']) {
        if (random() < 0.5) continue;
        await db.query(`INSERT INTO report_reach_day (day, page_key, source, utm_campaign, course_id, visitors) VALUES ($1, $2, $3, 'spring', $4, $5)`, [
          day,
          `course:${courses[name]}`,
          source,
          courses[name],
          1 + Math.floor(random() * 50),
        ]);
      }
    }
  }
  const campaigns: [string, string, string, string | null, number][] = [
    ['facebook', '2025-09-30', '2025-10-15', courses.c2, 5000],
    ['line', '2025-10-01', '2025-10-02', null, 1200],
    ['radio', '2024-10-01', '2024-12-31', null, 800],
    ['youtube', '2026-03-01', '2026-03-31', courses.c3, 2500],
    ['tiktok', '2026-09-30', '2026-10-05', courses.c5, 333],
  ];
  for (const [channel, startsOn, endsOn, courseId, reach] of campaigns) {
    await db.query(`INSERT INTO reach_campaign (channel, starts_on, ends_on, course_id, programme, reach) VALUES ($1, $2, $3, $4, $5, $6)`, [
      channel,
      startsOn,
      endsOn,
      courseId,
      courseId ? null : 'บ้านเรียน',
      reach,
    ]);
  }
}
