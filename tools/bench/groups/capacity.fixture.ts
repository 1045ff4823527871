import type { PublishedCourseSnapshot, PublishedModule } from '@baanrian/contracts';
import { createDataSource } from '@baanrian/db';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { projectToCatalog } from '../../../apps/api/src/catalog/catalog.projection';
import { BENCH_EMAIL_DOMAIN } from '../data/data.generator';
import { benchQuestion, QUESTIONS_PER_QUIZ } from './grading.fixture';

/** What one virtual learner needs to know before signing in: who it is and where it is enrolled. */
export interface VirtualLearner {
  login: string;
  slug: string;
  courseId: string;
  lessonId: string;
  quizId: string;
  /** Bank ids of the quiz's questions, in benchQuestion order (the response to question i is benchResponse(i)). */
  questionIds: string[];
}

const COURSES = 20;
const GROUPS = ['general_public', 'youth', 'elderly', 'education_staff', 'general_public'];

/**
 * The capacity run's own courses and learners, added to the bench data: COURSES published
 * self-paced courses of a reading lesson and a 20-question quiz (as the studio publishes them:
 * draft row, version snapshot, catalog row), and `count` learners with the bench password (the
 * bench's one argon2id hash: a sign-in costs the same whatever hash it checks), each enrolled in
 * one course. Learners are new accounts so repeated runs never meet an earlier run's attempts.
 */
export async function createCapacityLearners(databaseUrl: string, count: number): Promise<VirtualLearner[]> {
  const db = createDataSource({ url: databaseUrl });
  await db.initialize();
  try {
    const [{ password_hash: hash }] = await db.query(`SELECT password_hash FROM app_user WHERE email LIKE $1 AND password_hash IS NOT NULL LIMIT 1`, [`%@${BENCH_EMAIL_DOMAIN}`]);
    const run = randomUUID().slice(0, 8);
    const courses: Omit<VirtualLearner, 'login'>[] = [];
    for (let c = 0; c < COURSES; c++) courses.push(await createCourse(db, `capacity-${run}-${c}`, GROUPS[c % GROUPS.length]));
    const users: { id: string; email: string }[] = await db.query(
      `INSERT INTO app_user (account_code, email, display_name, target_group, password_hash, preferred_locale)
       SELECT 'BC-' || substr(md5($1 || g), 1, 12), 'capacity-' || $1 || '-' || g || '@' || $2, 'ผู้เรียนทดสอบ ' || g, 'general_public', $3, 'th'
       FROM generate_series(1, $4) g RETURNING id, email`,
      [run, BENCH_EMAIL_DOMAIN, hash, count],
    );
    const seats = users.map((u, n) => ({ user_id: u.id, course_id: courses[n % COURSES].courseId }));
    await db.query(
      `INSERT INTO enrollment (course_id, user_id, status, channel, source, activated_at)
       SELECT course_id, user_id, 'active', 'online', 'self', now() FROM jsonb_to_recordset($1::jsonb) AS s(course_id uuid, user_id uuid)`,
      [JSON.stringify(seats)],
    );
    return users.map((u, n) => ({ login: u.email, ...courses[n % COURSES] }));
  } finally {
    await db.destroy();
  }
}

async function createCourse(db: DataSource, slug: string, group: string): Promise<Omit<VirtualLearner, 'login'>> {
  const title = { th: `ทักษะดิจิทัลสำหรับทุกวัย ${slug.slice(-2)}` };
  const [course] = await db.query(
    `INSERT INTO course (slug, title, summary, description, language, target_groups, format, status, published_version, published_at)
     VALUES ($1, $2, '{"th":"เรียนรู้การใช้โทรศัพท์อย่างปลอดภัย"}', '{"th":"บทเรียนและแบบทดสอบ"}', 'th', $3, 'self_paced', 'published', 1, now()) RETURNING id`,
    [slug, JSON.stringify(title), [group]],
  );
  const questionIds: string[] = [];
  for (let i = 0; i < QUESTIONS_PER_QUIZ; i++) {
    const q = benchQuestion(i) as { type: string };
    const [row] = await db.query(`INSERT INTO question (course_id, type, definition) VALUES ($1, $2, $3::jsonb) RETURNING id`, [course.id, q.type, JSON.stringify(q)]);
    questionIds.push(row.id);
  }
  const [quiz] = await db.query(
    `INSERT INTO quiz (course_id, title, attempts_allowed, question_ids, results_policy) VALUES ($1, 'แบบทดสอบท้ายบท', NULL, $2, 'immediately') RETURNING id`,
    [course.id, questionIds],
  );
  const lessonId = randomUUID();
  const modules: PublishedModule[] = [{
    id: randomUUID(), title: 'บทที่ 1', position: 0,
    lessons: [
      { id: lessonId, type: 'text', title: 'อ่านก่อนทำแบบทดสอบ', required: true, position: 0, durationMinutes: 10, content: { body: 'การตั้งรหัสผ่านที่ปลอดภัย และการสังเกตข้อความหลอกลวง '.repeat(20) } },
      { id: randomUUID(), type: 'quiz', title: 'แบบทดสอบ', required: true, position: 1, durationMinutes: 15, content: { quizId: quiz.id } },
    ],
  }];
  // The draft rows too, as the studio keeps them: progress finds a lesson's course through them.
  for (const module of modules) {
    await db.query(`INSERT INTO course_module (id, course_id, title, position) VALUES ($1, $2, $3, $4)`, [module.id, course.id, module.title, module.position]);
    for (const l of module.lessons) {
      await db.query(
        `INSERT INTO lesson (id, course_id, module_id, type, title, required, position, duration_minutes, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
        [l.id, course.id, module.id, l.type, l.title, l.required, l.position, l.durationMinutes, JSON.stringify(l.content)],
      );
    }
  }
  const now = new Date();
  const snapshot: PublishedCourseSnapshot = {
    courseId: course.id, version: 1, slug, title, summary: { th: 'เรียนรู้การใช้โทรศัพท์อย่างปลอดภัย' }, description: { th: 'บทเรียนและแบบทดสอบ' },
    language: 'th', targetGroups: [group] as PublishedCourseSnapshot['targetGroups'], format: 'self_paced', categorySlug: null, tags: [], coverMediaId: null,
    capacity: null, enrollmentOpensAt: null, enrollmentClosesAt: null, startsAt: null, endsAt: null, learningHours: 1, sequential: false,
    ownerId: randomUUID(), instructorIds: [], modules, publishedAt: now.toISOString(), publishedById: randomUUID(),
  };
  await db.query(`INSERT INTO course_version (course_id, version, snapshot, published_at) VALUES ($1, 1, $2::jsonb, $3)`, [course.id, JSON.stringify(snapshot), now]);
  await projectToCatalog(db.manager, snapshot, now);
  return { slug, courseId: course.id, lessonId, quizId: quiz.id, questionIds };
}
