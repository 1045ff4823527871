import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MeDto, SessionDto } from '../../auth/accounts-api';
import { SESSION_HINT_KEY } from '../../auth/session-store';
import { json, problem, renderApp } from '../../testing/render-app';
import { toastQueue } from '../../ui';
import type { StudioCourseDto, StudioLessonDto } from './studio-api';

/*
 * The studio screens in the whole app (real providers, router, i18n, API client); only fetch and
 * XMLHttpRequest, the network edge, are fakes. Each test checks what an instructor sees and what
 * was sent to the API.
 */

vi.setConfig({ testTimeout: 30_000 });

const instructor = (): MeDto => ({
  id: 'u-teacher',
  email: 'kru.somsri@example.org',
  accountCode: 'BR-20001',
  displayName: 'Kru Somsri',
  phone: null,
  preferredLocale: 'en',
  birthYear: 1980,
  province: null,
  district: null,
  targetGroup: 'education_staff',
  targetGroupSource: 'learner',
  staffStatus: 'none',
  roles: ['learner', 'instructor'],
  isChild: false,
  actingAs: null,
  createdAt: '2025-01-01T00:00:00.000Z',
});

const session = (): SessionDto => ({ accessToken: 'token-1', expiresAt: new Date(Date.now() + 600_000).toISOString(), user: instructor() });

const lesson = (id: string, title: string, moduleId = 'm-1'): StudioLessonDto => ({
  id,
  moduleId,
  type: 'text',
  title,
  required: true,
  position: 0,
  durationMinutes: 10,
  content: { body: `# ${title}` },
});

const studioCourse = (overrides: Partial<StudioCourseDto> = {}): StudioCourseDto => ({
  id: 'c-1',
  slug: 'computer-basics',
  title: { th: 'คอมพิวเตอร์เบื้องต้น' },
  summary: { th: '' },
  description: { th: '' },
  language: 'th',
  targetGroups: ['elderly'],
  format: 'self_paced',
  categoryId: null,
  tags: [],
  coverMediaId: null,
  capacity: null,
  enrollmentOpensAt: null,
  enrollmentClosesAt: null,
  startsAt: null,
  endsAt: null,
  learningHours: null,
  sequential: false,
  completionAttendancePercent: null,
  status: 'draft',
  ownerId: 'u-teacher',
  myRole: 'owner',
  updatedAt: '2026-11-20T00:00:00.000Z',
  publishedVersion: null,
  publishedAt: null,
  archivedAt: null,
  draftRevision: 1,
  hasUnpublishedChanges: true,
  modules: [],
  ...overrides,
});

type Route = (request: Request) => Response | Promise<Response>;

/** A fake API: `routes` by "METHOD /path"; signed in as an instructor with no courses by default. */
function api(routes: Record<string, Route> = {}) {
  const defaults: Record<string, Route> = {
    'POST /api/v1/auth/refresh': () => json(session()),
    'GET /api/v1/courses': () => json({ items: [], total: 0, limit: 50, offset: 0 }),
    'GET /api/v1/studio/courses': () => json({ items: [] }),
    'GET /api/v1/studio/invitations': () => json({ items: [] }),
    'GET /api/v1/categories': () => json({ items: [] }),
    'GET /api/v1/studio/courses/c-1/versions': () => json({ items: [] }),
    'GET /api/v1/studio/courses/c-1/instructors': () => json({ items: [] }),
  };
  return (request: Request) => {
    const { pathname } = new URL(request.url);
    const route = routes[`${request.method} ${pathname}`] ?? defaults[`${request.method} ${pathname}`];
    return route ? route(request) : json(problem({ status: 404, code: 'NOT_FOUND', title: 'Not found' }), 404);
  };
}

const sent = (requests: Request[], method: string, path: string) => requests.filter((r) => r.method === method && new URL(r.url).pathname === path);
const h1 = (name: string) => screen.findByRole('heading', { level: 1, name }, { timeout: 15_000 });
const type = (input: HTMLElement, value: string) => fireEvent.change(input, { target: { value } });
const button = (name: string | RegExp) => screen.getByRole('button', { name });

/** Presses a button from the keyboard (focus, Enter), as a keyboard-only instructor does. */
function pressWithKeyboard(element: HTMLElement) {
  act(() => element.focus());
  fireEvent.keyDown(element, { key: 'Enter', code: 'Enter' });
  fireEvent.keyUp(element, { key: 'Enter', code: 'Enter' });
}

