import type { Browser, Page, Route } from 'playwright-core';
import { launchChromium, PHONE, setBrowserTextSize } from './support/browser';
import { pageProblems } from './support/page-checks';
import { servePortal, type ServedPortal } from './support/stack';

/**
 * The instructor's teaching screens (issue 7) in the browser, against the built api serving the
 * built portal from a freshly seeded database: the demo instructor signs in and opens one of their
 * demo courses. Every screen passes the page checks (axe WCAG 2.2 A/AA, one h1, landmarks, no
 * sideways scroll) on a 360 px phone in Thai, English and Vietnamese, and at 200 % text.
 *
 * The screens are checked with the contract-shaped data below (a full roster, a session running
 * now, rotating codes), served for the five list endpoints whatever the seeded database holds: the
 * page checks need rows, long Thai names and every status on screen. Sign-in, the session, the
 * course and everything else come from the real API.
 */
jest.setTimeout(300_000);

const DEMO_INSTRUCTOR = { login: 'instructor@demo.baanrian.test', password: 'demo-instructor-2567' };

let stack: ServedPortal;
let baseUrl: string;
let browser: Browser;
let courseId: string;
/** A demo course's on-site session that is over (real data: walk-ins may still be typed in afterwards). */
let sessionCourse: { courseId: string; lessonId: string; title: string } | null = null;

beforeAll(async () => {
  [stack, browser] = await Promise.all([servePortal(), launchChromium()]);
  baseUrl = stack.baseUrl;
  // One of the demo instructor's own courses (the seed publishes them all under that account).
  const signIn = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: DEMO_INSTRUCTOR.login, password: DEMO_INSTRUCTOR.password }),
  });
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  const courses = (await (await fetch(`${baseUrl}/api/v1/studio/courses`, { headers: { Authorization: `Bearer ${accessToken}` } })).json()) as { items: { id: string }[] };
  courseId = courses.items[0].id;
  for (const course of courses.items) {
    const response = await fetch(`${baseUrl}/api/v1/studio/courses/${course.id}/sessions`, { headers: { Authorization: `Bearer ${accessToken}` } });
    const sessions = (await response.json()) as { lessonId: string; title: string; type: string; endsAt: string }[];
    const onsite = Array.isArray(sessions) ? sessions.find((s) => s.type === 'onsite_session' && Date.parse(s.endsAt) < Date.now()) : undefined;
    if (onsite) {
      sessionCourse = { courseId: course.id, lessonId: onsite.lessonId, title: onsite.title };
      break;
    }
  }
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const now = Date.now();
const iso = (offsetMs: number) => new Date(now + offsetMs).toISOString();
const session = {
  lessonId: 'l-e2e-1',
  courseId: 'c-e2e',
  title: 'เวิร์กช็อปงานหัตถกรรมล้านนา ณ ห้องสมุดประชาชนจังหวัดเชียงใหม่',
  type: 'onsite_session',
  startsAt: iso(-600_000),
  endsAt: iso(3_600_000),
  venue: 'ห้องสมุดประชาชนจังหวัดเชียงใหม่ อำเภอเมืองเชียงใหม่',
  enrolled: 3,
  present: 1,
  absent: 1,
  walkIns: 1,
};
/** A QR-like drawing (the API draws the real ones). */
const QR_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><rect width="21" height="21" fill="#fff"/><path d="M1 1h7v7H1zM13 1h7v7h-7zM1 13h7v7H1z" fill="#000"/></svg>';
const people = ['นางสาวมาลี ศรีสุวรรณวงศ์', 'Nguyễn Thị Phương Thảo', 'นายอนันต์ ใจดีเสมอต้นเสมอปลาย'];
const fixtures: Record<string, unknown> = {
  enrollments: {
    items: people.map((displayName, i) => ({
      enrollmentId: `e-${i}`,
      userId: `u-${i}`,
      displayName,
      accountCode: `BR-1000${i}`,
      targetGroup: 'elderly',
      district: 'สารภี',
      status: ['active', 'waitlisted', 'completed'][i],
      channel: i ? 'onsite' : 'online',
      source: ['self', 'bulk', 'walk_in'][i],
      createdAt: iso(-86_400_000),
    })),
    nextCursor: 'next',
  },
  progress: {
    items: people.map((displayName, i) => ({
      userId: `u-${i}`,
      displayName,
      status: i === 2 ? 'completed' : 'active',
      progressPercent: [35, 0, 100][i],
      completedLessons: [2, 0, 6][i],
      attendedSessions: [1, 0, 2][i],
      completedAt: i === 2 ? iso(-3_600_000) : null,
    })),
    nextCursor: null,
    lessons: [
      { lessonId: 'l-a', title: 'การเตรียมวัสดุและเครื่องมือสำหรับงานจักสาน', completed: 2 },
      { lessonId: 'l-e2e-1', title: session.title, completed: 1 },
    ],
  },
  sessions: [session, { ...session, lessonId: 'l-e2e-2', type: 'live_session', title: 'ถาม-ตอบออนไลน์กับวิทยากร', venue: null, startsAt: iso(86_400_000), endsAt: iso(90_000_000) }],
  roster: {
    session,
    items: people.map((displayName, i) => ({
      userId: `u-${i}`,
      enrollmentId: `e-${i}`,
      displayName,
      accountCode: `BR-1000${i}`,
      targetGroup: 'elderly',
      source: i === 2 ? 'walk_in' : 'self',
      status: [null, 'absent', 'present'][i],
      method: [null, 'roster', 'qr'][i],
      recordedAt: i ? iso(-300_000) : null,
    })),
  },
  code: {
    url: `http://portal.test/check-in/l-e2e-1?c=7QK2M9`,
    code: '7QK2M9',
    rotatesAt: iso(600_000),
    opensAt: iso(-2_400_000),
    closesAt: iso(3_600_000),
    svg: QR_SVG,
    expiresAt: iso(630_000),
    rotatesEverySeconds: 30,
  },
};

