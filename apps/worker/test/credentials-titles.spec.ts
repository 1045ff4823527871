import type { AppConfig } from '@baanrian/config';
import { titleAchievementText, validateOpenBadge, verifyDataIntegrity } from '@baanrian/credentials';
import { createDataSource, writeOutboxEvent } from '@baanrian/db';
import { createTestDatabase, eventually, type TestDatabase, testConfig } from '@baanrian/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { CredentialsAwardTitlesJob } from '../src/credentials/credentials-award-titles.job';
import { WorkerModule } from '../src/worker.module';
import { enrolled, person, publishedCourseWithSessions } from './learning-fixtures';

/**
 * "Learning citizen" titles (`credentials.award-titles`) against real PostgreSQL and Redis: a
 * learner who met a rule within its Thai fiscal year (1 October to 30 September, Bangkok time)
 * gets one signed title credential, however often the job runs; each run re-evaluates everyone
 * else, so a learner who qualifies later (more completions, or a rule relaxed) gets it next time.
 */
jest.setTimeout(60_000);

let database: TestDatabase;
let db: DataSource;
let config: AppConfig;
let worker: INestApplicationContext;
const PUBLIC_URL = 'https://learn.example.org';

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url }).initialize();
  config = testConfig(database.url, { PUBLIC_URL });
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
});

afterAll(async () => {
  await worker?.close();
  await db?.destroy();
  await database?.drop();
});

// Thai fiscal year 2569 B.E.: 1 October 2025 00:00 to 30 September 2026 24:00, Bangkok time.
const FY2569_START = '2025-10-01T00:00:00+07:00';
const BEFORE_FY2569 = '2025-09-30T23:59:00+07:00';
const IN_FY2569 = '2026-03-15T10:00:00+07:00';
const IN_FY2570 = '2026-11-01T10:00:00+07:00';

async function courseWithHours(hours: number | null): Promise<string> {
  const { courseId } = await publishedCourseWithSessions(db, []);
  await db.query(`UPDATE course SET learning_hours = $2 WHERE id = $1`, [courseId, hours]);
  return courseId;
}

async function completed(userId: string, courseId: string, at: string): Promise<void> {
  const enrollmentId = await enrolled(db, courseId, userId, 'completed');
  await db.query(`UPDATE enrollment SET completed_at = $2 WHERE id = $1`, [enrollmentId, at]);
}

async function rule(fiscalYear: number, minCompletedCourses: number, minHours: number, active = true): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO credential_title_rule (fiscal_year, name, min_completed_courses, min_hours, active) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [fiscalYear, { th: 'พลเมืองแห่งการเรียนรู้', en: 'Learning citizen' }, minCompletedCourses, minHours, active],
  );
  return id;
}