beforeEach(() => {
  toastQueue.clear();
  localStorage.clear();
  localStorage.setItem('baanrian.locale', 'en');
  localStorage.setItem(SESSION_HINT_KEY, '1'); // this browser signed in before: the session is restored
});

describe('my courses', () => {
  it('creates a course, then saves its details with the draft revision', async () => {
    let created: Record<string, unknown> = {};
    let patched: Record<string, unknown> = {};
    let course = studioCourse();
    const { requests } = renderApp({
      url: '/studio',
      handler: api({
        'POST /api/v1/studio/courses': async (request) => {
          created = (await request.json()) as Record<string, unknown>;
          return json(course, 201);
        },
        'GET /api/v1/studio/courses/c-1': () => json(course),
        'PATCH /api/v1/studio/courses/c-1': async (request) => {
          patched = (await request.json()) as Record<string, unknown>;
          course = { ...course, summary: patched.summary as StudioCourseDto['summary'], draftRevision: 2 };
          return json(course);
        },
      }),
    });
    await h1('My courses');
    expect(await screen.findByText('No courses yet')).toBeTruthy();

    fireEvent.click(button('Create a course'));
    fireEvent.click(screen.getByRole('radio', { name: 'ไทย' }));
    type(screen.getByRole('textbox', { name: /Title in ไทย/ }), 'คอมพิวเตอร์เบื้องต้น');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Elderly' }));
    fireEvent.click(button('Create course'));

    await h1('คอมพิวเตอร์เบื้องต้น');
    expect(created).toEqual({ title: { th: 'คอมพิวเตอร์เบื้องต้น' }, language: 'th', format: 'self_paced', targetGroups: ['elderly'] });
    expect(window.location.pathname + window.location.search).toBe('/studio/course?id=c-1');
    expect(sent(requests, 'POST', '/api/v1/studio/courses')[0].headers.get('Authorization')).toBe('Bearer token-1');

    // The course language's texts come first.
    const fieldsets = screen.getAllByRole('group').filter((g) => g.tagName === 'FIELDSET');
    expect(fieldsets[0].querySelector('legend')?.textContent).toBe('ไทย (course language)');
    type(screen.getByRole('textbox', { name: 'Short summary in ไทย' }), 'ใช้คอมพิวเตอร์ได้อย่างมั่นใจ');
    fireEvent.click(button('Save changes'));

    expect(await screen.findByText('Changes saved.')).toBeTruthy();
    expect(patched).toMatchObject({ draftRevision: 1, summary: { th: 'ใช้คอมพิวเตอร์ได้อย่างมั่นใจ' }, title: { th: 'คอมพิวเตอร์เบื้องต้น' }, language: 'th' });
  });

  it('shows the Thai fiscal year (Buddhist Era) next to a date', async () => {
    renderApp({ url: '/studio/course?id=c-1', handler: api({ 'GET /api/v1/studio/courses/c-1': () => json(studioCourse({ startsAt: '2026-10-01T02:00:00.000Z' })) }) });
    await h1('คอมพิวเตอร์เบื้องต้น');
    // 1 Oct 2026 is in FY 2570 (1 Oct 2026 – 30 Sep 2027).
    const starts = screen.getByLabelText('Starts') as HTMLInputElement;
    expect(starts.value).toBe('2026-10-01T09:00'); // Bangkok time
    expect(document.getElementById(starts.getAttribute('aria-describedby') ?? '')?.textContent).toContain('Fiscal year 2570 (B.E.)');
  });

  it('accepts a co-teaching invitation', async () => {
    let accepted = false;
    renderApp({
      url: '/studio',
      handler: api({
        'GET /api/v1/studio/invitations': () =>
          json({ items: accepted ? [] : [{ courseId: 'c-9', courseTitle: { th: 'ทักษะดิจิทัล', en: 'Digital skills' }, invitedBy: 'Kru Anan', invitedAt: '2026-11-01T00:00:00Z' }] }),
        'POST /api/v1/studio/invitations/c-9/accept': () => {
          accepted = true;
          return new Response(null, { status: 204 });
        },
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Accept the invitation to co-teach Digital skills' }, { timeout: 15_000 }));
    await waitFor(() => expect(accepted).toBe(true));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Invitations to co-teach' })).toBeNull());
  });
});

describe('course editor', () => {
  it('explains a 409 conflict, and "keep my changes" saves again at the latest revision', async () => {
    const bodies: Record<string, unknown>[] = [];
    let revision = 1;
    renderApp({
      url: '/studio/course?id=c-1',
      handler: api({
        'GET /api/v1/studio/courses/c-1': () => json(studioCourse({ draftRevision: revision })),
        'PATCH /api/v1/studio/courses/c-1': async (request) => {
          bodies.push((await request.json()) as Record<string, unknown>);
          if (bodies.length === 1) {
            revision = 5; // someone else saved meanwhile
            return json(problem({ status: 409, code: 'COURSE_EDIT_CONFLICT', title: 'The course was changed by someone else' }), 409);
          }
          return json(studioCourse({ draftRevision: 6, tags: ['digital'] }));
        },
      }),
    });
    await h1('คอมพิวเตอร์เบื้องต้น');
    type(screen.getByRole('textbox', { name: 'Tags' }), 'digital');
    fireEvent.click(button('Save changes'));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Someone else saved this course');
    expect(within(alert).getByRole('button', { name: 'Load their version' })).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: 'Keep my changes' }));

    expect(await screen.findByText('Changes saved.')).toBeTruthy();
    expect(bodies.map((b) => b.draftRevision)).toEqual([1, 5]);
    expect(bodies[1].tags).toEqual(['digital']);
    expect(screen.queryByText('Someone else saved this course')).toBeNull();
  });

  it('lists the reasons a course cannot be published (422)', async () => {
    renderApp({
      url: '/studio/course?id=c-1&tab=publish',
      handler: api({
        'GET /api/v1/studio/courses/c-1': () => json(studioCourse()),
        'POST /api/v1/studio/courses/c-1/publish': () =>
          json(
            problem({
              status: 422,
              code: 'COURSE_NOT_PUBLISHABLE',
              title: 'This course cannot be published yet',
              reasons: ['The course has no lessons', 'Session "Workshop" ends before it starts'],
            } as never),
            422,
            { 'Content-Language': 'en' },
          ),
      }),
    });
    await h1('คอมพิวเตอร์เบื้องต้น');
    fireEvent.click(await screen.findByRole('button', { name: 'Publish' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading').textContent).toBe('The course cannot be published yet');
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['The course has no lessons', 'Session "Workshop" ends before it starts']);
  });

  it('publishes and shows the version history (who, when)', async () => {
    let published = false;
    renderApp({
      url: '/studio/course?id=c-1&tab=publish',
      handler: api({
        'GET /api/v1/studio/courses/c-1': () => json(studioCourse()),
        'POST /api/v1/studio/courses/c-1/publish': () => {
          published = true;
          return json(studioCourse({ status: 'published', publishedVersion: 1, hasUnpublishedChanges: false }));
        },
        'GET /api/v1/studio/courses/c-1/versions': () =>
          json({ items: published ? [{ version: 1, publishedAt: '2026-11-20T03:00:00.000Z', publishedBy: { id: 'u-teacher', displayName: 'Kru Somsri' } }] : [] }),
      }),
    });
    await h1('คอมพิวเตอร์เบื้องต้น');
    expect(await screen.findByText('Not published yet')).toBeTruthy();
    fireEvent.click(button('Publish'));
    expect(await screen.findByText('Published. Learners now see this version.')).toBeTruthy();
    const row = await waitFor(() => {
      const found = screen.getAllByRole('row').find((r) => r.textContent?.includes('Kru Somsri'));
      if (!found) throw new Error('no version row yet');
      return found;
    });
    expect(row.textContent).toContain('20 Nov 2026');
    expect(row.textContent).toContain('Fiscal year 2570');
    expect(button('Archive')).toBeTruthy();
  });
});

describe('outline', () => {
  it('moves a lesson by keyboard, saves the new order through PUT outline and announces it', async () => {
    let outlineBody: unknown = null;
    const course = studioCourse({
      draftRevision: 3,
      modules: [
        { id: 'm-1', title: 'Getting started', position: 0, lessons: [lesson('l-1', 'Turning it on'), lesson('l-2', 'The mouse')] },
        { id: 'm-2', title: 'The internet', position: 1, lessons: [lesson('l-3', 'Browsers', 'm-2')] },
      ],
    });
    renderApp({
      url: '/studio/course?id=c-1&tab=outline',
      handler: api({
        'GET /api/v1/studio/courses/c-1': () => json(course),
        'PUT /api/v1/studio/courses/c-1/outline': async (request) => {
          outlineBody = await request.json();
          return json({ ...course, draftRevision: 4 });
        },
      }),
    });
    await h1('คอมพิวเตอร์เบื้องต้น');
    pressWithKeyboard(await screen.findByRole('button', { name: 'Move lesson The mouse up' }));

    await waitFor(() => expect(outlineBody).not.toBeNull());
    expect(outlineBody).toEqual({ draftRevision: 3, modules: [{ id: 'm-1', lessonIds: ['l-2', 'l-1'] }, { id: 'm-2', lessonIds: ['l-3'] }] });
    expect(screen.getByText('The mouse moved to position 1 of 2 in Getting started.').getAttribute('role')).toBe('status');
    // Focus stays with the lesson that moved.
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Move lesson The mouse/));
  });

  it('moves a lesson into the next module from the keyboard', async () => {
    let outlineBody: unknown = null;
    const course = studioCourse({
      modules: [
        { id: 'm-1', title: 'Getting started', position: 0, lessons: [lesson('l-1', 'Turning it on'), lesson('l-2', 'The mouse')] },
        { id: 'm-2', title: 'The internet', position: 1, lessons: [lesson('l-3', 'Browsers', 'm-2')] },
      ],
    });
    renderApp({
      url: '/studio/course?id=c-1&tab=outline',
      handler: api({
        'GET /api/v1/studio/courses/c-1': () => json(course),
        'PUT /api/v1/studio/courses/c-1/outline': async (request) => {
          outlineBody = await request.json();
          return json({ ...course, draftRevision: 2 });
        },
      }),
    });
    await h1('คอมพิวเตอร์เบื้องต้น');
    pressWithKeyboard(await screen.findByRole('button', { name: 'Move lesson The mouse down' }));
    await waitFor(() => expect(outlineBody).toEqual({ draftRevision: 1, modules: [{ id: 'm-1', lessonIds: ['l-1'] }, { id: 'm-2', lessonIds: ['l-2', 'l-3'] }] }));
    expect(screen.getByText('The mouse moved to position 1 of 2 in The internet.')).toBeTruthy();
  });

  it('restores the order and says so when the API refuses it', async () => {
    const course = studioCourse({ modules: [{ id: 'm-1', title: 'Getting started', position: 0, lessons: [lesson('l-1', 'Turning it on'), lesson('l-2', 'The mouse')] }] });
    renderApp({
      url: '/studio/course?id=c-1&tab=outline',
      handler: api({
        'GET /api/v1/studio/courses/c-1': () => json(course),
        'PUT /api/v1/studio/courses/c-1/outline': () => json(problem({ status: 409, code: 'COURSE_EDIT_CONFLICT', title: 'Changed elsewhere' }), 409),
      }),
    });
    await h1('คอมพิวเตอร์เบื้องต้น');
    pressWithKeyboard(await screen.findByRole('button', { name: 'Move lesson The mouse up' }));
    expect(await screen.findByText(/The course changed elsewhere/)).toBeTruthy();
    expect(screen.getByText('The new order was not saved; the previous order is back.')).toBeTruthy();
    const titles = screen.getAllByText(/^(Turning it on|The mouse)$/).map((el) => el.textContent);
    expect(titles).toEqual(['Turning it on', 'The mouse']);
  });

  it('adds a text lesson, saves it before asking the API preview, and says when the preview has no lesson bodies', async () => {
    let created: Record<string, unknown> = {};
    const course = studioCourse({ modules: [{ id: 'm-1', title: 'Getting started', position: 0, lessons: [] }] });
    renderApp({
      url: '/studio/course?id=c-1&tab=outline',
      handler: api({
        'GET /api/v1/studio/courses/c-1': () => json(course),
        'POST /api/v1/studio/modules/m-1/lessons': async (request) => {
          created = (await request.json()) as Record<string, unknown>;
          return json({ ...lesson('l-9', 'Welcome'), content: created.content }, 201);
        },
        'GET /api/v1/studio/courses/c-1/preview': () =>
          json({
            courseId: 'c-1',
            modules: [{ id: 'm-1', title: 'Getting started', lessons: [{ id: 'l-9', type: 'text', title: 'Welcome', required: true, durationMinutes: null, startsAt: null, endsAt: null, venue: null, address: null, mapUrl: null }] }],
          }),
      }),
    });
    await h1('คอมพิวเตอร์เบื้องต้น');
    fireEvent.click(await screen.findByRole('button', { name: 'Add a lesson to Getting started' }));
    type(screen.getByRole('textbox', { name: 'Lesson title' }), 'Welcome');
    type(screen.getByRole('textbox', { name: /Lesson text/ }), '**Hello** learners');
    fireEvent.click(button('Save and preview'));
    const preview = await screen.findByRole('region', { name: 'Preview of the lesson text' });
    // CoursePageDto lists lessons without their bodies (those are for enrolled learners, issue 7).
    expect(preview.textContent).toBe('No preview is available for this lesson yet.');
    expect(created).toEqual({ type: 'text', title: 'Welcome', required: true, durationMinutes: null, content: { body: '**Hello** learners' } });
  });

  it('checks a session lesson before saving: the end must follow the start', async () => {
    const course = studioCourse({ modules: [{ id: 'm-1', title: 'Workshops', position: 0, lessons: [] }] });
    const { requests } = renderApp({ url: '/studio/course?id=c-1&tab=outline', handler: api({ 'GET /api/v1/studio/courses/c-1': () => json(course) }) });
    await h1('คอมพิวเตอร์เบื้องต้น');
    fireEvent.click(await screen.findByRole('button', { name: 'Add a lesson to Workshops' }));
    type(screen.getByRole('textbox', { name: 'Lesson title' }), 'Hands-on day');
    fireEvent.click(screen.getByRole('radio', { name: 'On-site session' }));
    type(screen.getByRole('textbox', { name: /Venue/ }), 'Chiang Mai Learning Centre');
    type(screen.getByRole('textbox', { name: /Address/ }), '1 Huay Kaew Rd');
    type(screen.getByLabelText('Starts'), '2026-12-05T13:00');
    type(screen.getByLabelText('Ends'), '2026-12-05T09:00');
    fireEvent.click(button('Save lesson'));
    expect(await screen.findByText('The end must be after the start.')).toBeTruthy();
    expect(sent(requests, 'POST', '/api/v1/studio/modules/m-1/lessons')).toEqual([]);
  });
});

// ---- Uploads: a fake XMLHttpRequest the test drives -------------------------------------------

class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  aborted = false;
  responseHeaders: Record<string, string> = {};
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name] ?? null;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded, total }));
  }
  respond(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.responseHeaders = headers;
    act(() => this.onload?.());
  }
}

