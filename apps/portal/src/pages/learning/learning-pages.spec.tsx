import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MeDto, SessionDto } from '../../auth/accounts-api';
import { SESSION_HINT_KEY } from '../../auth/session-store';
import { coursePage, json, problem, renderApp } from '../../testing/render-app';
import type { EnrollmentDto, MyEnrollmentStateDto, MyLearningDto, NotificationPageDto, PlayerCourseDto, PlayerLessonContentDto, PlayerLessonDto } from './learning-api';
import { PROGRESS_QUEUE_KEY } from './progress-queue';

/*
 * The learner screens in the whole app (real providers, router, i18n, API client); only fetch,
 * the network edge, is faked. Each test checks what a learner sees and what reached the API.
 */

vi.setConfig({ testTimeout: 30_000 });

const learner = (overrides: Partial<MeDto> = {}): MeDto => ({
  id: 'u-learner',
  email: 'malee@example.org',
  accountCode: 'BR-10001',
  displayName: 'Malee',
  phone: null,
  preferredLocale: 'en',
  birthYear: 1985,
  province: null,
  district: null,
  targetGroup: 'general_public',
  targetGroupSource: 'learner',
  staffStatus: 'none',
  roles: ['learner'],
  isChild: false,
  actingAs: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});

const session = (): SessionDto => ({ accessToken: 'token-1', expiresAt: new Date(Date.now() + 600_000).toISOString(), user: learner() });

const COURSE_ID = '00000000-0000-4000-8000-0000000000c1';

const enrollment = (overrides: Partial<EnrollmentDto> = {}): EnrollmentDto => ({
  id: 'e-1',
  courseId: COURSE_ID,
  userId: 'u-learner',
  status: 'active',
  channel: 'onsite',
  source: 'self',
  waitlistPosition: null,
  createdAt: '2026-11-20T00:00:00.000Z',
  activatedAt: '2026-11-20T00:00:00.000Z',
  completedAt: null,
  ...overrides,
});

const state = (overrides: Partial<MyEnrollmentStateDto> = {}): MyEnrollmentStateDto => ({
  enrollment: null,
  seats: { capacity: 30, taken: 12, waitlisted: 0 },
  open: true,
  opensAt: null,
  closesAt: null,
  channels: ['onsite'],
  ...overrides,
});

const workshop = coursePage({ id: COURSE_ID, slug: 'computer-basics', title: { th: 'คอมพิวเตอร์เบื้องต้น', en: 'Computer basics' }, format: 'onsite_workshop', capacity: 30 });

type Route = (request: Request) => Response | Promise<Response>;

/** A fake API: `routes` by "METHOD /path"; signed in as a learner by default. */
function api(routes: Record<string, Route> = {}) {
  const defaults: Record<string, Route> = {
    'POST /api/v1/auth/refresh': () => json(session()),
    'GET /api/v1/catalog/computer-basics': () => json(workshop),
    'GET /api/v1/me/children': () => json({ items: [] }),
    'GET /api/v1/me/notifications': () => json({ items: [], unread: 0, nextCursor: null }),
    [`GET /api/v1/courses/${COURSE_ID}/enrollment`]: () => json(state()),
  };
  return (request: Request) => {
    const { pathname } = new URL(request.url);
    const route = routes[`${request.method} ${pathname}`] ?? defaults[`${request.method} ${pathname}`];
    return route ? route(request) : json(problem({ status: 404, code: 'NOT_FOUND', title: 'Not found' }), 404);
  };
}

const sent = (requests: Request[], method: string, path: string) => requests.filter((r) => r.method === method && new URL(r.url).pathname === path);
const h1 = (name: string | RegExp) => screen.findByRole('heading', { level: 1, name }, { timeout: 15_000 });
const button = (name: string | RegExp) => screen.getByRole('button', { name });

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem('baanrian.locale', 'en');
  localStorage.setItem(SESSION_HINT_KEY, '1');
});

