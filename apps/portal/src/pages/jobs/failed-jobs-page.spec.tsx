import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MeDto, SessionDto } from '../../auth/accounts-api';
import { SESSION_HINT_KEY } from '../../auth/session-store';
import { json, problem, renderApp } from '../../testing/render-app';
import type { FailedJobDto } from './failed-jobs-api';
import { parseFilter } from './failed-jobs-page';

/*
 * The failed-jobs screen in the whole app (real providers, router, i18n, generated client); only
 * fetch is fake, answering with the API's shapes (apps/api/src/failed-jobs/failed-jobs.dto.ts).
 */

vi.setConfig({ testTimeout: 30_000 });

const me = (roles: MeDto['roles'], preferredLocale: MeDto['preferredLocale'] = 'en'): MeDto => ({
  id: 'u-1',
  email: 'admin@example.org',
  accountCode: 'BR-10001',
  displayName: 'Malee',
  phone: null,
  preferredLocale,
  birthYear: 1980,
  province: null,
  district: null,
  targetGroup: 'general_public',
  targetGroupSource: 'learner',
  staffStatus: 'none',
  roles,
  isChild: false,
  actingAs: null,
  createdAt: '2025-01-01T00:00:00.000Z',
});
const session = (roles: MeDto['roles'], locale?: MeDto['preferredLocale']): SessionDto => ({ accessToken: 'token-1', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: me(roles, locale) });

const failure = (overrides: Partial<FailedJobDto> = {}): FailedJobDto => ({
  id: 'f-1',
  queue: 'mail',
  jobName: 'credential.issued',
  jobId: 'evt-42',
  payload: { credentialId: 'c-9', meta: { eventId: 'evt-42', requestId: 'req-1' } },
  errorMessage: 'Greeting never received',
  errorCode: 'ETIMEDOUT',
  attempts: 5,
  failures: 1,
  firstFailedAt: '2026-11-23T03:00:00.000Z',
  lastFailedAt: '2026-11-23T03:00:00.000Z',
  status: 'open',
  retryable: true,
  resolvedAt: null,
  resolvedByName: null,
  resolutionNote: null,
  ...overrides,
});

type Route = (request: Request) => Response | Promise<Response>;

function api(routes: Record<string, Route>, roles: MeDto['roles'] = ['admin'], locale?: MeDto['preferredLocale']) {
  const defaults: Record<string, Route> = { 'POST /api/v1/auth/refresh': () => json(session(roles, locale)) };
  return (request: Request) => {
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const route = routes[key] ?? defaults[key];
    return route ? route(request) : json(problem({ status: 404, code: 'NOT_FOUND', title: 'Not found' }), 404);
  };
}

const sent = (requests: Request[], method: string, path: string) => requests.filter((r) => r.method === method && new URL(r.url).pathname === path);
const LIST = '/api/v1/admin/jobs/failed';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem('baanrian.locale', 'en');
  localStorage.setItem(SESSION_HINT_KEY, '1');
});

