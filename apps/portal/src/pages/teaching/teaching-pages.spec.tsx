import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MeDto, SessionDto } from '../../auth/accounts-api';
import { SESSION_HINT_KEY } from '../../auth/session-store';
import { json, problem, renderApp } from '../../testing/render-app';
import { toastQueue } from '../../ui';
import type { AttendanceRosterDto, AttendanceRosterItemDto, CourseProgressDto, EnrollmentImportDto, RosterItemDto, SessionSummaryDto } from './teaching-api';

/*
 * The teaching screens in the whole app (real providers, router, i18n, API client); only fetch and
 * XMLHttpRequest, the network edge, are fakes. Each test checks what an instructor sees and what
 * was sent to the API (the contract's paths and bodies).
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

const course = { id: 'c-1', title: { th: 'คอมพิวเตอร์เบื้องต้น', en: 'Computer basics' }, language: 'th' };

const learner = (n: number, overrides: Partial<RosterItemDto> = {}): RosterItemDto => ({
  enrollmentId: `e-${n}`,
  userId: `u-${n}`,
  displayName: `สมชาย ใจดี ${n}`,
  accountCode: `BR-1000${n}`,
  targetGroup: 'elderly',
  district: 'เมืองเชียงใหม่',
  status: 'active',
  channel: 'onsite',
  source: 'self',
  createdAt: '2026-11-01T03:00:00.000Z',
  ...overrides,
});

const sessionSummary = (overrides: Partial<SessionSummaryDto> = {}): SessionSummaryDto => ({
  lessonId: 'l-1',
  title: 'อบรมที่ห้องสมุดประชาชน',
  type: 'onsite_session',
  startsAt: '2026-11-24T06:00:00.000Z',
  endsAt: '2026-11-24T08:00:00.000Z',
  venue: 'ห้องสมุดประชาชนจังหวัด',
  enrolled: 2,
  present: 1,
  absent: 0,
  walkIns: 0,
  ...overrides,
});

const attendee = (n: number, overrides: Partial<AttendanceRosterItemDto> = {}): AttendanceRosterItemDto => ({
  userId: `u-${n}`,
  enrollmentId: `e-${n}`,
  displayName: `Learner ${n}`,
  accountCode: `BR-1000${n}`,
  targetGroup: 'elderly',
  source: 'self',
  status: null,
  method: null,
  recordedAt: null,
  ...overrides,
});

const attendanceRoster = (items: AttendanceRosterItemDto[]): AttendanceRosterDto => ({ session: sessionSummary(), items });

type Route = (request: Request) => Response | Promise<Response>;

function api(routes: Record<string, Route> = {}) {
  const defaults: Record<string, Route> = {
    'POST /api/v1/auth/refresh': () => json(session()),
    'GET /api/v1/courses': () => json({ items: [], total: 0, limit: 50, offset: 0 }),
    'GET /api/v1/studio/courses/c-1': () => json(course),
    'GET /api/v1/studio/courses/c-1/enrollments': () => json({ items: [learner(1), learner(2, { status: 'waitlisted', channel: 'online', source: 'bulk' })], nextCursor: null }),
  };
  return (request: Request) => {
    const { pathname } = new URL(request.url);
    const route = routes[`${request.method} ${pathname}`] ?? defaults[`${request.method} ${pathname}`];
    return route ? route(request) : json(problem({ status: 404, code: 'NOT_FOUND', title: 'Not found' }), 404);
  };
}

const sent = (requests: Request[], method: string, path: string) => requests.filter((r) => r.method === method && new URL(r.url).pathname === path);
const h1 = (name: string | RegExp) => screen.findByRole('heading', { level: 1, name }, { timeout: 15_000 });
const type = (input: HTMLElement, value: string) => fireEvent.change(input, { target: { value } });
const button = (name: string | RegExp) => screen.getByRole('button', { name });

beforeEach(() => {
  toastQueue.clear();
  localStorage.clear();
  localStorage.setItem('baanrian.locale', 'en');
  localStorage.setItem(SESSION_HINT_KEY, '1');
});

describe('learners', () => {
  it('lists the roster with status, channel and source, and searches by name or code', async () => {
    const { requests } = renderApp({ url: '/studio/learners?id=c-1', handler: api() });
    await h1('Learners');
    expect(await screen.findByText('Computer basics')).toBeTruthy();
    const table = await screen.findByRole('grid', { name: 'Enrolments' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[2]).getByText('Waiting list')).toBeTruthy();
    expect(within(rows[2]).getByText('Online')).toBeTruthy();
    expect(within(rows[2]).getByText('Bulk file')).toBeTruthy();
    expect(within(rows[1]).getByText('Elderly')).toBeTruthy();

    type(screen.getByRole('searchbox', { name: /Name, account code or e-mail/ }), 'BR-10001');
    fireEvent.click(button('Search'));
    await waitFor(() => expect(sent(requests, 'GET', '/api/v1/studio/courses/c-1/enrollments').some((r) => new URL(r.url).searchParams.get('q') === 'BR-10001')).toBe(true));
    // Empty filters are not sent (the API rejects unknown or empty parameters).
    expect(new URL(sent(requests, 'GET', '/api/v1/studio/courses/c-1/enrollments')[0].url).search).toBe('');
  });

  it('pages forward with the cursor and back again', async () => {
    const { requests } = renderApp({
      url: '/studio/learners?id=c-1',
      handler: api({
        'GET /api/v1/studio/courses/c-1/enrollments': (request) =>
          new URL(request.url).searchParams.get('cursor') === 'next-1'
            ? json({ items: [learner(3)], nextCursor: null })
            : json({ items: [learner(1)], nextCursor: 'next-1' }),
      }),
    });
    await screen.findByText('สมชาย ใจดี 1', {}, { timeout: 15_000 });
    fireEvent.click(button('Next page'));
    expect(await screen.findByText('สมชาย ใจดี 3')).toBeTruthy();
    expect(screen.getByText('Page 2: 1 learner')).toBeTruthy();
    expect(sent(requests, 'GET', '/api/v1/studio/courses/c-1/enrollments').map((r) => new URL(r.url).searchParams.get('cursor'))).toContain('next-1');
    fireEvent.click(button('Previous page'));
    expect(await screen.findByText('สมชาย ใจดี 1')).toBeTruthy();
  });

  it('adds one learner by account code and channel, then shows the result', async () => {
    let body: unknown = null;
    renderApp({
      url: '/studio/learners?id=c-1',
      handler: api({
        'POST /api/v1/studio/courses/c-1/enrollments': async (request) => {
          body = await request.json();
          return json({ id: 'e-9', courseId: 'c-1', userId: 'u-9', status: 'waitlisted', channel: 'online', source: 'bulk', waitlistPosition: 1, createdAt: '', activatedAt: null, completedAt: null }, 201);
        },
      }),
    });
    await h1('Learners');
    type(screen.getByRole('textbox', { name: /E-mail or account code/ }), 'BR-10009');
    fireEvent.click(screen.getByRole('radio', { name: 'Online' }));
    fireEvent.click(button('Enrol learner'));
    expect(await screen.findByText('BR-10009 enrolled: Waiting list')).toBeTruthy();
    expect(body).toEqual({ identifier: 'BR-10009', channel: 'online' });
  });

  it('shows the API problem when the account does not exist', async () => {
    renderApp({
      url: '/studio/learners?id=c-1',
      handler: api({
        'POST /api/v1/studio/courses/c-1/enrollments': () =>
          json(problem({ status: 404, code: 'ENROLLMENT_ACCOUNT_NOT_FOUND', title: 'No account with this e-mail or code' }), 404, { 'Content-Language': 'en' }),
      }),
    });
    await h1('Learners');
    type(screen.getByRole('textbox', { name: /E-mail or account code/ }), 'nobody@example.org');
    fireEvent.click(button('Enrol learner'));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('No account with this e-mail or code')).toBeTruthy();
  });

  it('shows progress per learner and completions per lesson', async () => {
    const progress: CourseProgressDto = {
      learners: 2,
      completed: 1,
      items: [
        { userId: 'u-1', displayName: 'Malee', status: 'completed', progressPercent: 100, completedLessons: 5, attendedSessions: 2, completedAt: '2026-11-20T03:00:00.000Z' },
        { userId: 'u-2', displayName: 'Anan', status: 'active', progressPercent: 40, completedLessons: 2, attendedSessions: 0, completedAt: null },
      ],
      nextCursor: null,
      lessons: [{ lessonId: 'l-9', title: 'Using a mouse', type: 'text', required: true, completed: 2, inProgress: 1 }],
    };
    renderApp({ url: '/studio/learners?id=c-1&tab=progress', handler: api({ 'GET /api/v1/studio/courses/c-1/progress': () => json(progress) }) });
    const table = await screen.findByRole('grid', { name: 'Progress per learner' }, { timeout: 15_000 });
    const malee = within(table).getAllByRole('row')[1];
    expect(within(malee).getByText('100%')).toBeTruthy();
    expect(within(malee).getByText('Completed')).toBeTruthy();
    expect(within(malee).getByText('20 Nov 2026')).toBeTruthy();
    expect(within(within(table).getAllByRole('row')[2]).getByText('40%')).toBeTruthy();
    const lessons = screen.getByRole('grid', { name: 'Completions per lesson' });
    expect(within(lessons).getByText('2 learners')).toBeTruthy();
    expect(within(lessons).getByText('1 learner')).toBeTruthy();
    expect(screen.getByText('1 of 2 learners completed')).toBeTruthy();
  });

  it('links the sessions page to the learners page', async () => {
    renderApp({ url: '/studio/sessions?id=c-1', handler: api({ 'GET /api/v1/studio/courses/c-1/sessions': () => json([]) }) });
    await h1('Sessions and attendance');
    expect(await screen.findByText('This course has no live or on-site sessions')).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Learners and progress' }));
    await h1('Learners');
    expect(window.location.pathname + window.location.search).toBe('/studio/learners?id=c-1');
  });
});

// ---- Bulk enrolment: a fake XMLHttpRequest the test drives --------------------------------------

class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
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
    this.onabort?.();
  }
  respond(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.responseHeaders = headers;
    act(() => this.onload?.());
  }
}

describe('bulk enrolment', () => {
  beforeEach(() => {
    FakeXhr.last = null;
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
  });
  afterEach(() => vi.unstubAllGlobals());

  const report: EnrollmentImportDto = {
    id: 'imp-1',
    status: 'preview',
    fileName: 'ผู้เรียน.csv',
    totalRows: 5,
    accepted: 2,
    rejected: [
      { line: 3, identifier: 'nobody@example.org', reason: 'UNKNOWN_ACCOUNT', message: 'ไม่พบบัญชีนี้' },
      { line: 5, identifier: 'BR-10001', reason: 'DUPLICATE_ROW', message: 'ซ้ำ' },
      { line: 6, identifier: '', reason: 'SOMETHING_NEW', message: 'A reason the portal does not know yet' },
    ],
    acceptedPreview: [
      { line: 2, identifier: 'malee@example.org', displayName: 'Malee' },
      { line: 4, identifier: 'BR-10001', displayName: 'Anan' },
    ],
  };

  it('uploads the raw file, shows rejected rows by line with reasons, and enrols only on confirmation', async () => {
    let confirmed = 0;
    const { requests } = renderApp({
      url: '/studio/learners?id=c-1&tab=import',
      handler: api({
        'POST /api/v1/studio/enrollment-imports/imp-1/confirm': () => {
          confirmed += 1;
          return json({ enrolled: 1, waitlisted: 1, alreadyEnrolled: 0 });
        },
      }),
    });
    await h1('Learners');
    expect(screen.getByRole('link', { name: 'Download the template (CSV)' }).getAttribute('download')).toBe('enrolment-template.csv');
    const input = screen.getByLabelText('Choose a CSV or XLSX file') as HTMLInputElement;
    const file = new File(['email\nmalee@example.org\n'], 'ผู้เรียน.csv', { type: 'text/csv' });
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() => expect(FakeXhr.last).not.toBeNull());
    const xhr = FakeXhr.last as FakeXhr;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/v1/studio/courses/c-1/enrollment-imports');
    expect(xhr.body).toBe(file);
    expect(xhr.headers).toMatchObject({ 'Content-Type': 'text/csv', 'X-Filename': encodeURIComponent('ผู้เรียน.csv'), Authorization: 'Bearer token-1', 'Accept-Language': 'en' });

    xhr.respond(201, report);
    expect(await screen.findByText('5 rows: 2 accepted, 3 rejected')).toBeTruthy();
    const rejected = screen.getByRole('grid', { name: 'Rejected rows' });
    const rows = within(rejected).getAllByRole('row');
    expect(within(rows[1]).getByText('3')).toBeTruthy();
    expect(within(rows[1]).getByText('No account with this e-mail or code')).toBeTruthy();
    expect(within(rows[2]).getByText('Same learner as an earlier row')).toBeTruthy();
    expect(within(rows[3]).getByText('A reason the portal does not know yet')).toBeTruthy();
    expect(confirmed).toBe(0);

    fireEvent.click(button('Confirm and enrol 2 learners'));
    expect(await screen.findByRole('heading', { name: 'Enrolment from the file is done' })).toBeTruthy();
    expect(confirmed).toBe(1);
    const figures = screen.getByText('On the waiting list').parentElement as HTMLElement;
    expect(within(figures).getByText('1')).toBeTruthy();
    expect(sent(requests, 'POST', '/api/v1/studio/enrollment-imports/imp-1/confirm')).toHaveLength(1);
  });

  it('shows a whole-file problem (unreadable file) in the reader’s language', async () => {
    renderApp({ url: '/studio/learners?id=c-1&tab=import', handler: api() });
    await h1('Learners');
    fireEvent.change(screen.getByLabelText('Choose a CSV or XLSX file'), { target: { files: [new File(['name\nx\n'], 'people.xlsx')] } });
    await waitFor(() => expect(FakeXhr.last).not.toBeNull());
    const xhr = FakeXhr.last as FakeXhr;
    expect(xhr.headers['Content-Type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    xhr.respond(422, problem({ status: 422, code: 'ENROLLMENT_IMPORT_UNREADABLE', title: 'This file is neither CSV nor XLSX' }), { 'Content-Language': 'en' });
    expect((await screen.findByRole('alert')).textContent).toBe('This file is neither CSV nor XLSX');
    expect(screen.queryByRole('button', { name: /Confirm and enrol/ })).toBeNull();
  });
});

describe('sessions and attendance', () => {
  it('lists the course’s sessions with their counts and links', async () => {
    renderApp({ url: '/studio/sessions?id=c-1', handler: api({ 'GET /api/v1/studio/courses/c-1/sessions': () => json([sessionSummary({ walkIns: 3 })]) }) });
    await h1('Sessions and attendance');
    const item = (await screen.findByRole('heading', { name: 'อบรมที่ห้องสมุดประชาชน' })).closest('li') as HTMLElement;
    expect(within(item).getByText('On-site session')).toBeTruthy();
    expect(within(item).getByText('24 Nov 2026 13:00–15:00')).toBeTruthy();
    expect(within(within(item).getByText('Walk-ins').parentElement as HTMLElement).getByText('3')).toBeTruthy();
    expect(within(item).getByRole('link', { name: 'QR check-in screen' }).getAttribute('href')).toBe('/studio/check-in?id=l-1&course=c-1');
  });

  it('marks all present, saves only the changes in one request, and shows QR check-ins', async () => {
    let saved: unknown = null;
    const items = [attendee(1, { status: 'present', method: 'qr', recordedAt: '2026-11-24T06:05:00.000Z' }), attendee(2), attendee(3, { status: 'absent', method: 'roster' })];
    const { requests } = renderApp({
      url: '/studio/session?id=l-1&course=c-1',
      handler: api({
        'GET /api/v1/studio/sessions/l-1/roster': () => json(attendanceRoster(items)),
        'PUT /api/v1/studio/sessions/l-1/attendance': async (request) => {
          saved = await request.json();
          return json(attendanceRoster(items.map((item) => ({ ...item, status: 'present', method: item.method ?? 'roster' }))));
        },
      }),
    });
    await h1('อบรมที่ห้องสมุดประชาชน');
    const first = screen.getByRole('radiogroup', { name: 'Learner 1' });
    expect(first.textContent).toContain('Checked in by QR 13:05');
    expect((within(first).getByRole('radio', { name: 'Present' }) as HTMLInputElement).checked).toBe(true);
    expect(button(/^Save/).hasAttribute('disabled') || button(/^Save/).getAttribute('aria-disabled') === 'true' || button(/^Save/).hasAttribute('data-disabled')).toBe(true);

    fireEvent.click(button('Mark all present'));
    expect(screen.getByText('2 changes not saved yet')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Save 2 changes' })[0]);
    expect(await screen.findByText('Saved 2 changes')).toBeTruthy();
    expect(saved).toEqual({
      marks: [
        { userId: 'u-2', status: 'present' },
        { userId: 'u-3', status: 'present' },
      ],
    });
    expect(sent(requests, 'PUT', '/api/v1/studio/sessions/l-1/attendance')).toHaveLength(1);
  });

  it('marks one learner absent from the keyboard (arrow keys in the learner’s radio group)', async () => {
    let saved: unknown = null;
    renderApp({
      url: '/studio/session?id=l-1&course=c-1',
      handler: api({
        'GET /api/v1/studio/sessions/l-1/roster': () => json(attendanceRoster([attendee(1), attendee(2)])),
        'PUT /api/v1/studio/sessions/l-1/attendance': async (request) => {
          saved = await request.json();
          return json(attendanceRoster([attendee(1), attendee(2, { status: 'absent', method: 'roster' })]));
        },
      }),
    });
    await h1('อบรมที่ห้องสมุดประชาชน');
    const group = screen.getByRole('radiogroup', { name: 'Learner 2' });
    const present = within(group).getByRole('radio', { name: 'Present' });
    act(() => present.focus());
    fireEvent.keyDown(present, { key: 'ArrowRight', code: 'ArrowRight' });
    await waitFor(() => expect((within(group).getByRole('radio', { name: 'Absent' }) as HTMLInputElement).checked).toBe(true));
    fireEvent.click(screen.getAllByRole('button', { name: 'Save 1 change' })[0]);
    await waitFor(() => expect(saved).toEqual({ marks: [{ userId: 'u-2', status: 'absent' }] }));
  });
});

describe('walk-ins', () => {
  it('registers a walk-in at the door and shows the printable slip with the account code and one-time code', async () => {
    let body: unknown = null;
    renderApp({
      url: '/studio/session?id=l-1&course=c-1&tab=walk-in',
      handler: api({
        'GET /api/v1/studio/sessions/l-1/roster': () => json(attendanceRoster([])),
        'POST /api/v1/studio/sessions/l-1/walk-ins': async (request) => {
          body = await request.json();
          return json(
            {
              userId: 'u-w',
              accountCode: 'BR-77777',
              displayName: 'ประยุทธ์ มีสุข',
              enrollmentId: 'e-w',
              recordedAt: '2026-11-24T06:10:00.000Z',
              card: { accountCode: 'BR-77777', oneTimeCode: '493817', signInUrl: 'https://baanrian.example/card', qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>', expiresAt: '2026-12-24T00:00:00.000Z' },
            },
            201,
          );
        },
      }),
    });
    await h1('อบรมที่ห้องสมุดประชาชน');
    type(screen.getByRole('textbox', { name: 'Full name' }), 'ประยุทธ์ มีสุข');
    fireEvent.click(button('Register and mark present'));
    expect(await screen.findByText('Please choose a target group')).toBeTruthy();
    expect(body).toBeNull();

    fireEvent.click(screen.getByRole('radio', { name: 'Elderly' }));
    type(screen.getByRole('textbox', { name: /District/ }), 'สารภี');
    fireEvent.click(button('Register and mark present'));
    const slip = await screen.findByRole('region', { name: 'Sign-in slip for ประยุทธ์ มีสุข' });
    expect(within(slip).getByText('BR-77777')).toBeTruthy();
    expect(within(slip).getByText('493817')).toBeTruthy();
    expect(within(slip).getByText('One-time code')).toBeTruthy();
    expect(within(slip).getByRole('img', { name: 'QR code to sign in with this slip' })).toBeTruthy();
    expect(body).toEqual({ displayName: 'ประยุทธ์ มีสุข', targetGroup: 'elderly', preferredLocale: 'th', district: 'สารภี' });
    expect(document.activeElement).toBe(within(slip).getByRole('heading', { level: 2 }));
    expect(button('Print the slip')).toBeTruthy();
  });
});

describe('QR check-in', () => {
  it('shows the QR code and its address, fetches the next one when it rotates, and counts check-ins', async () => {
    let codes = 0;
    renderApp({
      url: '/studio/check-in?id=l-1&course=c-1',
      handler: api({
        'GET /api/v1/studio/sessions/l-1/check-in-code': () => {
          codes += 1;
          return json({
            url: `https://baanrian.example/check-in/l-1?c=code${codes}`,
            code: `code${codes}`,
            svg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
            rotatesAt: new Date(Date.now() + 1_500).toISOString(),
            expiresAt: new Date(Date.now() + 31_500).toISOString(),
            rotatesEverySeconds: 30,
            opensAt: new Date(Date.now() - 600_000).toISOString(),
            closesAt: new Date(Date.now() + 3_600_000).toISOString(),
          });
        },
        'GET /api/v1/studio/sessions/l-1/roster': () => json(attendanceRoster([attendee(1, { status: 'present', method: 'qr' }), attendee(2)])),
      }),
    });
    await h1('QR check-in');
    const qr = await screen.findByRole('img', { name: 'QR code to check in to this session' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByText('https://baanrian.example/check-in/l-1?c=code1')).toBeTruthy();
    expect(await screen.findByText('1 of 2 checked in')).toBeTruthy();
    expect(screen.getByText(/^Check-in open \d\d:\d\d–\d\d:\d\d$/)).toBeTruthy();
    expect(screen.getByText(/^New code in [12] seconds?$/)).toBeTruthy();
    // The next code is fetched as soon as this one rotates.
    expect(await screen.findByText('https://baanrian.example/check-in/l-1?c=code2', {}, { timeout: 5_000 })).toBeTruthy();

    fireEvent.click(button('Full screen for a projector'));
    expect(qr.closest('.teaching-checkin')?.classList.contains('teaching-checkin--projector')).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(button('Exit full screen')));
    fireEvent.keyDown(document, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Exit full screen' })).toBeNull());
  });

  it('warns that scans are refused before the check-in window opens', async () => {
    renderApp({
      url: '/studio/check-in?id=l-1',
      handler: api({
        'GET /api/v1/studio/sessions/l-1/check-in-code': () =>
          json({
            url: 'https://baanrian.example/check-in/l-1?c=AB12',
            code: 'AB12',
            svg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
            rotatesAt: new Date(Date.now() + 20_000).toISOString(),
            expiresAt: new Date(Date.now() + 50_000).toISOString(),
            rotatesEverySeconds: 30,
            opensAt: '2099-01-10T02:30:00.000Z',
            closesAt: '2099-01-10T06:00:00.000Z',
          }),
        'GET /api/v1/studio/sessions/l-1/roster': () => json(attendanceRoster([])),
      }),
    });
    await h1('QR check-in');
    expect(await screen.findByText('Check-in is not open yet: it opens on 10 Jan 2099 at 09:30.', {}, { timeout: 15_000 })).toBeTruthy();
  });

  it('shows the API’s problem when the code cannot be made', async () => {
    renderApp({
      url: '/studio/check-in?id=l-1',
      handler: api({
        'GET /api/v1/studio/sessions/l-1/check-in-code': () =>
          json(problem({ status: 404, code: 'ATTENDANCE_SESSION_NOT_FOUND', title: 'This session was not found' }), 404, { 'Content-Language': 'en' }),
        'GET /api/v1/studio/sessions/l-1/roster': () => json(attendanceRoster([])),
      }),
    });
    await h1('QR check-in');
    expect(await screen.findByText('This session was not found', {}, { timeout: 15_000 })).toBeTruthy();
  });
});