describe('enrol on the course page', () => {
  it('joins the waitlist when the class is full, then leaves it after confirming', async () => {
    let current = state({ seats: { capacity: 2, taken: 2, waitlisted: 3 } });
    const { requests } = renderApp({
      url: '/courses/computer-basics',
      handler: api({
        [`GET /api/v1/courses/${COURSE_ID}/enrollment`]: () => json(current),
        [`POST /api/v1/courses/${COURSE_ID}/enrollment`]: () => {
          current = { ...current, enrollment: enrollment({ status: 'waitlisted', waitlistPosition: 4, activatedAt: null }) };
          return json(current.enrollment, 201);
        },
        [`DELETE /api/v1/courses/${COURSE_ID}/enrollment`]: () => {
          current = { ...current, enrollment: enrollment({ status: 'withdrawn', waitlistPosition: null }) };
          return json(current.enrollment);
        },
      }),
    });
    await h1('Computer basics');
    const box = await screen.findByRole('region', { name: 'Enrolment' }, { timeout: 15_000 });
    expect(await within(box).findByText(/All seats are taken/)).toBeTruthy();
    expect(within(box).getByText(/3 people are on the waitlist/)).toBeTruthy();

    fireEvent.click(within(box).getByRole('button', { name: 'Join the waitlist' }));
    expect(await within(box).findByText(/You are number 4 on the waitlist/)).toBeTruthy();
    const post = sent(requests, 'POST', `/api/v1/courses/${COURSE_ID}/enrollment`);
    expect(post).toHaveLength(1);
    expect(post[0].headers.get('Authorization')).toBe('Bearer token-1');
    expect(await post[0].json()).toEqual({});

    fireEvent.click(within(box).getByRole('button', { name: 'Leave the waitlist' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave the waitlist?' });
    expect(sent(requests, 'DELETE', `/api/v1/courses/${COURSE_ID}/enrollment`)).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Leave the waitlist' }));
    expect(await within(box).findByText(/You withdrew from this course/)).toBeTruthy();
    expect(sent(requests, 'DELETE', `/api/v1/courses/${COURSE_ID}/enrollment`)).toHaveLength(1);
  });

  it('enrols a child chosen among the guardian’s children with consent, and shows the API’s refusal in its words', async () => {
    const { requests } = renderApp({
      url: '/courses/computer-basics',
      handler: api({
        'GET /api/v1/me/children': () =>
          json({
            items: [
              { id: 'child-1', displayName: 'Nong Mali', birthYear: 2016, targetGroup: 'youth', consentGivenAt: '2026-01-01T00:00:00.000Z' },
              { id: 'child-2', displayName: 'Nong Withdrawn', birthYear: 2018, targetGroup: 'youth', consentGivenAt: null },
            ],
          }),
        [`POST /api/v1/courses/${COURSE_ID}/enrollment`]: () =>
          json(problem({ status: 409, code: 'ENROLLMENT_CLOSED', title: 'Enrolment for this course is closed.' }), 409),
      }),
    });
    const box = await screen.findByRole('region', { name: 'Enrolment' }, { timeout: 15_000 });
    const who = await within(box).findByRole('radiogroup', { name: 'Who is this enrolment for?' });
    expect(within(who).queryByRole('radio', { name: 'Nong Withdrawn' })).toBeNull();
    fireEvent.click(within(who).getByRole('radio', { name: 'Nong Mali' }));

    fireEvent.click(await within(box).findByRole('button', { name: 'Enrol Nong Mali' }));
    expect(await within(box).findByText('Enrolment for this course is closed.')).toBeTruthy();
    const gets = sent(requests, 'GET', `/api/v1/courses/${COURSE_ID}/enrollment`);
    expect(new URL(gets[gets.length - 1].url).searchParams.get('forUserId')).toBe('child-1');
    expect(await sent(requests, 'POST', `/api/v1/courses/${COURSE_ID}/enrollment`)[0].json()).toEqual({ forUserId: 'child-1' });
  });

  it('asks a signed-out visitor to sign in and come back', async () => {
    localStorage.removeItem(SESSION_HINT_KEY);
    renderApp({
      url: '/courses/computer-basics',
      handler: api({ 'POST /api/v1/auth/refresh': () => json(problem({ status: 401, code: 'SESSION_EXPIRED', title: 'Session expired' }), 401) }),
    });
    const link = await screen.findByRole('link', { name: 'Sign in to enrol' }, { timeout: 15_000 });
    expect(link.getAttribute('href')).toBe('/sign-in?next=%2Fcourses%2Fcomputer-basics');
  });
});

const myLearning = (): MyLearningDto => ({
  current: [
    {
      courseId: COURSE_ID,
      slug: 'computer-basics',
      title: { th: 'คอมพิวเตอร์เบื้องต้น', en: 'Computer basics' },
      format: 'onsite_workshop',
      enrollmentId: 'e-1',
      waitlistPosition: null,
      completedAt: null,
      progressPercent: 40,
      nextSession: { lessonId: 'l-s', title: 'Practice at the library', type: 'onsite_session', startsAt: '2026-12-01T02:00:00.000Z', endsAt: '2026-12-01T05:00:00.000Z', venue: 'City library' },
      resumeLessonId: 'l-2',
      enrollmentStatus: 'active',
    },
  ],
  waitlisted: [],
  completed: [
    {
      courseId: 'c-2',
      enrollmentId: 'e-2',
      slug: 'line-app',
      title: { th: 'ใช้ไลน์', en: 'Using LINE' },
      format: 'self_paced',
      progressPercent: 100,
      nextSession: null,
      resumeLessonId: null,
      enrollmentStatus: 'completed',
      waitlistPosition: null,
      completedAt: '2026-11-01T00:00:00.000Z',
    },
  ],
  children: [{ userId: 'child-1', displayName: 'Nong Mali', current: [], waitlisted: [], completed: [] }],
});

describe('My learning', () => {
  it('lists current courses with progress, the next session and a resume link; completed courses; each child', async () => {
    renderApp({ url: '/learning', handler: api({ 'GET /api/v1/me/learning': () => json(myLearning()) }) });
    await h1('My learning');
    const current = await screen.findByRole('region', { name: 'Current courses' }, { timeout: 15_000 });
    expect(within(current).getByRole('progressbar', { name: 'Progress' }).getAttribute('aria-valuenow')).toBe('40');
    expect(within(current).getByText(/Practice at the library/)).toBeTruthy();
    expect(within(current).getByRole('link', { name: 'Resume: Computer basics' }).getAttribute('href')).toBe(`/learning/courses/${COURSE_ID}?lesson=l-2`);
    const completed = screen.getByRole('region', { name: 'Completed courses' });
    expect(within(completed).getByRole('link', { name: 'Review: Using LINE' })).toBeTruthy();
    const child = screen.getByRole('region', { name: 'Nong Mali’s learning' });
    expect(within(child).getByText('No courses yet')).toBeTruthy();
    expect(button('Download my sessions (.ics)')).toBeTruthy();
    // The header links to it, marked as the current page.
    expect(screen.getByRole('link', { name: 'My learning' }).getAttribute('aria-current')).toBe('page');
  });
});

const noContent: PlayerLessonContentDto = { bodyHtml: null, videoSource: null, mediaId: null, url: null, captions: [], transcript: null, description: null, meetingUrl: null, quizId: null };
const notStarted = { status: 'not_started', percent: 0, positionSeconds: null, completedAt: null } as const;

function lesson(overrides: Partial<PlayerLessonDto> & Pick<PlayerLessonDto, 'id' | 'type' | 'title'>, content: Partial<PlayerLessonContentDto> = {}): PlayerLessonDto {
  return {
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
    content: { ...noContent, ...content },
    ...overrides,
  };
}

const player = (overrides: Partial<PlayerCourseDto> = {}): PlayerCourseDto => ({
  course: { id: COURSE_ID, slug: 'computer-basics', title: { th: 'คอมพิวเตอร์เบื้องต้น', en: 'Computer basics' }, format: 'blended', sequential: true, completionRule: { attendancePercent: null } },
  enrollment: { id: 'e-1', status: 'active', channel: 'online', completedAt: null },
  modules: [
    {
      id: 'm-1',
      title: 'Getting started',
      lessons: [
        lesson(
          { id: 'l-1', type: 'text', title: 'Welcome', durationMinutes: 5, progress: { status: 'completed', percent: 100, positionSeconds: null, completedAt: '2026-11-20T00:00:00.000Z' } },
          { bodyHtml: '<p>Hello learners</p>' },
        ),
        lesson({ id: 'l-2', type: 'file', title: 'Worksheet' }, { mediaId: 'media-1', description: 'Print it out' }),
        // Locked: the API sends no content.
        { ...lesson({ id: 'l-3', type: 'video', title: 'Using the mouse', durationMinutes: 8, locked: true }), content: null },
      ],
    },
  ],
  progressPercent: 33,
  nextLessonId: 'l-2',
  resumeLessonId: null,
  completion: { met: false, requiredDone: 1, requiredTotal: 3, attendancePercent: null, requiredAttendancePercent: null },
  ...overrides,
});

const videoContent: Partial<PlayerLessonContentDto> = {
  videoSource: 'upload',
  mediaId: 'media-2',
  captions: [{ language: 'en', label: 'English', mediaId: 'vtt-1' }],
  transcript: 'Hold the mouse gently.',
};

describe('course player', () => {
  it('a quiz lesson opens the quiz screen (issue 8)', async () => {
    const withQuiz = player({
      modules: [{ id: 'm-1', title: 'Getting started', lessons: [lesson({ id: 'l-9', type: 'quiz', title: 'Check yourself' }, { quizId: 'qz-1' })] }],
      nextLessonId: 'l-9',
    });
    renderApp({
      url: `/learning/courses/${COURSE_ID}?lesson=l-9`,
      handler: api({ [`GET /api/v1/learning/courses/${COURSE_ID}`]: () => json(withQuiz) }),
    });
    await h1('Computer basics');
    const open = screen.getByRole('link', { name: 'Open the quiz Check yourself' });
    expect(open.getAttribute('href')).toBe('/learning/quizzes/qz-1');
  });

  it('opens the next lesson, shows locked lessons with why, and marks a file lesson as done', async () => {
    const { requests } = renderApp({
      url: `/learning/courses/${COURSE_ID}`,
      handler: api({
        [`GET /api/v1/learning/courses/${COURSE_ID}`]: () => json(player()),
        'PUT /api/v1/learning/lessons/l-2/progress': () => json({ courseProgressPercent: 66, enrollmentStatus: 'active' }),
      }),
    });
    await h1('Computer basics');
    expect(screen.getByRole('progressbar', { name: 'Course progress' }).getAttribute('aria-valuenow')).toBe('33');
    expect(screen.getByText('Required lessons done: 1 of 3')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Lessons' });
    expect(within(nav).getByRole('link', { name: /Worksheet/ }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).queryByRole('link', { name: /Using the mouse/ })).toBeNull();
    expect(within(nav).getByText(/Using the mouse/).closest('li')?.textContent).toContain('Locked');

    expect(screen.getByRole('heading', { level: 2, name: 'Worksheet' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download: Worksheet' }).getAttribute('href')).toBe('/api/v1/media/media-1');
    fireEvent.click(button('Mark as done'));
    expect(await screen.findByText('Done.')).toBeTruthy();
    await waitFor(() => expect(sent(requests, 'PUT', '/api/v1/learning/lessons/l-2/progress')).toHaveLength(1));
    const put = sent(requests, 'PUT', '/api/v1/learning/lessons/l-2/progress')[0];
    expect(put.headers.get('Idempotency-Key')).toBeTruthy();
    expect(await put.json()).toMatchObject({ completed: true });
    await waitFor(() => expect(JSON.parse(localStorage.getItem(PROGRESS_QUEUE_KEY) ?? '[]')).toEqual([]));

    // The locked lesson, opened by its address, says why.
    act(() => window.history.pushState(null, '', `/learning/courses/${COURSE_ID}?lesson=l-3`));
    act(() => window.dispatchEvent(new PopStateEvent('popstate')));
    expect(await screen.findByText(/This lesson is locked: finish the lessons before it first/)).toBeTruthy();
  });

  it('records nothing for an instructor looking at the course (no enrolment)', async () => {
    const course = player({ enrollment: null });
    course.modules[0].lessons[0] = lesson({ id: 'l-1', type: 'text', title: 'Welcome' }, { bodyHtml: '<p>Hello learners</p>' });
    const { requests } = renderApp({ url: `/learning/courses/${COURSE_ID}?lesson=l-1`, handler: api({ [`GET /api/v1/learning/courses/${COURSE_ID}`]: () => json(course) }) });
    await h1('Computer basics');
    expect(screen.getByText('Hello learners')).toBeTruthy();
    expect(screen.getByText('You are viewing this course as an instructor: progress is not recorded.')).toBeTruthy();
    act(() => window.history.pushState(null, '', `/learning/courses/${COURSE_ID}?lesson=l-2`));
    act(() => window.dispatchEvent(new PopStateEvent('popstate')));
    await screen.findByRole('heading', { level: 2, name: 'Worksheet' });
    expect(screen.queryByRole('button', { name: 'Mark as done' })).toBeNull();
    expect(requests.filter((r) => r.method === 'PUT')).toEqual([]);
    expect(localStorage.getItem(PROGRESS_QUEUE_KEY)).toBeNull();
  });

  it('keeps progress made offline, says so, and sends it once back online', async () => {
    let online = false;
    const { requests } = renderApp({
      url: `/learning/courses/${COURSE_ID}?lesson=l-2`,
      handler: (request) => {
        if (!online && new URL(request.url).pathname.endsWith('/progress')) throw new TypeError('Failed to fetch');
        return api({
          [`GET /api/v1/learning/courses/${COURSE_ID}`]: () => json(player()),
          'PUT /api/v1/learning/lessons/l-2/progress': () => json({ courseProgressPercent: 66, enrollmentStatus: 'active' }),
        })(request);
      },
    });
    await h1('Computer basics');
    fireEvent.click(button('Mark as done'));
    expect(await screen.findByText('Done.')).toBeTruthy();
    await waitFor(() => expect(JSON.parse(localStorage.getItem(PROGRESS_QUEUE_KEY) ?? '[]')).toHaveLength(1));
    // Navigator says offline now: the status says it is kept.
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    act(() => window.dispatchEvent(new Event('offline')));
    expect(await screen.findByText(/1 progress update saved offline/)).toBeTruthy();

    online = true;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
    act(() => window.dispatchEvent(new Event('online')));
    await waitFor(() => expect(JSON.parse(localStorage.getItem(PROGRESS_QUEUE_KEY) ?? '[]')).toEqual([]));
    const delivered = sent(requests, 'PUT', '/api/v1/learning/lessons/l-2/progress');
    expect(delivered.length).toBeGreaterThanOrEqual(1);
    // Every attempt of that one update carried the same key: the API applies it once.
    expect(new Set(delivered.map((r) => r.headers.get('Idempotency-Key'))).size).toBe(1);
  });

  it('plays a video with captions and a transcript, resumes where the learner stopped, and completes at 90 % watched', async () => {
    const course = player();
    course.modules[0].lessons[2] = lesson(
      { id: 'l-3', type: 'video', title: 'Using the mouse', progress: { status: 'in_progress', percent: 30, positionSeconds: 120, completedAt: null } },
      videoContent,
    );
    const { requests } = renderApp({
      url: `/learning/courses/${COURSE_ID}?lesson=l-3`,
      handler: api({
        [`GET /api/v1/learning/courses/${COURSE_ID}`]: () => json(course),
        'PUT /api/v1/learning/lessons/l-3/progress': () => json({ courseProgressPercent: 66, enrollmentStatus: 'active' }),
      }),
    });
    await h1('Computer basics');
    const element = document.querySelector('video');
    expect(element?.getAttribute('src')).toBe('/api/v1/media/media-2');
    const track = element?.querySelector('track');
    expect(track?.getAttribute('kind')).toBe('captions');
    expect(track?.getAttribute('srclang')).toBe('en');
    expect(screen.getByText('Transcript')).toBeTruthy();
    expect(screen.getByText('Hold the mouse gently.')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Watched' }).getAttribute('aria-valuenow')).toBe('30');
    if (!element) throw new Error('no video');
    Object.defineProperty(element, 'duration', { configurable: true, value: 400 });
    fireEvent.loadedMetadata(element);
    expect(element.currentTime).toBe(120);

    // A jump to the end is not watching: nothing counts beyond what was played.
    element.currentTime = 390;
    fireEvent.timeUpdate(element);
    element.currentTime = 120;
    fireEvent.timeUpdate(element);
    // Watching on from 2:00 to 6:05 (a timeupdate every second) reaches 91 %: the lesson is done.
    for (let second = 121; second <= 365; second++) {
      element.currentTime = second;
      fireEvent.timeUpdate(element);
    }
    fireEvent.pause(element);
    expect(await screen.findByText('Watched: this lesson is complete.')).toBeTruthy();
    await waitFor(() => expect(JSON.parse(localStorage.getItem(PROGRESS_QUEUE_KEY) ?? '[]')).toEqual([]));
    const bodies = await Promise.all(sent(requests, 'PUT', '/api/v1/learning/lessons/l-3/progress').map((r) => r.json() as Promise<{ percent: number; positionSeconds: number }>));
    expect(bodies.length).toBeGreaterThan(0);
    expect(Math.max(...bodies.map((b) => b.percent))).toBe(91);
    expect(bodies[bodies.length - 1].positionSeconds).toBe(365);
    // Never more than what was played: the jump to 6:30 did not count.
    expect(bodies.every((b) => b.percent <= 91)).toBe(true);
  });
});

describe('check-in', () => {
  it('sends a signed-out learner to sign in, keeping the code', async () => {
    localStorage.removeItem(SESSION_HINT_KEY);
    renderApp({
      url: '/check-in/l-9?c=ABC123',
      handler: api({ 'POST /api/v1/auth/refresh': () => json(problem({ status: 401, code: 'SESSION_EXPIRED', title: 'Session expired' }), 401) }),
    });
    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/sign-in?next=%2Fcheck-in%2Fl-9%3Fc%3DABC123'), { timeout: 15_000 });
  });

  it.each([
    ['first time', () => json({ status: 'present', recordedAt: '2026-11-23T02:05:00.000Z', alreadyCheckedIn: false }, 201), 'You are checked in'],
    ['again', () => json({ status: 'present', recordedAt: '2026-11-23T02:05:00.000Z', alreadyCheckedIn: true }), 'You were already checked in'],
    ['expired code', () => json(problem({ status: 410, code: 'ATTENDANCE_CODE_EXPIRED', title: 'Expired' }), 410), 'This code has expired'],
  ])('posts the code once and says the outcome clearly (%s)', async (_name, answer, heading) => {
    const { requests } = renderApp({ url: '/check-in/l-9?c=ABC123', handler: api({ 'POST /api/v1/sessions/l-9/check-ins': answer }) });
    await h1(new RegExp(heading));
    const posts = sent(requests, 'POST', '/api/v1/sessions/l-9/check-ins');
    expect(posts).toHaveLength(1);
    expect(await posts[0].json()).toEqual({ code: 'ABC123' });
  });
});

describe('notifications', () => {
  const page = (): NotificationPageDto => ({
    items: [
      { id: 'n-1', type: 'waitlist.promoted', data: { courseId: COURSE_ID, courseTitle: { th: 'คอมพิวเตอร์เบื้องต้น', en: 'Computer basics' } }, createdAt: '2026-11-22T03:00:00.000Z', readAt: null },
      {
        id: 'n-2',
        type: 'session.reminder-hour',
        data: { courseId: COURSE_ID, courseTitle: { th: 'คอมพิวเตอร์เบื้องต้น' }, lessonId: 'l-s', lessonTitle: 'ฝึกที่ห้องสมุด', startsAt: '2026-11-23T02:00:00.000Z' },
        createdAt: '2026-11-23T01:00:00.000Z',
        readAt: null,
      },
      { id: 'n-3', type: 'enrollment.completed', data: { courseId: 'c-2', courseTitle: { th: 'ใช้ไลน์', en: 'Using LINE' } }, createdAt: '2026-11-20T03:00:00.000Z', readAt: '2026-11-21T00:00:00.000Z' },
      {
        id: 'n-4',
        type: 'report.export-ready',
        data: { exportId: 'x-1', format: 'csv', kind: 'enrollments', period: 'fy:2569', fileName: 'enrolments-fy2569.csv', expiresAt: '2026-11-21T03:00:00.000Z' },
        createdAt: '2026-11-20T02:00:00.000Z',
        readAt: '2026-11-21T00:00:00.000Z',
      },
    ],
    unread: 2,
    nextCursor: null,
  });

  it('words each type in the reader’s language, counts unread in the header, and marks all read', async () => {
    let current = page();
    const { requests } = renderApp({
      url: '/notifications',
      handler: api({
        'GET /api/v1/me/notifications': () => json(current),
        'POST /api/v1/me/notifications/read-all': () => {
          current = { ...current, unread: 0, items: current.items.map((item) => ({ ...item, readAt: item.readAt ?? '2026-11-23T04:00:00.000Z' })) };
          return json({ ok: true });
        },
      }),
    });
    await h1('Notifications');
    expect(await screen.findByText(/a seat is now yours in Computer basics/)).toBeTruthy();
    expect(screen.getByText(/In one hour: ฝึกที่ห้องสมุด \(คอมพิวเตอร์เบื้องต้น\)/)).toBeTruthy();
    expect(screen.getByText(/You have completed Using LINE/)).toBeTruthy();
    const exportReady = screen.getByText(/Your report export enrolments-fy2569\.csv is ready to download\./).closest('li');
    expect(exportReady && within(exportReady).getByRole('link', { name: 'Open' }).getAttribute('href')).toBe('/admin/reports/builder');
    const header = screen.getByRole('navigation', { name: /main|primary|site/i });
    const link = within(header).getByRole('link', { name: /^Notifications/ });
    await waitFor(() => expect(link.textContent).toBe('Notifications 2 unread'));

    fireEvent.click(button('Mark all as read'));
    await waitFor(() => expect(sent(requests, 'POST', '/api/v1/me/notifications/read-all')).toHaveLength(1));
    expect(await screen.findByText('0 unread')).toBeTruthy();
    await waitFor(() => expect(link.textContent).toBe('Notifications'));
    expect(screen.queryByRole('button', { name: 'Mark as read' })).toBeNull();
  });
});