describe('media upload', () => {
  beforeEach(() => {
    FakeXhr.last = null;
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
  });
  afterEach(() => vi.unstubAllGlobals());

  const chooseCover = async (name = 'cover.png', type = 'image/png') => {
    renderApp({ url: '/studio/course?id=c-1', handler: api({ 'GET /api/v1/studio/courses/c-1': () => json(studioCourse()) }) });
    await h1('คอมพิวเตอร์เบื้องต้น');
    const input = screen.getByLabelText(/Cover image/) as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['x'.repeat(2048)], name, { type })] } });
    await waitFor(() => expect(FakeXhr.last).not.toBeNull());
    return FakeXhr.last as FakeXhr;
  };

  it('shows progress, then the API problem (413) in the instructor’s words', async () => {
    const xhr = await chooseCover();
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/v1/media');
    expect(xhr.headers).toMatchObject({ 'Content-Type': 'image/png', 'X-Filename': 'cover.png', Authorization: 'Bearer token-1', 'Accept-Language': 'en' });

    xhr.progress(1024, 2048);
    const bar = await screen.findByRole('progressbar', { name: 'Uploading cover.png' });
    expect(bar.getAttribute('aria-valuenow')).toBe('50');

    xhr.respond(413, problem({ status: 413, code: 'MEDIA_TOO_LARGE', title: 'Files can be at most 5 MB' }), { 'Content-Language': 'en' });
    const error = await screen.findByText('Files can be at most 5 MB');
    expect(error.getAttribute('role')).toBe('alert');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByLabelText(/Cover image/).getAttribute('aria-describedby')).toBe(error.id);
  });

  it('shows a 415 (type checked from the bytes) the same way', async () => {
    const xhr = await chooseCover('cover.png', 'image/png');
    xhr.respond(415, problem({ status: 415, code: 'MEDIA_TYPE_NOT_ALLOWED', title: 'This file is not a JPEG, PNG or WebP image' }));
    expect(await screen.findByText('This file is not a JPEG, PNG or WebP image')).toBeTruthy();
  });

  it('cancels an upload in progress', async () => {
    const xhr = await chooseCover();
    xhr.progress(100, 2048);
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel upload' }));
    expect(xhr.aborted).toBe(true);
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('attaches the uploaded image to the course', async () => {
    const xhr = await chooseCover();
    xhr.progress(2048, 2048);
    xhr.respond(201, { id: 'media-1', contentType: 'image/png', size: 2048, fileName: 'cover.png' });
    expect(await screen.findByText('cover.png uploaded.')).toBeTruthy();
    expect((screen.getByRole('img', { name: 'Current cover image' }) as HTMLImageElement).getAttribute('src')).toBe('/api/v1/media/media-1?w=320');
  });
});
