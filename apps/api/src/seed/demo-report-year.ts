import { CONSENT_POLICY_VERSION, type TargetGroup, fiscalYearOf } from '@baanrian/contracts';
import { CourseCategoryEntity, writeOutboxEvent } from '@baanrian/db';
import type { EntityManager } from 'typeorm';
import { removeFromCatalog } from '../catalog/catalog.projection';
import { publishLoaded } from '../courses/course-publish.service';
import { insertCourse } from './demo-course-insert';
import { writeYearTargets } from './demo-report-year.targets';
import { type YearPlan, planYear } from './demo-report-year.plan';
import { planCampaigns, planReachDays } from './demo-report-year.reach';

/** The past fiscal year of a Chiang Mai-like programme arrived with issue 10: demo databases seeded before get it on the next start. */
export const DEMO_REPORT_YEAR_SEED = 'demo-report-year-v1';

const DAY = 86_400_000;

const GROUP_LABELS: Record<TargetGroup, { th: string; en: string; vi: string }> = {
  early_childhood: { th: 'เด็กปฐมวัยที่เรียนกับผู้ปกครอง', en: 'young children learning with a guardian', vi: 'trẻ nhỏ học cùng phụ huynh' },
  youth: { th: 'เยาวชน', en: 'young people', vi: 'thanh thiếu niên' },
  general_public: { th: 'บุคคลทั่วไป', en: 'the general public', vi: 'người dân' },
  education_staff: { th: 'บุคลากรทางการศึกษาและเจ้าหน้าที่ อบจ.', en: 'education personnel and PAO staff', vi: 'cán bộ giáo dục và nhân viên' },
  elderly: { th: 'ผู้สูงอายุ', en: 'older people', vi: 'người cao tuổi' },
};

/**
 * The fiscal year before `now`'s (FY 2569 when seeded in FY 2570), as a report should find it: 40
 * courses the demo instructor published and ran that year, 1,972 learners of Chiang Mai's
 * districts with their enrolments, starts, attendance, progress and completions, recorded and
 * measured reach, and plans for that year and the current one (see demo-report-year.data.ts).
 *
 * Rows are written in bulk (unnest), in the caller's transaction. The year's classes are over,
 * so they are archived after publishing: out of the catalog, their versions and history kept.
 * Nothing is signed here: a `credentials.reconcile` event has the worker issue the certificates
 * of the completions (dated when the worker issues them), and `reports.rebuild` has it rebuild
 * the rollups from these rows.
 */
export async function seedReportYear(manager: EntityManager, now: Date): Promise<void> {
  const [staff]: { owner: string | null; admin: string | null }[] = await manager.query(
    `SELECT (SELECT id FROM app_user WHERE email = 'instructor@demo.baanrian.test') AS owner,
            (SELECT id FROM app_user WHERE email = 'admin@demo.baanrian.test') AS admin`,
  );
  if (!staff.owner) return; // someone removed the demo instructor: leave their demo alone
  const plan = planYear(fiscalYearOf(now) - 1);
  const courseIds = await writeCourses(manager, plan, staff.owner, now);
  const userIds = await writePeople(manager, plan);
  await writeEnrollments(manager, plan, courseIds, userIds);
  await writeSessionsAndProgress(manager, courseIds, staff.owner);
  await writeReach(manager, plan, courseIds, staff.admin);
  await writeYearTargets(manager, plan.fiscalYear, staff.admin);
  await writeOutboxEvent(manager, 'credentials.reconcile', {}, null);
  await writeOutboxEvent(manager, 'reports.rebuild', {}, null);
}

/** Each course through the studio's own insert and publish, then archived once the year is over. */
async function writeCourses(manager: EntityManager, plan: YearPlan, ownerId: string, now: Date): Promise<string[]> {
  const categories = new Map((await manager.find(CourseCategoryEntity)).map((c) => [c.slug, c.id]));
  const archivedAt = new Date(Math.min(plan.end.getTime() + 14 * DAY + 3 * 3_600_000, now.getTime()));
  const ids: string[] = [];
  for (const planned of plan.courses) {
    const label = GROUP_LABELS[planned.group];
    const summary = {
      th: `ชั้นเรียนปีงบประมาณ ${plan.fiscalYear} ของโครงการแหล่งเรียนรู้ออนไลน์สู่บ้านคุณ สำหรับ${label.th}`,
      en: `A fiscal year ${plan.fiscalYear} class of the "online learning to your home" programme, for ${label.en}.`,
      vi: `Lớp học năm tài chính ${plan.fiscalYear} của chương trình "học trực tuyến tại nhà", dành cho ${label.vi}.`,
    };
    const demo = { slug: planned.slug, title: planned.title, summary, targetGroups: [planned.group], format: planned.format, categorySlug: planned.categorySlug, startsInDays: null };
    const writtenAt = new Date(planned.publishedAt.getTime() - 3_600_000);
    const course = await insertCourse(manager, demo, ownerId, categories.get(planned.categorySlug) ?? null, planned.startsAt, writtenAt, planned.capacity);
    await publishLoaded(manager, { course, coTeacherIds: [] }, ownerId, planned.publishedAt);
    await removeFromCatalog(manager, course.id);
    await manager.query(`UPDATE course SET status = 'archived', archived_at = $2 WHERE id = $1`, [course.id, archivedAt]);
    await writeOutboxEvent(manager, 'course.archived', { courseId: course.id }, null);
    ids.push(course.id);
  }
  return ids;
}