const FIXTURE_PATHS: [RegExp, string][] = [
  [/\/studio\/courses\/[^/]+\/enrollments$/, 'enrollments'],
  [/\/studio\/courses\/[^/]+\/progress$/, 'progress'],
  [/\/studio\/courses\/[^/]+\/sessions$/, 'sessions'],
  [/\/studio\/sessions\/[^/]+\/roster$/, 'roster'],
  [/\/studio\/sessions\/[^/]+\/check-in-code$/, 'code'],
];

/** The fixtures for the five list endpoints (GET); every other request goes to the real API. */
async function withFixtures(page: Page): Promise<void> {
  await page.route('**/api/v1/studio/**', async (route: Route) => {
    const { pathname } = new URL(route.request().url());
    const fixture = FIXTURE_PATHS.find(([pattern]) => pattern.test(pathname));
    if (!fixture || route.request().method() !== 'GET') return route.continue();
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(fixtures[fixture[1]]) });
  });
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.waitForSelector('html[data-app-ready]', { state: 'attached' });
  const en = (await page.evaluate(() => document.documentElement.lang)) === 'en';
  await page.getByRole('textbox', { name: en ? 'Email or account code' : 'อีเมลหรือรหัสบัญชี', exact: true }).fill(DEMO_INSTRUCTOR.login);
  await page.getByLabel(en ? 'Password or PIN' : 'รหัสผ่านหรือรหัส PIN', { exact: true }).fill(DEMO_INSTRUCTOR.password);
  await page.getByRole('main').getByRole('button', { name: en ? 'Sign in' : 'เข้าสู่ระบบ', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  await page.getByRole('banner').locator('.account-nav__account').waitFor();
  await page.waitForTimeout(300);
}

/** The UI language, through the header's language picker (the demo profile prefers Thai). */
async function setLocale(page: Page, locale: 'th' | 'en' | 'vi'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== locale) {
    await page.getByRole('banner').getByRole('combobox').selectOption(locale);
    await page.waitForFunction((value) => document.documentElement.lang === value, locale);
  }
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('html[data-app-ready]', { state: 'attached' });
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
}

async function expectLocale(page: Page, locale: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
}

async function expectPageChecks(page: Page, where: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect({ where, problems: await pageProblems(page) }).toEqual({ where, problems: [] });
}

const screens = () => [
  { name: 'roster', path: `/studio/learners?id=${courseId}`, ready: (page: Page) => page.getByRole('grid').first().waitFor() },
  { name: 'progress', path: `/studio/learners?id=${courseId}&tab=progress`, ready: (page: Page) => page.getByRole('grid').nth(1).waitFor() },
  { name: 'import', path: `/studio/learners?id=${courseId}&tab=import`, ready: (page: Page) => page.locator('input[type=file]').waitFor() },
  { name: 'sessions', path: `/studio/sessions?id=${courseId}`, ready: (page: Page) => page.locator('.teaching-list').waitFor() },
  { name: 'attendance', path: `/studio/session?id=l-e2e-1&course=${courseId}`, ready: (page: Page) => page.getByRole('radiogroup').first().waitFor() },
  { name: 'walk-in', path: `/studio/session?id=l-e2e-1&course=${courseId}&tab=walk-in`, ready: (page: Page) => page.locator('input[name=displayName]').waitFor() },
  { name: 'check-in', path: `/studio/check-in?id=l-e2e-1&course=${courseId}`, ready: (page: Page) => page.locator('.teaching-checkin__qr').waitFor() },
];

