import type { AppConfig } from '@baanrian/config';
import { createDataSource, writeOutboxEvent } from '@baanrian/db';
import { QueueName } from '@baanrian/jobs';
import { createTestDatabase, eventually, type SmtpSink, startSmtpSink, type TestDatabase, testConfig } from '@baanrian/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { EnrollmentCompletedJob } from '../src/learning/enrollment-completed.job';
import { EnrollmentPromotedJob } from '../src/learning/enrollment-promoted.job';
import { SESSION_REMINDERS_EVERY_MS } from '../src/learning/learning.scheduler';
import { SessionRemindersJob } from '../src/learning/session-reminders.job';
import { WorkerModule } from '../src/worker.module';
import { enrolled, person, publishedCourseWithSessions } from './learning-fixtures';

/**
 * The worker's side of issue 7 against a real SMTP server: waitlist promotion and completion
 * notices, and session reminders, each exactly once however often the job runs.
 */
let database: TestDatabase;
let db: DataSource;
let smtp: SmtpSink;
let config: AppConfig;
let worker: INestApplicationContext;

beforeAll(async () => {
  smtp = await startSmtpSink();
  database = await createTestDatabase();
  db = await createDataSource({ url: database.url }).initialize();
  config = testConfig(database.url, { SMTP_URL: smtp.url, MAIL_FROM: 'Baanrian <learn@example.org>', PUBLIC_URL: 'https://learn.example.org' });
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
});

afterAll(async () => {
  await worker?.close();
  await smtp?.close();
  await db?.destroy();
  await database?.drop();
});

const mailsTo = (email: string | null) => smtp.mails.filter((mail) => email !== null && mail.envelopeTo.includes(email));
const notifications = (userId: string) => db.query(`SELECT type, data, dedupe_key FROM notification WHERE user_id = $1 ORDER BY created_at, type`, [userId]);
const HOUR = 3_600_000;

describe('waitlist promotion', () => {
  it('is told by mail in the learner\'s language and in their notification list, after the relay delivers the event', async () => {
    const course = await publishedCourseWithSessions(db, [{ startsAt: new Date(Date.now() + 72 * HOUR) }]);
    const learner = await person(db, 'vi', { displayName: 'Nguyễn <b>' });
    const enrollmentId = await enrolled(db, course.courseId, learner.id);
    await db.transaction((manager) => writeOutboxEvent(manager, 'enrollment.promoted', { enrollmentId, courseId: course.courseId, userId: learner.id }, 'req-promote'));

    const [mail] = await eventually(async () => (mailsTo(learner.email).length ? mailsTo(learner.email) : undefined), 15_000, 'the promotion mail');
    expect(mail.subject).toBe('Bạn đã có chỗ: Nấu ăn tại nhà – Baanrian');
    expect(mail.text).toContain('Xin chào Nguyễn <b>,');
    expect(mail.text).toContain(`https://learn.example.org/courses/${course.slug}`);
    expect(mail.html).toContain('Nguyễn &lt;b&gt;');
    const [notice] = await eventually(async () => {
      const rows = await notifications(learner.id);
      return rows.length ? rows : undefined;
    }, 5_000, 'the notification');
    expect(notice).toMatchObject({ type: 'waitlist.promoted', data: { enrollmentId, courseId: course.courseId, courseTitle: { vi: 'Nấu ăn tại nhà' } } });

    // A retried or duplicated job adds nothing.
    const job = worker.get(EnrollmentPromotedJob);
    expect(await job.handle({ enrollmentId, courseId: course.courseId, userId: learner.id })).toBe('duplicate');
    expect(mailsTo(learner.email)).toHaveLength(1);
    expect(await notifications(learner.id)).toHaveLength(1);
  });

  it('tells a learner without email in the list only, and nobody once they withdrew again', async () => {
    const course = await publishedCourseWithSessions(db, []);
    const walkIn = await person(db, 'th', { email: false });
    const enrollmentId = await enrolled(db, course.courseId, walkIn.id);
    const job = worker.get(EnrollmentPromotedJob);
    expect(await job.handle({ enrollmentId, courseId: course.courseId, userId: walkIn.id })).toBe('no-email');
    expect(await notifications(walkIn.id)).toHaveLength(1);
    const gone = await person(db, 'th');
    const withdrawn = await enrolled(db, course.courseId, gone.id, 'withdrawn');
    expect(await job.handle({ enrollmentId: withdrawn, courseId: course.courseId, userId: gone.id })).toBe('stale');
    expect(await notifications(gone.id)).toHaveLength(0);
  });
});