/** Learner accounts without email or password (nobody signs in as them); children as guardians' profiles with consent. */
async function writePeople(manager: EntityManager, plan: YearPlan): Promise<string[]> {
  const p = plan.people;
  const rows: { id: string; account_code: string }[] = await manager.query(
    `INSERT INTO app_user (account_code, display_name, preferred_locale, birth_year, province, district, target_group, target_group_source, staff_status, created_at, updated_at)
     SELECT code, name, 'th', birth_year, 'เชียงใหม่', district, target_group,
            CASE WHEN target_group = 'education_staff' THEN 'learner' ELSE 'age' END,
            CASE WHEN target_group = 'education_staff' THEN 'confirmed' ELSE 'none' END, created_at, created_at
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::timestamptz[]) AS t(code, name, birth_year, district, target_group, created_at)
     RETURNING id, account_code`,
    [p.map((x) => x.code), p.map((x) => x.name), p.map((x) => x.birthYear), p.map((x) => x.district), p.map((x) => x.group), p.map((x) => x.createdAt.toISOString())],
  );
  const byCode = new Map(rows.map((r) => [r.account_code, r.id]));
  const ids = p.map((x) => byCode.get(x.code) as string);
  await manager.query(`INSERT INTO user_role (user_id, role, granted_at) SELECT id, 'learner', created_at FROM app_user WHERE id = ANY($1::uuid[])`, [ids]);
  const children = p.flatMap((x, i) => (x.guardian === null ? [] : [{ child: ids[i], guardian: ids[x.guardian], at: x.createdAt.toISOString() }]));
  await manager.query(`UPDATE app_user u SET guardian_id = t.guardian FROM unnest($1::uuid[], $2::uuid[]) AS t(child, guardian) WHERE u.id = t.child`, [
    children.map((c) => c.child),
    children.map((c) => c.guardian),
  ]);
  await manager.query(
    `INSERT INTO consent_record (subject_id, given_by_id, purpose, policy_version, given_at)
     SELECT t.child, t.guardian, purpose, $4, t.at FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS t(child, guardian, at)
     CROSS JOIN unnest(ARRAY['learning', 'participation_reports']) AS purpose`,
    [children.map((c) => c.child), children.map((c) => c.guardian), children.map((c) => c.at), CONSENT_POLICY_VERSION],
  );
  return ids;
}

async function writeEnrollments(manager: EntityManager, plan: YearPlan, courseIds: string[], userIds: string[]): Promise<void> {
  const e = plan.enrollments;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  await manager.query(
    `INSERT INTO enrollment (course_id, user_id, status, channel, source, enrolled_by_id, activated_at, started_at, completed_at, withdrawn_at, created_at, updated_at)
     SELECT t.course_id, t.user_id, t.status, t.channel, t.source, CASE WHEN t.source = 'guardian' THEN u.guardian_id END,
            t.activated_at, t.started_at, t.completed_at, t.withdrawn_at, t.activated_at,
            greatest(t.activated_at, t.started_at, t.completed_at, t.withdrawn_at)
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[])
            AS t(course_id, user_id, status, channel, source, activated_at, started_at, completed_at, withdrawn_at)
       JOIN app_user u ON u.id = t.user_id`,
    [
      e.map((x) => courseIds[x.course]),
      e.map((x) => userIds[x.person]),
      e.map((x) => x.status),
      e.map((x) => x.channel),
      e.map((x) => x.source),
      e.map((x) => iso(x.activatedAt)),
      e.map((x) => iso(x.startedAt)),
      e.map((x) => iso(x.completedAt)),
      e.map((x) => iso(x.withdrawnAt)),
    ],
  );
  await manager.query(
    `UPDATE course_seat s SET taken = (SELECT count(*) FROM enrollment e WHERE e.course_id = s.course_id AND e.status IN ('active', 'completed'))
      WHERE s.course_id = ANY($1::uuid[])`,
    [courseIds],
  );
}

/**
 * Attendance and lesson progress that agree with each enrolment's dates. Live classes: the first
 * session joined at `started_at`, the second at `completed_at` (the instructor marked the others
 * absent); workshops: checked in at `started_at` (a QR scan, or walk-in). Completers finished every
 * required lesson between starting and completing; others read the first one.
 */