it('opens the learners and sessions of a demo course from the studio', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en' });
  const page = await context.newPage();
  await withFixtures(page);
  await signIn(page);
  await setLocale(page, 'en');
  await open(page, `/studio/course?id=${courseId}`);
  await page.getByRole('main').getByRole('link', { name: 'Learners and progress' }).click();
  await page.getByRole('heading', { level: 1, name: 'Learners' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/studio/learners');
  await context.close();
});

describe.each(['th', 'en', 'vi'] as const)('in %s at 360 px', (locale) => {
  it('every teaching screen passes the page checks', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale });
    const page = await context.newPage();
    await withFixtures(page);
    await signIn(page);
    await setLocale(page, locale);
    for (const screen of screens()) {
      await open(page, screen.path);
      await screen.ready(page);
      await expectLocale(page, locale);
      await expectPageChecks(page, `${screen.name} (${locale})`);
    }
    await context.close();
  });
});

it('at 200 % text, the attendance, walk-in slip and QR screens still fit 360 px and pass axe', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'th' });
  const page = await context.newPage();
  await withFixtures(page);
  // The fixture session is not in the database: its walk-in answer is the attendance API's shape.
  await page.route('**/api/v1/studio/sessions/*/walk-ins', (route) =>
    route.fulfill({
      status: 201,
      contentType: 'application/json',
      body: JSON.stringify({
        userId: 'u-w',
        accountCode: 'BR-77777',
        displayName: 'นางบุญมี ทองคำ',
        enrollmentId: 'e-w',
        recordedAt: iso(0),
        card: { accountCode: 'BR-77777', oneTimeCode: '493817', signInUrl: `${baseUrl}/card`, qrSvg: QR_SVG, expiresAt: iso(30 * 86_400_000) },
      }),
    }),
  );
  await signIn(page);
  await setLocale(page, 'th');
  await setBrowserTextSize(page, 200);
  for (const screen of screens().filter((s) => ['attendance', 'check-in', 'walk-in'].includes(s.name))) {
    await open(page, screen.path);
    await screen.ready(page);
    await expectPageChecks(page, `${screen.name} at 200 %`);
  }
  // The walk-in slip, then the projector mode of the QR screen.
  await open(page, `/studio/session?id=l-e2e-1&course=${courseId}&tab=walk-in`);
  await page.locator('input[name=displayName]').fill('นางบุญมี ทองคำ');
  await page.getByRole('radio', { name: 'ผู้สูงอายุ' }).check({ force: true });
  await page.getByRole('main').locator('form button[type=submit]').click();
  await page.locator('.teaching-slip').waitFor();
  await expectPageChecks(page, 'walk-in slip at 200 %');

  await open(page, `/studio/check-in?id=l-e2e-1&course=${courseId}`);
  await page.locator('.teaching-checkin__controls button').click();
  await page.locator('.teaching-checkin--projector').waitFor();
  expect(await page.evaluate(() => document.activeElement?.closest('.teaching-checkin__controls') !== null)).toBe(true);
  await page.keyboard.press('Escape');
  await page.locator('.teaching-checkin--projector').waitFor({ state: 'detached' });
  await context.close();
});

