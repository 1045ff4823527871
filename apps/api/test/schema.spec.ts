import { createDataSource } from '@baanrian/db';
import { MIGRATIONS } from '@baanrian/migrations';
import { createTestDatabase, type TestDatabase } from '@baanrian/testing';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { generateOpenApiJson } from '../src/openapi';
import { DEMO_ACCOUNTS } from '../src/seed/demo-accounts';
import { DEMO_CATEGORIES, DEMO_COURSES } from '../src/seed/demo-courses';
import { DEMO_LEARNING_SEED } from '../src/seed/demo-learning';
import { DEMO_REPORT_YEAR_SEED } from '../src/seed/demo-report-year';
import { DEMO_ACCOUNTS_SEED, DEMO_CATALOG_SEED, DEMO_INSTRUCTOR_LOGIN, DEMO_SEED, seedDemo } from '../src/seed/demo-seed';

const tables = async (db: DataSource) =>
  (await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r: { tablename: string }) => r.tablename);

describe('migrations', () => {
  let database: TestDatabase;
  let db: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
    db = await createDataSource({ url: database.url }).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('build exactly the schema the entities describe', async () => {
    await db.runMigrations({ transaction: 'each' });
    const diff = await db.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are reversible: every down() undoes its up(), and up() runs again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await db.undoLastMigration({ transaction: 'each' });
    expect(await tables(db)).toEqual(['migrations']);
    await db.runMigrations({ transaction: 'each' });
    expect(await tables(db)).toEqual([
      'app_user',
      'assisted_account',
      'audit_log',
      'catalog_entry',
      'consent_record',
      'course',
      'course_category',
      'course_instructor',
      'course_module',
      'course_seat',
      'course_version',
      'credential',
      'credential_pdf',
      'credential_reconcile_run',
      'credential_template',
      'credential_title_rule',
      'enrollment',
      'enrollment_import',
      'external_identity',
      'issuer_key',
      'issuer_profile',
      'job_failure',
      'lesson',
      'lesson_progress',
      'mail_delivery',
      'media_asset',
      'migrations',
      'notification',
      'outbox_event',
      'password_reset_token',
      'question',
      'question_category',
      'quiz',
      'quiz_attempt',
      'quiz_grade',
      'quiz_grade_change',
      'quiz_regrade',
      'quiz_time_extension',
      'reach_campaign',
      'reach_salt',
      'reach_visit',
      'refresh_token',
      'report_area_month',
      'report_course_day',
      'report_dirty',
      'report_export',
      'report_learner_bucket',
      'report_learner_year',
      'report_plan',
      'report_reach_day',
      'report_reconcile_run',
      'seed_run',
      'session_attendance',
      'sign_in_card',
      'system_ping',
      'user_role',
      'worker_heartbeat',
    ]);
  });
});