async function writeSessionsAndProgress(manager: EntityManager, courseIds: string[], ownerId: string): Promise<void> {
  await manager.query(
    `WITH sessions AS (
       SELECT l.id, l.course_id, l.type, l.ends_at, row_number() OVER (PARTITION BY l.course_id ORDER BY l.starts_at) AS n
         FROM lesson l WHERE l.course_id = ANY($1::uuid[]) AND l.type IN ('live_session', 'onsite_session')
     )
     INSERT INTO session_attendance (lesson_id, course_id, enrollment_id, user_id, status, method, marked_by_id, recorded_at, updated_at)
     SELECT s.id, e.course_id, e.id, e.user_id, a.status, a.method, CASE WHEN a.method = 'roster' THEN $2::uuid END, a.at, a.at
       FROM enrollment e JOIN sessions s ON s.course_id = e.course_id
      CROSS JOIN LATERAL (SELECT
          CASE WHEN s.n = 1 OR e.completed_at IS NOT NULL THEN 'present' ELSE 'absent' END AS status,
          CASE WHEN s.type = 'onsite_session' THEN CASE WHEN e.source = 'walk_in' THEN 'walk_in' ELSE 'qr' END
               WHEN s.n = 1 OR e.completed_at IS NOT NULL THEN 'join' ELSE 'roster' END AS method,
          CASE WHEN s.n = 1 THEN e.started_at WHEN e.completed_at IS NOT NULL THEN e.completed_at ELSE s.ends_at END AS at) a
      WHERE e.course_id = ANY($1::uuid[]) AND e.started_at IS NOT NULL`,
    [courseIds, ownerId],
  );
  await manager.query(
    `WITH required AS (
       SELECT l.id, l.course_id, row_number() OVER (PARTITION BY l.course_id ORDER BY m.position, l.position) AS r, count(*) OVER (PARTITION BY l.course_id) AS n
         FROM lesson l JOIN course_module m ON m.id = l.module_id
        WHERE l.course_id = ANY($1::uuid[]) AND l.starts_at IS NULL AND l.required
     )
     INSERT INTO lesson_progress (enrollment_id, lesson_id, status, percent, completed_at, updated_at)
     SELECT e.id, q.id, 'completed', 100, t.at, t.at
       FROM enrollment e JOIN course c ON c.id = e.course_id JOIN required q ON q.course_id = e.course_id
      CROSS JOIN LATERAL (SELECT CASE WHEN e.completed_at IS NOT NULL THEN e.started_at + (e.completed_at - e.started_at) * q.r / q.n
                                      ELSE e.started_at + interval '20 minutes' END AS at) t
      WHERE e.course_id = ANY($1::uuid[]) AND e.started_at IS NOT NULL
        AND (e.completed_at IS NOT NULL OR (q.r = 1 AND c.format <> 'onsite_workshop'))`,
    [courseIds],
  );
}

async function writeReach(manager: EntityManager, plan: YearPlan, courseIds: string[], adminId: string | null): Promise<void> {
  const idBySlug = new Map(plan.courses.map((c, i) => [c.slug, courseIds[i]]));
  const campaigns = planCampaigns(plan);
  await manager.query(
    `INSERT INTO reach_campaign (channel, starts_on, ends_on, course_id, programme, impressions, reach, note, created_by_id, created_at, updated_at)
     SELECT channel, starts_on, ends_on, course_id, programme, impressions, reach, note, $9::uuid, (ends_on + time '16:00') AT TIME ZONE 'Asia/Bangkok', (ends_on + time '16:00') AT TIME ZONE 'Asia/Bangkok'
       FROM unnest($1::text[], $2::date[], $3::date[], $4::uuid[], $5::text[], $6::int[], $7::int[], $8::text[])
            AS t(channel, starts_on, ends_on, course_id, programme, impressions, reach, note)`,
    [
      campaigns.map((c) => c.channel),
      campaigns.map((c) => c.startsOn),
      campaigns.map((c) => c.endsOn),
      campaigns.map((c) => (c.courseSlug ? idBySlug.get(c.courseSlug) : null)),
      campaigns.map((c) => c.programme),
      campaigns.map((c) => c.impressions),
      campaigns.map((c) => c.reach),
      campaigns.map((c) => c.note),
      adminId,
    ],
  );
  const days = planReachDays(plan, campaigns);
  const courseId = (slug: string | null) => (slug ? (idBySlug.get(slug) as string) : null);
  await manager.query(
    `INSERT INTO report_reach_day (day, page_key, source, utm_campaign, course_id, visitors)
     SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::int[])`,
    [
      days.map((d) => d.day),
      days.map((d) => (d.courseSlug ? `course:${courseId(d.courseSlug)}` : d.pageKey)),
      days.map((d) => d.source),
      days.map((d) => d.utmCampaign),
      days.map((d) => courseId(d.courseSlug)),
      days.map((d) => d.visitors),
    ],
  );
}