it('with the real attendance API: a past session’s sessions list, a walk-in typed in afterwards with its real slip, the roster, and a closed check-in', async () => {
  expect(sessionCourse).not.toBeNull();
  const { courseId: realCourse, lessonId, title } = sessionCourse as NonNullable<typeof sessionCourse>;
  const context = await browser.newContext({ viewport: PHONE, locale: 'en' });
  const page = await context.newPage();
  await signIn(page);
  await setLocale(page, 'en');

  await open(page, `/studio/sessions?id=${realCourse}`);
  const item = page.getByRole('main').locator('li', { has: page.getByRole('heading', { name: title }) });
  await item.waitFor();
  await expectPageChecks(page, 'real sessions');

  // After the session, the paper list of walk-ins is typed in: the API makes the account and the card.
  await item.getByRole('link', { name: 'Add a walk-in' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.locator('input[name=displayName]').fill('Boonmee Thongkham');
  await page.getByRole('radio', { name: 'Elderly' }).check({ force: true });
  await page.getByRole('button', { name: 'Register and mark present' }).click();
  const slip = page.getByRole('region', { name: 'Sign-in slip for Boonmee Thongkham' });
  await slip.waitFor();
  expect(await slip.locator('.sign-in-card__code').first().textContent()).toMatch(/^BR-/);
  await expectPageChecks(page, 'real walk-in slip');

  await page.getByRole('tab', { name: 'Attendance' }).click();
  const walkIn = page.getByRole('radiogroup', { name: 'Boonmee Thongkham' });
  await walkIn.waitFor();
  expect(await walkIn.getByRole('radio', { name: 'Present' }).isChecked()).toBe(true);
  expect(await walkIn.textContent()).toContain('Walk-in');
  await expectPageChecks(page, 'real roster with the walk-in');

  // The API still draws a code; the screen says scans are no longer accepted.
  await open(page, `/studio/check-in?id=${lessonId}&course=${realCourse}`);
  await page.getByRole('img', { name: 'QR code to check in to this session' }).waitFor();
  await page.getByText('Check-in has closed. Mark attendance from the roster instead.').waitFor();
  await page.getByText('1 of 1 checked in').waitFor();
  expect(await page.locator('.teaching-checkin__url').textContent()).toContain(`/check-in/${lessonId}?c=`);
  await expectPageChecks(page, 'real check-in after the window');
  await context.close();
});

it('with the real enrolment and attendance APIs: add a learner, enrol from a CSV file after its report, see them on the roster, mark one present', async () => {
  expect(sessionCourse).not.toBeNull();
  const { courseId: realCourse, lessonId } = sessionCourse as NonNullable<typeof sessionCourse>;
  const context = await browser.newContext({ viewport: PHONE, locale: 'en' });
  const page = await context.newPage();
  await signIn(page);
  await setLocale(page, 'en');

  // One learner by e-mail (instructors may add outside the enrolment window).
  await open(page, `/studio/learners?id=${realCourse}`);
  await page.getByRole('textbox', { name: /E-mail or account code/ }).fill('learner@demo.baanrian.test');
  await page.getByRole('button', { name: 'Enrol learner' }).click();
  await page.getByText(/^learner@demo\.baanrian\.test enrolled: /).waitFor();
  await page.getByRole('grid', { name: 'Enrolments' }).getByText('สมชาย ใจดี (สาธิต)').waitFor();
  await expectPageChecks(page, 'real roster after adding one');

  // A CSV with one good row (the card-only demo learner) and one unknown e-mail.
  await page.getByRole('tab', { name: 'Enrol from a file' }).click();
  await page.getByLabel('Choose a CSV or XLSX file').setInputFiles({
    name: 'learners.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('email,account_code\r\n,BR-25001\r\nnobody@example.org,\r\n', 'utf8'),
  });
  const rejected = page.getByRole('grid', { name: 'Rejected rows' });
  await rejected.waitFor();
  expect(await rejected.getByRole('row').count()).toBe(2);
  expect(await rejected.getByRole('row').nth(1).textContent()).toContain('No account with this e-mail or code');
  await expectPageChecks(page, 'real import report');
  await page.getByRole('button', { name: 'Confirm and enrol 1 learner' }).click();
  await page.getByRole('heading', { name: 'Enrolment from the file is done' }).waitFor();
  await expectPageChecks(page, 'real import result');
  await page.getByRole('button', { name: 'See the roster' }).click();
  await page.getByRole('grid', { name: 'Enrolments' }).getByText('ยายบุญมา (สาธิต)').waitFor();

  // The session's roster now lists both; mark the first present and save.
  await open(page, `/studio/session?id=${lessonId}&course=${realCourse}`);
  const learner = page.getByRole('radiogroup', { name: 'สมชาย ใจดี (สาธิต)' });
  await learner.getByRole('radio', { name: 'Present' }).check({ force: true });
  await page.getByRole('button', { name: 'Save 1 change' }).first().click();
  await page.getByText('Saved 1 change').waitFor();
  expect(await learner.textContent()).toContain('Marked by an instructor');
  await expectPageChecks(page, 'real roster marked');
  await context.close();
});