interface TitleRow {
  id: string;
  user_id: string;
  hours: string;
  achievement_name: string;
  document: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const titles = (ruleId: string): Promise<TitleRow[]> =>
  db.query(`SELECT id, user_id, hours, achievement_name, document FROM credential WHERE kind = 'title' AND source_id = $1 ORDER BY issued_at`, [ruleId]);

const award = (ruleId?: string) => worker.get(CredentialsAwardTitlesJob).handle(ruleId ? { ruleId } : {});

describe('awarding yearly titles', () => {
  let course6a: string;
  let course6b: string;
  let course6c: string;
  let courseNoHours: string;
  let fy2569: string;
  let inactive: string;
  const learners: Record<'qualified' | 'lateStarter' | 'erased' | 'fewHours', string> = { qualified: '', lateStarter: '', erased: '', fewHours: '' };

  beforeAll(async () => {
    [course6a, course6b, course6c, courseNoHours] = [await courseWithHours(6), await courseWithHours(6), await courseWithHours(6), await courseWithHours(null)];
    fy2569 = await rule(2569, 2, 10);
    inactive = await rule(2569, 0, 0, false);
    learners.qualified = (await person(db, 'th', { displayName: 'สมศรี ครบเกณฑ์' })).id;
    learners.lateStarter = (await person(db, 'en', { displayName: 'Late Starter' })).id;
    learners.erased = (await person(db, 'th', { displayName: 'ผู้ใช้ที่ลบบัญชี' })).id;
    learners.fewHours = (await person(db, 'vi', { displayName: 'Nguyễn Văn Ít Giờ' })).id;
    // 2 courses, 12 hours, the first at the very start of the fiscal year.
    await completed(learners.qualified, course6a, FY2569_START);
    await completed(learners.qualified, course6b, IN_FY2569);
    // One completion a minute before the fiscal year began: it counts for the year before.
    await completed(learners.lateStarter, course6a, BEFORE_FY2569);
    await completed(learners.lateStarter, course6b, IN_FY2569);
    // Would qualify, but erased their account: erased people get nothing new.
    await completed(learners.erased, course6a, IN_FY2569);
    await completed(learners.erased, course6b, IN_FY2569);
    await db.query(`UPDATE app_user SET erased_at = now() WHERE id = $1`, [learners.erased]);
    // Two courses but only 6 hours (a course without hours counts 0).
    await completed(learners.fewHours, course6a, IN_FY2569);
    await completed(learners.fewHours, courseNoHours, IN_FY2569);
  });

  it('awards a signed title to each learner who met the rule within the fiscal year, and nobody else', async () => {
    expect(await award(fy2569)).toEqual({ awarded: 1 });
    const [title, ...others] = await titles(fy2569);
    expect(others).toEqual([]);
    expect(title).toMatchObject({ user_id: learners.qualified, hours: '12.00', achievement_name: 'พลเมืองแห่งการเรียนรู้' });
    // The achievement is the rule's, at the URL the API serves it from; the learner's hours are the credits.
    const text = titleAchievementText({ fiscalYear: 2569, name: { th: 'พลเมืองแห่งการเรียนรู้' }, minCompletedCourses: 2, minHours: 10 }, 'th');
    expect(title.document.credentialSubject.achievement).toMatchObject({
      id: `${PUBLIC_URL}/api/v1/credentials/titles/${fy2569}`,
      achievementType: 'Achievement',
      name: text.name,
      description: text.description,
      criteria: { narrative: text.criteriaNarrative },
      creditsAvailable: 12,
    });
    expect(title.document.credentialSubject.achievement.criteria.narrative).toContain('1 ตุลาคม 2568 ถึง 30 กันยายน 2569');
    expect(validateOpenBadge(title.document)).toEqual({ valid: true, errors: [] });
    const keys: { kid: string; public_key_multibase: string }[] = await db.query(`SELECT kid, public_key_multibase FROM issuer_key`);
    const verified = await verifyDataIntegrity(title.document, (method) => {
      const key = keys.find((k) => method.endsWith(`#${k.kid}`));
      return key ? { publicKeyMultibase: key.public_key_multibase } : null;
    });
    expect(verified).toEqual({ verified: true });
    // Delivered like any credential: the issue wrote its event.
    const events = await db.query(`SELECT 1 FROM outbox_event WHERE type = 'credential.issued' AND payload->>'credentialId' = $1`, [title.id]);
    expect(events).toHaveLength(1);
  });

  it('awards once per learner and rule (fiscal year): running again, even twice at the same moment, adds nothing', async () => {
    const again = await Promise.all([award(fy2569), award(), award(fy2569)]);
    expect(again.map((r) => r.awarded)).toEqual([0, 0, 0]);
    expect((await titles(fy2569)).map((t) => t.user_id)).toEqual([learners.qualified]);
  });

  it('re-evaluates on the next run: a learner who completes another course, or meets a relaxed rule, gets the title then', async () => {
    await completed(learners.lateStarter, course6c, IN_FY2569); // now 2 courses, 12 hours within the year
    await db.query(`UPDATE credential_title_rule SET min_hours = 6 WHERE id = $1`, [fy2569]); // the admin relaxes the rule
    // The nightly run (every active rule), twice at once: each newcomer still gets exactly one.
    const runs = await Promise.all([award(), award()]);
    expect(runs[0].awarded + runs[1].awarded).toBe(2);
    const awarded = await titles(fy2569);
    expect(awarded.map((t) => t.user_id).sort()).toEqual([learners.qualified, learners.lateStarter, learners.fewHours].sort());
    const lateStarter = awarded.find((t) => t.user_id === learners.lateStarter);
    // In the learner's language; the completion before 1 October is not counted.
    expect(lateStarter).toMatchObject({ hours: '12.00', achievement_name: 'Learning citizen' });
    expect(lateStarter?.document.credentialSubject.achievement.criteria.narrative).toContain('at least 6 learning hours in Thai fiscal year 2569 B.E.');
    expect(awarded.find((t) => t.user_id === learners.fewHours)?.achievement_name).toBe('พลเมืองแห่งการเรียนรู้'); // no Vietnamese name: Thai
    // Nobody is awarded by an inactive rule, even on request.
    expect(await award(inactive)).toEqual({ awarded: 0 });
    expect(await titles(inactive)).toEqual([]);
  });

  it('carries out an award requested through the outbox (what the admin\'s "award now" writes), then renders and mails it', async () => {
    const fy2570 = await rule(2570, 1, 6);
    await completed(learners.qualified, course6c, IN_FY2570);
    await db.transaction((manager) => writeOutboxEvent(manager, 'credentials.award-titles', { ruleId: fy2570 }, 'req-award-now'));
    const [title] = await eventually(async () => {
      const rows: { id: string; user_id: string; mailed: boolean; pdfs: number }[] = await db.query(
        `SELECT c.id, c.user_id, c.mailed_at IS NOT NULL AS mailed, (SELECT count(*)::int FROM credential_pdf p WHERE p.credential_id = c.id AND p.media_id IS NOT NULL) AS pdfs
           FROM credential c WHERE c.kind = 'title' AND c.source_id = $1`,
        [fy2570],
      );
      return rows.length && rows[0].mailed ? rows : undefined;
    }, 30_000, 'the title awarded, rendered and mailed');
    expect(title).toMatchObject({ user_id: learners.qualified, mailed: true, pdfs: 1 });
    expect(await titles(fy2570)).toHaveLength(1);
  });
});
