import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { vi } from 'vitest';
import { PRESET_LAYOUTS, type ReportMeasure, type ReportResult } from '@baanrian/contracts';
import type { MeDto, SessionDto } from '../../auth/accounts-api';
import { SESSION_HINT_KEY } from '../../auth/session-store';
import { json, problem, renderApp } from '../../testing/render-app';
import type { ReachCampaignDto, ReportExportDto, ReportOptionsDto } from './reports-api';

/*
 * The report screens in the whole app (real providers, router, i18n, API client); only fetch, the
 * network edge, is fake, answering with the contract's shapes (notes/reports-contract.md).
 */

vi.setConfig({ testTimeout: 30_000 });

const user = (roles: MeDto['roles'], preferredLocale: MeDto['preferredLocale'] = 'en'): MeDto => ({
  id: 'u-1',
  email: 'admin@example.org',
  accountCode: 'BR-10001',
  displayName: 'Malee',
  phone: null,
  preferredLocale,
  birthYear: 1980,
  province: null,
  district: null,
  targetGroup: 'education_staff',
  targetGroupSource: 'learner',
  staffStatus: 'confirmed',
  roles,
  isChild: false,
  actingAs: null,
  createdAt: '2025-01-01T00:00:00.000Z',
});
const session = (roles: MeDto['roles'], locale: MeDto['preferredLocale'] = 'en'): SessionDto => ({ accessToken: 'token-1', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: user(roles, locale) });

const options: ReportOptionsDto = {
  fiscalYears: [2569, 2568],
  currentFiscalYear: 2569,
  provinces: ['Chiang Mai'],
  districts: [{ province: 'Chiang Mai', district: 'Mueang Chiang Mai' }],
  courses: [
    { id: 'c-1', title: 'Smartphones for elders' },
    { id: 'c-2', title: 'Reading with your child' },
  ],
  instructors: [
    { id: 'i-1', name: 'Somchai' },
    { id: 'i-2', name: 'Suda' },
  ],
};

/** A result with predictable numbers for the asked measures and breakdowns (Chiang Mai FY 2566 totals). */
function result(url: URL): ReportResult {
  const period = url.searchParams.get('period') ?? 'fy:2569';
  // Like the API: the preset's layout unless the query overrides it.
  const preset = PRESET_LAYOUTS[(url.searchParams.get('preset') ?? 'by_target_group') as keyof typeof PRESET_LAYOUTS];
  const measures = (url.searchParams.get('measures')?.split(',') ?? preset.measures) as ReportMeasure[];
  const breakdowns = url.searchParams.get('breakdowns')?.split(',').filter(Boolean) ?? preset.breakdowns;
  const chiangMai: Partial<Record<ReportMeasure, number>> = {
    classes_online: 35,
    learners_online: 1876,
    classes_onsite: 5,
    learners_onsite: 116,
    participants: 2478,
    learners: 1990,
    attendees: 1700,
    completers: 1500,
    completion_rate: 75.4,
    certificates: 1400,
    learning_hours: 4321.5,
    reach_measured: 12000,
    reach_recorded: 5852,
    reach_total: 17852,
    enrollments: 2600,
  };
  const targets: Partial<Record<ReportMeasure, number>> = { participants: 2400, learners_online: 2000 };
  const rowsOf = (dimension: string) => {
    if (dimension === 'month') return [['2025-10', 'Oct 2025'], ['2025-11', 'Nov 2025']];
    if (dimension === 'target_group') return [['youth', 'Youth'], ['elderly', 'Elderly']];
    if (dimension === 'quarter') return [['fy:2569:q1', 'Q1 FY 2569'], ['fy:2569:q2', 'Q2 FY 2569']];
    if (dimension === 'half') return [['fy:2569:h1', 'H1 FY 2569'], ['fy:2569:h2', 'H2 FY 2569']];
    return [['x', 'Something']];
  };
  return {
    period: { key: period, kind: 'fiscal_year', from: '2025-10-01', to: '2026-09-30', fiscalYear: 2569, label: `FY ${period.slice(3)}` },
    preset: null,
    measures,
    filters: {},
    totals: Object.fromEntries(
      measures.map((m) => {
        const target = period.startsWith('fy:') && !period.includes(':', 3) ? (targets[m] ?? null) : null;
        const actual = chiangMai[m] ?? 0;
        return [m, { actual, target, percentOfPlan: target ? Math.round((actual / target) * 1000) / 10 : null }];
      }),
    ),
    breakdowns: breakdowns.map((dimension) => ({
      dimension: dimension as ReportResult['breakdowns'][number]['dimension'],
      rows: rowsOf(dimension).map(([key, label], i) => ({ key, label, values: Object.fromEntries(measures.map((m) => [m, (i + 1) * 10])) })),
    })),
    funnel: { reach: 17852, enrolled: 1990, attended: 1700, completed: 1500 },
    freshAt: '2026-03-01T03:00:00.000Z',
  };
}