describe('demo seed', () => {
  let database: TestDatabase;
  let db: DataSource;
  beforeEach(async () => {
    database = await createTestDatabase();
    db = await createDataSource({ url: database.url }).initialize();
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  it('seeds once: published courses for all five groups, then recognises its own marker', async () => {
    expect(await seedDemo(db)).toBe('seeded');
    const groups = await db.query(`SELECT DISTINCT unnest(target_groups) AS g FROM course WHERE status = 'published' ORDER BY 1`);
    expect(groups.map((r: { g: string }) => r.g)).toEqual(['early_childhood', 'education_staff', 'elderly', 'general_public', 'youth']);
    expect(await seedDemo(db)).toBe('already-seeded');
    // The catalog's courses, beside the past fiscal year's archived classes (demo-report-year.spec.ts).
    expect(Number((await db.query(`SELECT count(*) AS n FROM course WHERE status <> 'archived'`))[0].n)).toBe(DEMO_COURSES.length);
  });

  it('publishes the demo courses as an instructor would: owner, category, modules and lessons, versions and catalog rows', async () => {
    const now = new Date('2026-11-23T04:00:00Z');
    expect(await seedDemo(db, now)).toBe('seeded');
    const courses = await db.query(
      `SELECT c.slug, u.email AS owner, cat.slug AS category, c.published_version, c.starts_at,
              (SELECT count(*)::int FROM course_module m WHERE m.course_id = c.id) AS modules
       FROM course c JOIN app_user u ON u.id = c.owner_id JOIN course_category cat ON cat.id = c.category_id
       WHERE c.slug = ANY($1) ORDER BY c.published_at DESC`,
      [DEMO_COURSES.map((c) => c.slug)],
    );
    expect(courses.map((c: { slug: string }) => c.slug)).toEqual(DEMO_COURSES.map((c) => c.slug));
    for (const course of courses) {
      expect(course).toMatchObject({ owner: DEMO_INSTRUCTOR_LOGIN, published_version: 1 });
      expect(course.modules).toBeGreaterThanOrEqual(1);
      expect(course.modules).toBeLessThanOrEqual(3);
    }
    expect(Number((await db.query(`SELECT count(*) AS n FROM course_category`))[0].n)).toBe(DEMO_CATEGORIES.length);
    const catalog = await db.query(`SELECT e.version, e.fiscal_year FROM catalog_entry e JOIN course_version v ON v.course_id = e.course_id AND v.version = e.version`);
    expect(catalog).toHaveLength(DEMO_COURSES.length);
    // Past and upcoming courses: more than one Thai fiscal year.
    expect(new Set(catalog.map((e: { fiscal_year: number }) => e.fiscal_year)).size).toBeGreaterThan(1);
    const types = (await db.query(`SELECT DISTINCT type FROM lesson ORDER BY 1`)).map((r: { type: string }) => r.type);
    expect(types).toEqual(['link', 'live_session', 'onsite_session', 'text', 'video']);
    const [onsite] = await db.query(`SELECT content FROM lesson WHERE type = 'onsite_session' LIMIT 1`);
    expect(onsite.content.address).toContain('เชียงใหม่');
    const [video] = await db.query(`SELECT content FROM lesson WHERE type = 'video' LIMIT 1`);
    expect(video.content).toMatchObject({ source: 'url', captions: [] });
    expect(Number((await db.query(`SELECT count(*) AS n FROM outbox_event WHERE type = 'course.published' AND payload->>'courseId' IN (SELECT id::text FROM course WHERE slug = ANY($1))`, [DEMO_COURSES.map((c) => c.slug)]))[0].n)).toBe(DEMO_COURSES.length);
  });

  it('leaves nothing behind when interrupted, and the next start completes it', async () => {
    await db.query(`CREATE FUNCTION fail_after_three() RETURNS trigger AS $$
      BEGIN IF (SELECT count(*) FROM course) >= 3 THEN RAISE EXCEPTION 'power cut'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.query(`CREATE TRIGGER interrupt BEFORE INSERT ON course FOR EACH ROW EXECUTE FUNCTION fail_after_three()`);
    await expect(seedDemo(db)).rejects.toThrow('power cut');
    for (const table of ['course', 'course_category', 'course_version', 'catalog_entry', 'app_user', 'enrollment', 'seed_run']) {
      expect({ table, rows: Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n) }).toEqual({ table, rows: 0 });
    }

    await db.query('DROP TRIGGER interrupt ON course');
    expect(await seedDemo(db)).toBe('seeded');
    expect((await db.query('SELECT name FROM seed_run ORDER BY name')).map((r: { name: string }) => r.name)).toEqual([DEMO_ACCOUNTS_SEED, DEMO_CATALOG_SEED, DEMO_LEARNING_SEED, DEMO_REPORT_YEAR_SEED, DEMO_SEED]);
    expect(Number((await db.query('SELECT count(*) AS n FROM catalog_entry'))[0].n)).toBe(DEMO_COURSES.length);
  });

  it('seeds the documented demo accounts with their roles, once', async () => {
    expect(await seedDemo(db)).toBe('seeded');
    const users = await db.query(
      `SELECT coalesce(u.email::text, u.account_code) AS login, u.target_group, u.staff_status, array_agg(r.role ORDER BY r.role) AS roles
       FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.email IS NOT NULL OR u.account_code = ANY($1) GROUP BY u.id ORDER BY 1`,
      [DEMO_ACCOUNTS.map((a) => a.login)],
    );
    expect(users).toEqual([
      { login: 'BR-25001', target_group: 'elderly', staff_status: 'none', roles: ['learner'] },
      { login: 'admin@demo.baanrian.test', target_group: 'general_public', staff_status: 'none', roles: ['admin', 'learner'] },
      { login: 'instructor@demo.baanrian.test', target_group: 'education_staff', staff_status: 'confirmed', roles: ['instructor', 'learner'] },
      { login: 'learner@demo.baanrian.test', target_group: 'general_public', staff_status: 'none', roles: ['learner'] },
    ]);
    expect(users.map((u: { login: string }) => u.login).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.login).sort());
    expect(await seedDemo(db)).toBe('already-seeded');
  });

  it('upgrades a demo database seeded before accounts and the published catalog existed', async () => {
    // The first demo seed: a marker and flat, ownerless "published" courses without versions.
    await db.query(`INSERT INTO seed_run (name) VALUES ($1)`, [DEMO_SEED]);
    await db.query(
      `INSERT INTO course (slug, title, summary, target_groups, format, status, published_at)
       SELECT unnest($1::text[]), '{"th":"เก่า"}', '{"th":"เก่า"}', '{youth}', 'self_paced', 'published', now()`,
      [DEMO_COURSES.map((c) => c.slug)],
    );
    expect(await seedDemo(db)).toBe('seeded');
    expect(Number((await db.query('SELECT count(*) AS n FROM app_user WHERE password_hash IS NOT NULL'))[0].n)).toBe(DEMO_ACCOUNTS.length);
    const courses = await db.query(`SELECT c.title, c.owner_id, e.version FROM course c JOIN catalog_entry e ON e.course_id = c.id`);
    expect(courses).toHaveLength(DEMO_COURSES.length);
    expect(courses.every((c: { title: { th: string }; owner_id: string | null }) => c.title.th !== 'เก่า' && c.owner_id !== null)).toBe(true);
    expect((await db.query('SELECT name FROM seed_run ORDER BY name')).map((r: { name: string }) => r.name)).toEqual([DEMO_ACCOUNTS_SEED, DEMO_CATALOG_SEED, DEMO_LEARNING_SEED, DEMO_REPORT_YEAR_SEED, DEMO_SEED]);
    expect(await seedDemo(db)).toBe('already-seeded');
  });

  it('enrols the demo learners with some progress, and completes the course the elderly learner finished', async () => {
    expect(await seedDemo(db)).toBe('seeded');
    const rows = await db.query(
      `SELECT coalesce(u.email::text, u.account_code) AS login, c.slug, e.status, s.taken,
              (SELECT count(*)::int FROM lesson_progress p WHERE p.enrollment_id = e.id AND p.status = 'completed') AS done
       FROM enrollment e JOIN app_user u ON u.id = e.user_id JOIN course c ON c.id = e.course_id JOIN course_seat s ON s.course_id = c.id
       WHERE u.password_hash IS NOT NULL ORDER BY 1, 2`,
    );
    expect(rows).toEqual([
      { login: 'BR-25001', slug: 'healthy-ageing-at-home', status: 'completed', taken: 1, done: expect.any(Number) },
      { login: 'BR-25001', slug: 'smartphone-for-seniors', status: 'active', taken: 1, done: 1 },
      { login: 'learner@demo.baanrian.test', slug: 'coding-for-youth', status: 'active', taken: 1, done: 0 },
      { login: 'learner@demo.baanrian.test', slug: 'online-selling-basics', status: 'active', taken: 1, done: 2 },
    ]);
    expect(rows[0].done).toBeGreaterThan(2);
    const events = await db.query(`SELECT type, count(*)::int AS n FROM outbox_event WHERE type LIKE 'enrollment.%' GROUP BY type ORDER BY type`);
    expect(events).toEqual([{ type: 'enrollment.completed', n: 1 }, { type: 'enrollment.created', n: 4 }]);
    expect(await seedDemo(db)).toBe('already-seeded');
    expect(Number((await db.query('SELECT count(*) AS n FROM enrollment e JOIN app_user u ON u.id = e.user_id WHERE u.password_hash IS NOT NULL'))[0].n)).toBe(4);
  });

  it('never seeds (public passwords!) into a database that has users of its own', async () => {
    await db.query(`INSERT INTO app_user (account_code, display_name, target_group) VALUES ('BR-99999', 'Real person', 'youth')`);
    expect(await seedDemo(db)).toBe('database-not-empty');
    expect(Number((await db.query('SELECT count(*) AS n FROM app_user'))[0].n)).toBe(1);
  });

  it('never seeds demo data into a database that already has courses', async () => {
    await db.query(`INSERT INTO course (slug, title, summary, target_groups, format) VALUES ('real', '{"th":"จริง"}', '{"th":"จริง"}', '{youth}', 'blended')`);
    expect(await seedDemo(db)).toBe('database-not-empty');
    expect(Number((await db.query('SELECT count(*) AS n FROM course'))[0].n)).toBe(1);
  });
});

describe('the committed OpenAPI document', () => {
  it('matches the API (run `npm run api-client:generate` after changing a controller or DTO)', async () => {
    const committed = readFileSync(path.resolve(__dirname, '../../../libs/api-client/src/openapi.json'), 'utf8');
    expect(await generateOpenApiJson()).toBe(committed);
  });
});