describe('failed jobs page', () => {
  it('lists open failures with what ran, why and when, and asks for open ones by default', async () => {
    const { requests } = renderApp({ url: '/admin/jobs', handler: api({ [`GET ${LIST}`]: () => json({ items: [failure()], total: 1 }) }) });
    const card = await screen.findByRole('article', { name: 'credential.issued' }, { timeout: 15_000 });
    expect(screen.getByRole('heading', { level: 1, name: 'Failed jobs' })).toBeTruthy();
    expect(document.title).toMatch(/^Failed jobs · /);
    expect(screen.getByText('1 failed job')).toBeTruthy();
    expect(within(card).getByText('Mail')).toBeTruthy();
    expect(within(card).getByText(/Greeting never received/)).toBeTruthy();
    expect(within(card).getByText('ETIMEDOUT')).toBeTruthy();
    expect(within(card).getByText(/5 attempts/)).toBeTruthy();
    expect(within(card).getByText('23 Nov 2026, 10:00')).toBeTruthy(); // Bangkok time
    expect(within(card).getByText(/credentialId: c-9/)).toBeTruthy();
    const [list] = sent(requests, 'GET', LIST);
    expect(Object.fromEntries(new URL(list.url).searchParams)).toEqual({ status: 'open', limit: '20', offset: '0' });
    expect(screen.getByRole('link', { name: 'Failed jobs' }).getAttribute('aria-current')).toBe('page');
  });

  it('retries from the keyboard, then shows the list again', async () => {
    let status: FailedJobDto['status'] = 'open';
    const { requests } = renderApp({
      url: '/admin/jobs',
      handler: api({
        [`GET ${LIST}`]: () => json(status === 'open' ? { items: [failure()], total: 1 } : { items: [], total: 0 }),
        [`POST ${LIST}/f-1/retry`]: () => {
          status = 'retried';
          return json(failure({ status: 'retried', resolvedAt: '2026-11-23T04:00:00.000Z', resolvedByName: 'Malee' }));
        },
      }),
    });
    const card = await screen.findByRole('article', { name: 'credential.issued' }, { timeout: 15_000 });
    const retry = within(card).getByRole('button', { name: 'Retry' });
    act(() => retry.focus());
    fireEvent.keyDown(retry, { key: 'Enter' });
    fireEvent.keyUp(retry, { key: 'Enter' });
    await waitFor(() => expect(sent(requests, 'POST', `${LIST}/f-1/retry`)).toHaveLength(1));
    expect(await screen.findByText('credential.issued was sent back to its queue')).toBeTruthy();
    expect(await screen.findByText('No failed jobs are waiting for you')).toBeTruthy();
  });

  it('dismisses only with a reason, and says what the API refused', async () => {
    const { requests } = renderApp({
      url: '/admin/jobs',
      handler: api({
        [`GET ${LIST}`]: () => json({ items: [failure()], total: 1 }),
        [`POST ${LIST}/f-1/dismiss`]: () => json(problem({ status: 409, code: 'JOB_FAILURE_NOT_OPEN', title: 'This job was already retried or dismissed' }), 409),
      }),
    });
    const card = await screen.findByRole('article', { name: 'credential.issued' }, { timeout: 15_000 });
    fireEvent.click(within(card).getByRole('button', { name: 'Dismiss' }));
    const dialog = await screen.findByRole('dialog', { name: 'Dismiss credential.issued?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Dismiss' }));
    expect(await within(dialog).findByText('Write a reason of at least 3 characters')).toBeTruthy();
    expect(sent(requests, 'POST', `${LIST}/f-1/dismiss`)).toHaveLength(0);

    fireEvent.change(within(dialog).getByRole('textbox', { name: /Reason/ }), { target: { value: '  Account erased  ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(sent(requests, 'POST', `${LIST}/f-1/dismiss`)).toHaveLength(1));
    expect(await sent(requests, 'POST', `${LIST}/f-1/dismiss`)[0].clone().json()).toEqual({ reason: 'Account erased' });
    expect(await screen.findByText('This job was already retried or dismissed')).toBeTruthy();
  });

  it('filters by queue and status through the address, and shows closed records without actions', async () => {
    const dismissed = failure({ id: 'f-2', queue: 'reports', jobName: 'reports.refresh', status: 'dismissed', failures: 2, resolvedByName: 'Malee', resolutionNote: 'obsolete', resolvedAt: '2026-11-23T05:00:00.000Z' });
    const { requests } = renderApp({ url: '/admin/jobs?queue=reports&status=all', handler: api({ [`GET ${LIST}`]: () => json({ items: [dismissed], total: 1 }) }) });
    const card = await screen.findByRole('article', { name: 'reports.refresh' }, { timeout: 15_000 });
    expect(within(card).getByText(/Dismissed/)).toBeTruthy();
    expect(within(card).getByText(/obsolete/)).toBeTruthy();
    expect(within(card).getByText(/failed for good 2 times/)).toBeTruthy();
    expect(within(card).queryByRole('button')).toBeNull();
    const [list] = sent(requests, 'GET', LIST);
    expect(Object.fromEntries(new URL(list.url).searchParams)).toEqual({ queue: 'reports', limit: '20', offset: '0' });
    expect(parseFilter(new URLSearchParams('queue=nope&status=bad&page=0'))).toEqual({ queue: null, status: 'open', page: 1 });
  });

  it('offers no Retry for a mail that may already have gone out, says why, and still lets it be dismissed', async () => {
    const unconfirmed = failure({ jobName: 'mail.unconfirmed', jobId: 'mail.unconfirmed.d-1', errorCode: 'MAIL_UNCONFIRMED', attempts: 1, retryable: false });
    renderApp({ url: '/admin/jobs', handler: api({ [`GET ${LIST}`]: () => json({ items: [unconfirmed], total: 1 }) }) });
    const card = await screen.findByRole('article', { name: 'mail.unconfirmed' }, { timeout: 15_000 });
    expect(within(card).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(within(card).getByText(/may already have reached its recipient/)).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Dismiss' })).toBeTruthy();
  });

  it('speaks Thai, with Buddhist Era dates', async () => {
    localStorage.setItem('baanrian.locale', 'th');
    renderApp({ url: '/admin/jobs', handler: api({ [`GET ${LIST}`]: () => json({ items: [failure()], total: 1 }) }, ['admin'], 'th') });
    const card = await screen.findByRole('article', { name: 'credential.issued' }, { timeout: 15_000 });
    expect(await screen.findByRole('heading', { level: 1, name: 'งานที่ล้มเหลว' })).toBeTruthy();
    expect(within(card).getByText('อีเมล')).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'สั่งทำใหม่' })).toBeTruthy();
    expect(within(card).getByText(/2569/)).toBeTruthy();
  });

  it('is for administrators only', async () => {
    const { requests } = renderApp({ url: '/admin/jobs', handler: api({}, ['learner']) });
    expect(await screen.findByRole('heading', { level: 1, name: 'No access' }, { timeout: 15_000 })).toBeTruthy();
    expect(sent(requests, 'GET', LIST)).toHaveLength(0);
  });
});