type Route = (request: Request) => Response | Promise<Response>;

function api(routes: Record<string, Route> = {}, roles: MeDto['roles'] = ['admin', 'learner'], locale: MeDto['preferredLocale'] = 'en') {
  const defaults: Record<string, Route> = {
    'POST /api/v1/auth/refresh': () => json(session(roles, locale)),
    'GET /api/v1/me/notifications': () => json({ items: [], unread: 0 }),
    'GET /api/v1/reports/options': () => json(options),
    'GET /api/v1/reports': (request) => json(result(new URL(request.url))),
    'GET /api/v1/reports/exports': () => json([]),
  };
  return (request: Request) => {
    const { pathname } = new URL(request.url);
    const key = `${request.method} ${pathname}`;
    const route = routes[key] ?? defaults[key];
    if (route) return route(request);
    return json(problem({ status: 404, code: 'NOT_FOUND', title: 'Not found' }), 404);
  };
}

const sent = (requests: Request[], method: string, path: string) => requests.filter((r) => r.method === method && new URL(r.url).pathname === path);
const h1 = (name: string) => screen.findByRole('heading', { level: 1, name }, { timeout: 15_000 });

async function choose(label: RegExp, option: string, container: HTMLElement = document.body) {
  fireEvent.click(await within(container).findByRole('button', { name: label }));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem('baanrian.locale', 'en');
  localStorage.setItem(SESSION_HINT_KEY, '1');
});

