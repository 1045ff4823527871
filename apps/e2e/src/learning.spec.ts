import type { Browser, Page, Route } from 'playwright-core';
import { launchChromium, PHONE, setBrowserTextSize } from './support/browser';
import { expectPageChecks, signIn } from './support/learner';
import { servePortal, type ServedPortal } from './support/stack';

/**
 * The learner screens (issue 7) in the browser: the built api serving the built portal, the demo
 * learner signed in for real. The learning endpoints answer with data in their OpenAPI shapes through
 * page.route (notes/learning-contract.md), so every state is on screen at once (a locked lesson, a
 * video with captions, a waitlist place, unread notifications) whatever the seed holds. Each
 * screen passes the page checks (axe WCAG 2.2 A/AA, one h1, landmarks, no sideways scroll) on a
 * 360 px phone, in Thai at 200 % text, English and Vietnamese.
 */
jest.setTimeout(240_000);

let stack: ServedPortal;
let baseUrl: string;
let browser: Browser;
let course: { id: string; slug: string };

beforeAll(async () => {
  [stack, browser] = await Promise.all([servePortal(), launchChromium()]);
  baseUrl = stack.baseUrl;
  const catalog = (await (await fetch(`${baseUrl}/api/v1/catalog`)).json()) as { items: { id: string; slug: string }[] };
  course = catalog.items[0];
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const iso = (minutesFromNow: number) => new Date(Date.now() + minutesFromNow * 60_000).toISOString();

const noContent = { bodyHtml: null, videoSource: null, mediaId: null, url: null, captions: [], transcript: null, description: null, meetingUrl: null, quizId: null };
const notStarted = { status: 'not_started', percent: 0, positionSeconds: null, completedAt: null };
const lesson = (fields: Record<string, unknown>, content: Record<string, unknown> | null = {}) => ({
  required: true,
  durationMinutes: null,
  startsAt: null,
  endsAt: null,
  venue: null,
  address: null,
  mapUrl: null,
  bodyHtml: null,
  locked: false,
  progress: notStarted,
  ...fields,
  content: content && { ...noContent, ...content },
});

/** Shapes of the learning API's OpenAPI document (enrolment, attendance and progress modules). */
function fixtures(courseId: string, slug: string): Record<string, unknown> {
  const title = { th: 'การใช้สมาร์ตโฟนเบื้องต้นสำหรับผู้สูงอายุ', en: 'Smartphone basics for older adults', vi: 'Điện thoại thông minh cơ bản' };
  const summary = { slug, title, nextSession: null, resumeLessonId: null, waitlistPosition: null, completedAt: null };
  return {
    enrollment: {
      enrollment: { id: 'e-1', courseId, userId: 'u', status: 'waitlisted', channel: 'onsite', source: 'self', waitlistPosition: 3, createdAt: iso(-60), activatedAt: null, completedAt: null },
      seats: { capacity: 30, taken: 30, waitlisted: 5 },
      open: true,
      opensAt: null,
      closesAt: iso(60 * 24 * 7),
      channels: ['online', 'onsite'],
    },
    learning: {
      current: [
        {
          ...summary,
          courseId,
          enrollmentId: 'e-1',
          format: 'blended',
          progressPercent: 45,
          nextSession: { lessonId: 'l-4', title: 'ฝึกใช้ไลน์ที่ห้องสมุดประชาชน', type: 'onsite_session', startsAt: iso(60 * 24), endsAt: iso(60 * 27), venue: 'ห้องสมุดประชาชนเชียงใหม่' },
          resumeLessonId: 'l-2',
          enrollmentStatus: 'active',
        },
      ],
      waitlisted: [{ ...summary, courseId: 'c-w', enrollmentId: 'e-w', format: 'onsite_workshop', progressPercent: 0, enrollmentStatus: 'waitlisted', waitlistPosition: 2 }],
      completed: [{ ...summary, courseId: 'c-d', enrollmentId: 'e-d', format: 'self_paced', progressPercent: 100, enrollmentStatus: 'completed', completedAt: iso(-60 * 24 * 30) }],
      children: [{ userId: 'child-1', displayName: 'น้องมะลิ', current: [], waitlisted: [], completed: [] }],
    },
    player: {
      course: { id: courseId, slug, title, format: 'blended', sequential: true, completionRule: { attendancePercent: 80 } },
      enrollment: { id: 'e-1', status: 'active', channel: 'online', completedAt: null },
      modules: [
        {
          id: 'm-1',
          title: 'เริ่มต้นใช้งานสมาร์ตโฟน',
          lessons: [
            lesson(
              { id: 'l-1', type: 'text', title: 'ยินดีต้อนรับ', durationMinutes: 5, progress: { status: 'completed', percent: 100, positionSeconds: null, completedAt: iso(-60) } },
              { bodyHtml: '<p>สวัสดีค่ะ ยินดีต้อนรับสู่บทเรียน</p>' },
            ),
            lesson(
              { id: 'l-2', type: 'video', title: 'การเปิดและปิดเครื่อง', durationMinutes: 8, progress: { status: 'in_progress', percent: 40, positionSeconds: 95, completedAt: null } },
              { videoSource: 'url', url: '/missing-video.mp4', captions: [{ language: 'th', label: 'ไทย', mediaId: '00000000-0000-4000-8000-000000000000' }], transcript: 'กดปุ่มด้านข้างค้างไว้สามวินาที\nหน้าจอจะสว่างขึ้น' },
            ),
            lesson({ id: 'l-3', type: 'live_session', title: 'ถาม-ตอบสด', required: false, durationMinutes: 60, startsAt: iso(5), endsAt: iso(65) }),
            lesson(
              {
                id: 'l-4',
                type: 'onsite_session',
                title: 'ฝึกใช้ไลน์ที่ห้องสมุดประชาชน',
                durationMinutes: 180,
                locked: true,
                startsAt: iso(60 * 24),
                endsAt: iso(60 * 27),
                venue: 'ห้องสมุดประชาชนเชียงใหม่',
                address: '21 ถ.ราชดำเนิน',
                mapUrl: 'https://maps.example.org/?q=library',
              },
              null,
            ),
          ],
        },
      ],
      progressPercent: 45,
      nextLessonId: 'l-2',
      resumeLessonId: 'l-2',
      completion: { met: false, requiredDone: 1, requiredTotal: 3, attendancePercent: 0, requiredAttendancePercent: 80 },
    },
    notifications: {
      items: [
        { id: 'n-1', type: 'waitlist.promoted', data: { courseId, courseTitle: title }, createdAt: iso(-30), readAt: null },
        { id: 'n-2', type: 'session.reminder-day', data: { courseId, courseTitle: title, lessonId: 'l-4', lessonTitle: 'ฝึกใช้ไลน์ที่ห้องสมุดประชาชน', startsAt: iso(60 * 24) }, createdAt: iso(-10), readAt: null },
        { id: 'n-3', type: 'enrollment.completed', data: { courseId, courseTitle: title }, createdAt: iso(-60 * 48), readAt: iso(-60 * 40) },
      ],
      unread: 2,
      nextCursor: null,
    },
    checkIn: { status: 'present', recordedAt: iso(0), alreadyCheckedIn: false },
  };
}

/** The learning endpoints, answered from the contract's shapes. */
async function fakeLearningApi(page: Page): Promise<void> {
  const data = fixtures(course.id, course.slug);
  const reply = (body: unknown, status = 200) => (route: Route) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route(/\/api\/v1\/courses\/[^/]+\/enrollment/, reply(data.enrollment));
  await page.route(/\/api\/v1\/me\/learning$/, reply(data.learning));
  await page.route(/\/api\/v1\/learning\/courses\//, reply(data.player));
  await page.route(/\/api\/v1\/learning\/lessons\/.+\/progress$/, reply({ lessonId: 'l-1', progress: { status: 'completed', percent: 100, positionSeconds: null, completedAt: iso(0) }, courseProgressPercent: 45, enrollmentStatus: 'active' }));
  await page.route(/\/api\/v1\/me\/notifications(\?.*)?$/, reply(data.notifications));
  await page.route(/\/api\/v1\/sessions\/[^/]+\/check-ins$/, reply(data.checkIn, 201));
}

it.each([
  ['th', 200],
  ['en', 100],
  ['vi', 100],
] as const)('every learner screen passes the page checks in %s at 360 px with %i%% text', async (locale, textSize) => {
  const context = await browser.newContext({ viewport: PHONE, locale });
  const page = await context.newPage();
  await fakeLearningApi(page);
  await signIn(page, baseUrl, locale);
  if (textSize !== 100) await setBrowserTextSize(page, textSize);

  const screens: [string, string, string][] = [
    ['course page with the enrol box', `/courses/${encodeURIComponent(course.slug)}`, '.enrol__status'],
    ['my learning', '/learning', '.learning-card'],
    ['player: video lesson', `/learning/courses/${course.id}?lesson=l-2`, 'video'],
    ['player: live session (join open)', `/learning/courses/${course.id}?lesson=l-3`, '.lesson__session button'],
    ['player: locked session', `/learning/courses/${course.id}?lesson=l-4`, '.lesson__locked'],
    ['notifications', '/notifications', '.notification'],
    ['check-in', '/check-in/l-4?c=ABC123', '.check-in__result'],
  ];
  for (const [where, path, ready] of screens) {
    await page.goto(`${baseUrl}${path}`);
    await page.waitForSelector('html[data-app-ready]', { state: 'attached' });
    await page.locator(ready).first().waitFor();
    await expectPageChecks(page, `${where} (${locale})`, { networkIdle: true, settleMs: 200 });
  }

  // The header counts unread notifications.
  await page.getByRole('navigation').first().locator('.site-nav__badge').getByText('2').waitFor();
  await context.close();
});

it('runs the player by keyboard: the lesson list and the transcript', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en' });
  const page = await context.newPage();
  await fakeLearningApi(page);
  await signIn(page, baseUrl, 'en');
  await page.goto(`${baseUrl}/learning/courses/${course.id}?lesson=l-1`);
  await page.getByRole('heading', { level: 2, name: 'ยินดีต้อนรับ' }).waitFor();
  // Tab to the video lesson in the list and open it with Enter.
  const videoLink = page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: /การเปิดและปิดเครื่อง/ });
  await videoLink.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: 'การเปิดและปิดเครื่อง' }).waitFor();
  const transcript = page.getByText('Transcript', { exact: true });
  await transcript.focus();
  await page.keyboard.press('Enter');
  await page.getByText('กดปุ่มด้านข้างค้างไว้สามวินาที', { exact: false }).waitFor();
  await context.close();
});