describe('completion notice', () => {
  it('adds one notification however often the job runs', async () => {
    const course = await publishedCourseWithSessions(db, []);
    const learner = await person(db, 'th');
    const enrollmentId = await enrolled(db, course.courseId, learner.id, 'completed');
    const job = worker.get(EnrollmentCompletedJob);
    const data = { enrollmentId, courseId: course.courseId, userId: learner.id };
    expect((await Promise.all([job.handle(data), job.handle(data)])).sort()).toEqual(['added', 'duplicate']);
    expect(await notifications(learner.id)).toEqual([expect.objectContaining({ type: 'enrollment.completed', dedupe_key: `enrollment.completed:${enrollmentId}` })]);
  });
});

describe('session reminders', () => {
  it('remind the day before and the hour before, in each learner\'s language, exactly once with the job run twice', async () => {
    const now = new Date();
    const course = await publishedCourseWithSessions(db, [
      { startsAt: new Date(now.getTime() + 20 * HOUR), title: 'ทำแกงฮังเล' },
      { startsAt: new Date(now.getTime() + 40 * 60_000), type: 'live_session', title: 'ถาม-ตอบ' },
      { startsAt: new Date(now.getTime() + 30 * HOUR), title: 'ไกลเกินไป' },
    ]);
    const [thai, english, noEmail, waiting] = [await person(db, 'th'), await person(db, 'en', { displayName: 'Ann' }), await person(db, 'th', { email: false }), await person(db, 'th')];
    for (const p of [thai, english, noEmail]) await enrolled(db, course.courseId, p.id);
    await enrolled(db, course.courseId, waiting.id, 'waitlisted');

    const job = worker.get(SessionRemindersJob);
    const runs = await Promise.all([job.handle(now), job.handle(now)]);
    await job.handle(now);
    expect(runs[0].reminded + runs[1].reminded).toBeGreaterThanOrEqual(6);

    for (const p of [thai, english, noEmail]) {
      const rows = await notifications(p.id);
      expect(rows.map((r: { dedupe_key: string }) => r.dedupe_key).sort()).toEqual(
        [`session.reminder-day:${course.lessonIds[0]}:${p.id}`, `session.reminder-hour:${course.lessonIds[1]}:${p.id}`].sort(),
      );
    }
    expect(await notifications(waiting.id)).toHaveLength(0);
    const thaiMails = mailsTo(thai.email);
    expect(thaiMails.map((m) => m.subject).sort()).toEqual(['พรุ่งนี้มีนัดเรียน: ทำอาหารพื้นบ้าน – บ้านเรียน', 'อีกหนึ่งชั่วโมงเริ่มเรียน: ทำอาหารพื้นบ้าน – บ้านเรียน'].sort());
    const day = thaiMails.find((m) => m.subject.startsWith('พรุ่งนี้'))!;
    expect(day.text).toContain('"ทำแกงฮังเล" ของรายวิชา "ทำอาหารพื้นบ้าน"');
    expect(day.text).toContain('สถานที่: ศาลาวัดบ้านเหล่า');
    expect(day.text).toContain(String(now.getFullYear() + 543).slice(0, 2)); // a Buddhist-era date
    const englishMails = mailsTo(english.email);
    expect(englishMails.map((m) => m.subject).sort()).toEqual(['Starting in an hour: Home cooking – Baanrian', 'Tomorrow: Home cooking – Baanrian']);
    expect(englishMails.find((m) => m.subject.startsWith('Starting'))!.text).toContain('"ถาม-ตอบ" of "Home cooking" starts in about an hour');

    // 19.5 hours later the first session is an hour away (its hour reminder) and the third within a
    // day (its day reminder): once each; nothing already sent goes again.
    const later = new Date(now.getTime() + 19.5 * HOUR);
    expect((await job.handle(later)).reminded).toBe(6);
    expect((await job.handle(later)).reminded).toBe(0);
    expect(mailsTo(thai.email)).toHaveLength(4);
    expect((await notifications(english.id)).map((r: { dedupe_key: string }) => r.dedupe_key)).toEqual(
      expect.arrayContaining([`session.reminder-hour:${course.lessonIds[0]}:${english.id}`, `session.reminder-day:${course.lessonIds[2]}:${english.id}`]),
    );
    expect(await notifications(english.id)).toHaveLength(4);
  });

  it('are scheduled every 5 minutes on the learning queue', async () => {
    const queue = worker.get<Queue>(getQueueToken(QueueName.Learning));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual([expect.objectContaining({ key: 'learning.session-reminders', every: SESSION_REMINDERS_EVERY_MS, name: 'learning.session-reminders' })]);
    expect(SESSION_REMINDERS_EVERY_MS).toBe(300_000);
  });
});