describe('dashboard', () => {
  it('shows the fiscal year against plan, each chart’s table, the funnel and reach from both sources', async () => {
    const { requests } = renderApp({ url: '/admin/reports', handler: api() });
    await h1('Participation dashboard');
    await waitFor(() => expect(document.title).toMatch(/^Participation dashboard · /));
    const card = await screen.findByRole('article', { name: 'Total participants' }, { timeout: 15_000 });
    expect(within(card).getByText('2,478')).toBeTruthy();
    expect(within(card).getByText('Target 2,400 · 103.3% of plan')).toBeTruthy();
    expect(within(card).getByRole('progressbar', { name: 'Progress to target' }).getAttribute('aria-valuenow')).toBe('100');
    expect(within(screen.getByRole('article', { name: 'On-site workshops held' })).getByText('No target set')).toBeTruthy();
    const reach = screen.getByRole('article', { name: 'Reach' });
    expect(within(reach).getByText('12,000')).toBeTruthy();
    expect(within(reach).getByText('5,852')).toBeTruthy();
    expect(within(reach).getByText('17,852')).toBeTruthy();

    // Every chart has a real table with a caption beside it.
    const trend = screen.getByRole('table', { name: 'Month by month' });
    expect(within(trend).getByRole('rowheader', { name: 'Oct 2025' })).toBeTruthy();
    expect(within(trend).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Month', 'Online learners', 'On-site participants', 'Total participants', 'Completers']);
    expect(screen.getByRole('table', { name: 'By target group' })).toBeTruthy();
    const format = screen.getByRole('table', { name: 'Online and on site' });
    expect(within(format).getByRole('row', { name: /Online 35 1,876/ })).toBeTruthy();
    expect(within(format).getByRole('row', { name: /On site 5 116/ })).toBeTruthy();
    expect(within(format).getByRole('row', { name: /Total participants 2,478/ })).toBeTruthy();
    const funnel = screen.getByRole('table', { name: 'From reach to completion' });
    expect(within(funnel).getByRole('row', { name: /Completed 1,500 88.2%/ })).toBeTruthy();
    const sources = screen.getByRole('table', { name: 'Reach by source' });
    expect(within(sources).getAllByRole('rowheader').map((c) => c.textContent)).toEqual(['Measured reach', 'Recorded reach', 'Total reach']);
    // The charts are images named after their tables (Recharts, loaded in its own chunk).
    expect(await screen.findByRole('img', { name: 'Chart: Month by month. The same figures are in the table “Month by month” beside it.' }, { timeout: 15_000 })).toBeTruthy();

    const asked = new URL(sent(requests, 'GET', '/api/v1/reports')[0].url).searchParams;
    expect(asked.get('period')).toBe('fy:2569');
    expect(asked.get('breakdowns')).toBe('month,target_group');
  });

  it('opens on the latest year with figures when the current one has none, and speaks Thai in the Buddhist Era', async () => {
    localStorage.setItem('baanrian.locale', 'th');
    const { requests } = renderApp({ url: '/admin/reports', handler: api({ 'GET /api/v1/reports/options': () => json({ ...options, currentFiscalYear: 2570, fiscalYears: [2569] }) }, undefined, 'th') });
    await h1('ภาพรวมผลการดำเนินงาน');
    expect(await screen.findByRole('heading', { level: 2, name: 'ปีงบประมาณ 2569 เทียบกับแผน' })).toBeTruthy();
    expect(screen.getByText(/^ตัวเลขเป็นปัจจุบัน ณ 1 มี\.ค\. 2569/)).toBeTruthy();
    expect(new URL(sent(requests, 'GET', '/api/v1/reports')[0].url).searchParams.get('period')).toBe('fy:2569');
  });
});

describe('report builder', () => {
  it('shows an inline error when a custom range ends before it starts, and asks nothing until it is fixed', async () => {
    const { requests } = renderApp({ url: '/admin/reports/builder', handler: api() });
    await h1('Report builder');
    const form = await screen.findByRole('form', { name: 'Build a report' }, { timeout: 15_000 });
    await choose(/Kind of period/, 'Custom dates', form);
    fireEvent.change(within(form).getByLabelText('From'), { target: { value: '2026-02-10' } });
    fireEvent.change(within(form).getByLabelText('To (included)'), { target: { value: '2026-01-05' } });
    const to = within(form).getByLabelText('To (included)');
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('The end is before the start: choose a later day.')).toBeTruthy();
    expect(within(form).getByText('Chosen: 10 Feb 2026')).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Show report' }));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(sent(requests, 'GET', '/api/v1/reports')).toHaveLength(0);

    fireEvent.change(to, { target: { value: '2026-03-05' } });
    expect(to.getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Show report' }));
    await waitFor(() => expect(sent(requests, 'GET', '/api/v1/reports')).toHaveLength(1));
    expect(new URL(sent(requests, 'GET', '/api/v1/reports')[0].url).searchParams.get('period')).toBe('range:2026-02-10..2026-03-05');
    expect(new URLSearchParams(window.location.search).get('period')).toBe('range:2026-02-10..2026-03-05');
  });

  it('runs a preset in one click, with its tables, the measures’ definitions and the filters chosen', async () => {
    const { requests } = renderApp({ url: '/admin/reports/builder', handler: api() });
    await h1('Report builder');
    const form = await screen.findByRole('form', { name: 'Build a report' }, { timeout: 15_000 });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Elderly' }));
    await choose(/Province/, 'Chiang Mai', form);
    fireEvent.click(screen.getByRole('button', { name: 'Quarterly report' }));
    await waitFor(() => expect(sent(requests, 'GET', '/api/v1/reports')).toHaveLength(1));
    const asked = new URL(sent(requests, 'GET', '/api/v1/reports')[0].url).searchParams;
    expect(asked.get('preset')).toBe('quarterly');
    expect(asked.get('breakdowns')).toBe(PRESET_LAYOUTS.quarterly.breakdowns.join(','));
    expect(asked.get('measures')?.split(',')).toEqual(PRESET_LAYOUTS.quarterly.measures);
    expect(asked.get('targetGroups')).toBe('elderly');
    expect(asked.get('province')).toBe('Chiang Mai');

    const results = await screen.findByRole('heading', { level: 2, name: 'Report: FY 2569' }, { timeout: 15_000 });
    await waitFor(() => expect(document.activeElement).toBe(results));
    const totals = screen.getByRole('table', { name: 'Totals' });
    expect(within(totals).getByRole('row', { name: /Completion rate 75.4%/ })).toBeTruthy();
    const quarters = screen.getByRole('table', { name: 'By Quarter' });
    expect(within(quarters).getAllByRole('rowheader').map((c) => c.textContent)).toEqual(['Q1 FY 2569', 'Q2 FY 2569']);
    expect(screen.getByText('Of the enrolments that started in the period, the share completed by now.', { selector: 'dd' })).toBeTruthy();
  });

  it('follows Back to the report before, form included', async () => {
    const { requests } = renderApp({ url: '/admin/reports/builder?period=fy%3A2568&preset=by_target_group', handler: api() });
    await screen.findByRole('table', { name: 'By Target group' }, { timeout: 15_000 });
    fireEvent.click(screen.getByRole('button', { name: 'Half-year report' }));
    await screen.findByRole('table', { name: 'By Half year' }, { timeout: 15_000 });
    expect(new URL(sent(requests, 'GET', '/api/v1/reports').at(-1)?.url ?? 'http://x').searchParams.get('preset')).toBe('half_year');
    act(() => window.history.back());
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('preset')).toBe('by_target_group'));
    await waitFor(() => expect(screen.queryByRole('table', { name: 'By Half year' })).toBeNull());
    const form = screen.getByRole('form', { name: 'Build a report' });
    expect((within(form).getByRole('checkbox', { name: 'Half year' }) as HTMLInputElement).checked).toBe(false);
    expect((within(form).getByRole('checkbox', { name: 'Target group' }) as HTMLInputElement).checked).toBe(true);
  });

  it('downloads a small export at once, and follows a large one from queued to a download link with its expiry', async () => {
    const queued: ReportExportDto = {
      id: 'e-1',
      format: 'csv',
      kind: 'enrollments',
      period: 'fy:2569',
      fileName: 'report-fy-2569.csv',
      downloadUrl: null,
      status: 'queued',
      progress: 0,
      rowCount: null,
      byteSize: null,
      expiresAt: null,
      createdAt: '2026-03-01T03:00:00.000Z',
      finishedAt: null,
    };
    const states: ReportExportDto[] = [
      { ...queued, status: 'running', progress: 40 },
      { ...queued, status: 'ready', progress: 100, rowCount: 25_000, downloadUrl: '/api/v1/reports/exports/e-1/file', expiresAt: '2026-03-02T03:00:00.000Z', finishedAt: '2026-03-01T03:01:00.000Z' },
    ];
    let polls = 0;
    const bodies: Record<string, unknown>[] = [];
    renderApp({
      url: '/admin/reports/builder?period=fy%3A2569&preset=fiscal_year_summary',
      handler: api({
        'POST /api/v1/reports/exports': async (request) => {
          const body = (await request.json()) as { kind: string };
          bodies.push(body);
          if (body.kind === 'report') return new Response('a,b\n', { status: 200, headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="report-fy-2569.csv"' } });
          return json(queued, 202);
        },
        'GET /api/v1/reports/exports/e-1': () => json(states[Math.min(polls++, states.length - 1)]),
        'POST /api/v1/reports/exports/e-1/link': () => json({ url: '/api/v1/reports/exports/e-1/download?token=signed', expiresAt: '2026-03-01T03:03:00.000Z' }, 201),
      }),
    });
    await screen.findByRole('heading', { level: 2, name: 'Report: FY 2569' }, { timeout: 15_000 });
    const panel = screen.getByRole('region', { name: 'Export' });
    fireEvent.click(within(panel).getByRole('button', { name: 'CSV' }));
    expect(await within(panel).findByText('Downloaded report-fy-2569.csv.')).toBeTruthy();

    fireEvent.click(within(panel).getByRole('radio', { name: 'Every enrolment behind them' }));
    expect(within(panel).queryByRole('button', { name: 'PDF summary' })).toBeNull();
    fireEvent.click(within(panel).getByRole('button', { name: 'CSV' }));
    expect(await within(panel).findByText('This export is large: it is being prepared and appears in the list below.')).toBeTruthy();
    expect(await within(panel).findByRole('progressbar', { name: 'Preparing CSV, enrolment list' })).toBeTruthy();
    const link = await within(panel).findByRole('link', { name: 'Download CSV, enrolment list' }, { timeout: 10_000 });
    expect(link.getAttribute('href')).toBe('/api/v1/reports/exports/e-1/file');
    expect(within(panel).getByText('Ready: 25,000 rows.')).toBeTruthy();
    expect(within(panel).getByText(/link works until 2 Mar 2026/)).toBeTruthy();
    // The click asks for a signed link, then lets the browser download it (no copy in the page).
    const started: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      started.push(this.getAttribute('href') ?? '');
    });
    fireEvent.click(link);
    await waitFor(() => expect(started).toEqual(['/api/v1/reports/exports/e-1/download?token=signed']));
    click.mockRestore();
    expect(bodies.map((b) => [b.format, b.kind, b.period, b.preset])).toEqual([
      ['csv', 'report', 'fy:2569', 'fiscal_year_summary'],
      ['csv', 'enrollments', 'fy:2569', 'fiscal_year_summary'],
    ]);
  });
});

describe('instructors', () => {
  it('see Reports for their own courses, without plans or recorded reach', async () => {
    renderApp({ url: '/admin/reports', handler: api({}, ['instructor', 'learner']) });
    await h1('Participation dashboard');
    expect(screen.getByRole('link', { name: 'Reports' }).getAttribute('aria-current')).toBe('page');
    const nav = screen.getByRole('navigation', { name: 'Report screens' });
    expect(within(nav).getAllByRole('link').map((l) => l.textContent)).toEqual(['Dashboard', 'Report builder']);
    expect(screen.getByText('These reports cover the courses you own or teach.')).toBeTruthy();
  });

  it('cannot open the plans', async () => {
    const { requests } = renderApp({ url: '/admin/reports/plans', handler: api({}, ['instructor', 'learner']) });
    await screen.findByRole('heading', { level: 1, name: /access/i }, { timeout: 15_000 });
    expect(sent(requests, 'GET', '/api/v1/reports/plans')).toHaveLength(0);
  });
});

describe('plans', () => {
  it('edits a fiscal year’s grid, refuses what is not a number, and saves the whole plan', async () => {
    const saved: unknown[] = [];
    renderApp({
      url: '/admin/reports/plans',
      handler: api({
        'GET /api/v1/reports/plans': () => json({ fiscalYear: 2569, targets: [{ targetGroup: 'all', measure: 'participants', target: 2400 }] }),
        'PUT /api/v1/reports/plans': async (request) => {
          const body = await request.json();
          saved.push(body);
          return json(body);
        },
      }),
    });
    await h1('Plans and targets');
    const grid = await screen.findByRole('table', { name: 'Targets for fiscal year 2569' }, { timeout: 15_000 });
    const all = within(grid).getByRole('textbox', { name: 'Total participants All groups' }) as HTMLInputElement;
    expect(all.value).toBe('2400');
    const elderly = within(grid).getByRole('textbox', { name: 'Online learners Elderly' });
    fireEvent.change(elderly, { target: { value: 'lots' } });
    expect(elderly.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Save the plan' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(saved).toEqual([]);
    fireEvent.change(elderly, { target: { value: '1,200' } });
    fireEvent.change(all, { target: { value: '' } });
    fireEvent.change(within(grid).getByRole('textbox', { name: 'Learning hours Youth' }), { target: { value: '350.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the plan' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({
      fiscalYear: 2569,
      targets: [
        { targetGroup: 'elderly', measure: 'learners_online', target: 1200 },
        { targetGroup: 'youth', measure: 'learning_hours', target: 350.5 },
      ],
    });
  });
});

describe('recorded reach', () => {
  const campaign: ReachCampaignDto = {
    id: 'k-1',
    channel: 'facebook',
    startsOn: '2025-10-01',
    endsOn: '2025-10-31',
    courseId: null,
    courseTitle: null,
    programme: 'Online learning to your home',
    impressions: 25000,
    reach: 17852,
    note: '',
    createdAt: '2025-11-01T00:00:00.000Z',
    updatedAt: '2025-11-01T00:00:00.000Z',
  };

  it('lists, adds with validation, edits and deletes campaigns', async () => {
    const created: unknown[] = [];
    const patched: unknown[] = [];
    const deleted: string[] = [];
    const { requests } = renderApp({
      url: '/admin/reports/reach',
      handler: api({
        'GET /api/v1/reports/reach-campaigns': () => json([campaign]),
        'POST /api/v1/reports/reach-campaigns': async (request) => {
          created.push(await request.json());
          return json({ ...campaign, id: 'k-2' }, 201);
        },
        'PATCH /api/v1/reports/reach-campaigns/k-1': async (request) => {
          patched.push(await request.json());
          return json(campaign);
        },
        'DELETE /api/v1/reports/reach-campaigns/k-1': () => {
          deleted.push('k-1');
          return new Response(null, { status: 204 });
        },
      }),
    });
    await h1('Recorded reach');
    const card = await screen.findByRole('article', { name: 'Facebook, 1 Oct 2025 – 31 Oct 2025' }, { timeout: 15_000 });
    expect(within(card).getByText('17,852')).toBeTruthy();

    const form = screen.getByRole('region', { name: 'Add a campaign' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add campaign' }));
    expect(await within(form).findByText('Please correct the marked fields.')).toBeTruthy();
    expect(within(form).getAllByText('This is required.').length).toBeGreaterThanOrEqual(4);
    await choose(/Channel/, 'LINE', form);
    fireEvent.change(within(form).getByLabelText('First day'), { target: { value: '2026-01-10' } });
    fireEvent.change(within(form).getByLabelText('Last day'), { target: { value: '2026-01-01' } });
    expect(within(form).getByText('The end is before the start: choose a later day.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Last day'), { target: { value: '2026-01-31' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /^Programme/ }), { target: { value: 'Digital skills for elders' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /^Reach/ }), { target: { value: '900' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /^Impressions/ }), { target: { value: '50' } });
    expect(within(form).getByText('Impressions cannot be fewer than the reach.')).toBeTruthy();
    fireEvent.change(within(form).getByRole('textbox', { name: /^Impressions/ }), { target: { value: '2,000' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add campaign' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toEqual({ channel: 'line', startsOn: '2026-01-10', endsOn: '2026-01-31', courseId: null, programme: 'Digital skills for elders', impressions: 2000, reach: 900, note: '' });

    fireEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    const editor = await screen.findByRole('region', { name: 'Edit a campaign' });
    expect((within(editor).getByRole('textbox', { name: /^Reach/ }) as HTMLInputElement).value).toBe('17852');
    fireEvent.change(within(editor).getByRole('textbox', { name: /^Reach/ }), { target: { value: '18000' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(patched).toHaveLength(1));
    expect(patched[0]).toMatchObject({ reach: 18000, impressions: 25000, channel: 'facebook' });

    fireEvent.click(within(card).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this campaign?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete campaign' }));
    await waitFor(() => expect(deleted).toEqual(['k-1']));
    expect(sent(requests, 'GET', '/api/v1/reports/reach-campaigns').length).toBeGreaterThan(1);
  });
});
