import type { Browser, Page, Route } from 'playwright-core';
import { launchChromium, PHONE, setBrowserTextSize } from './support/browser';
import { pageProblems } from './support/page-checks';
import { servePortal, type ServedPortal } from './support/stack';

/**
 * The report screens (issue 10) in the browser: the built api serving the built portal, the demo
 * administrator signed in for real. The report endpoints (built in parallel, notes/reports-contract.md)
 * answer through page.route with the contract's shapes, so every state is on screen: the dashboard
 * with its charts, the builder with results, the plans grid and recorded reach. Each passes the
 * page checks (axe WCAG 2.2 A/AA, one h1, landmarks, no sideways scroll) in Thai and Vietnamese on a
 * 360 px phone at 200 % text and in English on a desktop; the builder is walked by keyboard alone to
 * a direct (200) export and a queued (202) one that shows its progress, then a download link.
 */
jest.setTimeout(300_000);

const DEMO_ADMIN = { login: 'admin@demo.baanrian.test', password: 'demo-admin-2567' };
type Locale = 'th' | 'en' | 'vi';

let stack: ServedPortal;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([servePortal(), launchChromium()]);
  baseUrl = stack.baseUrl;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

// ---- The report endpoints, answered from the contract's shapes ------------------------------------

const DATE_LOCALES: Record<Locale, string> = { th: 'th-TH-u-ca-buddhist', en: 'en-GB', vi: 'vi-VN' };
const monthLabel = (month: string, locale: Locale) =>
  new Intl.DateTimeFormat(DATE_LOCALES[locale], { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)) - 1, 15));
const GROUPS: Record<Locale, [string, string][]> = {
  th: [['early_childhood', 'ปฐมวัย (เรียนร่วมกับผู้ปกครอง)'], ['youth', 'เยาวชน'], ['general_public', 'บุคคลทั่วไป'], ['education_staff', 'บุคลากรทางการศึกษาและเจ้าหน้าที่'], ['elderly', 'ผู้สูงอายุ']],
  en: [['early_childhood', 'Early childhood (with a guardian)'], ['youth', 'Youth'], ['general_public', 'General public'], ['education_staff', 'Education personnel and staff'], ['elderly', 'Elderly']],
  vi: [['early_childhood', 'Mầm non (học cùng phụ huynh)'], ['youth', 'Thanh thiếu niên'], ['general_public', 'Người dân'], ['education_staff', 'Cán bộ giáo dục và nhân viên'], ['elderly', 'Người cao tuổi']],
};
const FY_MONTHS = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'];

/** Chiang Mai's FY 2566 figures, spread over months and groups. */
const TOTALS: Record<string, number> = {
  classes_online: 35,
  classes_onsite: 5,
  enrollments: 2604,
  learners: 1950,
  learners_online: 1876,
  learners_onsite: 116,
  attendees: 1820,
  completers: 1544,
  completion_rate: 71.3,
  certificates: 1490,
  learning_hours: 6235.5,
  participants: 2478,
  reach_measured: 11210,
  reach_recorded: 6642,
  reach_total: 17852,
};
const TARGETS: Record<string, number> = { participants: 2400, learners_online: 2000, classes_online: 36, classes_onsite: 5, reach_total: 15000 };

function reportResult(url: URL, locale: Locale) {
  const period = url.searchParams.get('period') ?? 'fy:2569';
  const measures = (url.searchParams.get('measures') ?? Object.keys(TOTALS).join(',')).split(',');
  const breakdowns = (url.searchParams.get('breakdowns') ?? '').split(',').filter(Boolean);
  const whole = /^fy:\d{4}$/.test(period);
  const rowsFor = (dimension: string): [string, string][] => {
    if (dimension === 'month') return FY_MONTHS.map((m) => [m, monthLabel(m, locale)]);
    if (dimension === 'target_group') return GROUPS[locale];
    if (dimension === 'quarter') return [1, 2, 3, 4].map((q) => [`fy:2569:q${q}`, `Q${q}/2569`]);
    if (dimension === 'half') return [1, 2].map((h) => [`fy:2569:h${h}`, `H${h}/2569`]);
    if (dimension === 'format') return [['online', locale === 'th' ? 'ออนไลน์' : 'Online'], ['onsite', locale === 'th' ? 'ณ สถานที่จริง' : 'Onsite']];
    return [['c-1', 'การใช้สมาร์ตโฟนอย่างปลอดภัยสำหรับผู้สูงอายุในชุมชนบ้านเรา']];
  };
  return {
    period: { key: period, kind: whole ? 'fiscal_year' : 'range', from: '2025-10-01', to: '2026-09-30', fiscalYear: 2569, label: locale === 'th' ? 'ปีงบประมาณ 2569' : 'FY 2569' },
    preset: url.searchParams.get('preset'),
    measures,
    filters: {},
    totals: Object.fromEntries(
      measures.map((m) => {
        const target = whole ? (TARGETS[m] ?? null) : null;
        return [m, { actual: TOTALS[m] ?? 0, target, percentOfPlan: target ? Math.round(((TOTALS[m] ?? 0) / target) * 1000) / 10 : null }];
      }),
    ),
    breakdowns: breakdowns.map((dimension) => {
      const rows = rowsFor(dimension);
      return {
        dimension,
        rows: rows.map(([key, label], i) => ({ key, label, values: Object.fromEntries(measures.map((m) => [m, Math.round(((TOTALS[m] ?? 0) * (i + 1)) / ((rows.length * (rows.length + 1)) / 2))])) })),
      };
    }),
    funnel: { reach: 17852, enrolled: 1950, attended: 1820, completed: 1544 },
    freshAt: '2026-03-01T03:00:00.000Z',
  };
}

const OPTIONS = {
  fiscalYears: [2569, 2568],
  currentFiscalYear: 2569,
  provinces: ['เชียงใหม่'],
  districts: [{ province: 'เชียงใหม่', district: 'เมืองเชียงใหม่' }],
  courses: [
    { id: 'c-1', title: 'การใช้สมาร์ตโฟนอย่างปลอดภัยสำหรับผู้สูงอายุในชุมชนบ้านเรา' },
    { id: 'c-2', title: 'อ่านนิทานกับลูก' },
  ],
  instructors: [
    { id: 'i-1', name: 'สมชาย ใจดี' },
    { id: 'i-2', name: 'สุดา แสงทอง' },
  ],
};

const CAMPAIGN = {
  id: 'k-1',
  channel: 'facebook',
  startsOn: '2025-10-01',
  endsOn: '2025-10-31',
  courseId: null,
  courseTitle: null,
  programme: 'แหล่งเรียนรู้ออนไลน์สู่บ้านคุณ',
  impressions: 25000,
  reach: 6642,
  note: 'สถิติจากเพจของ อบจ.',
  createdAt: '2025-11-01T00:00:00.000Z',
  updatedAt: '2025-11-01T00:00:00.000Z',
};

const QUEUED = {
  id: 'e-1',
  format: 'csv',
  kind: 'enrollments',
  period: 'fy:2569',
  fileName: 'enrolments-fy-2569.csv',
  downloadUrl: null,
  status: 'queued',
  progress: 0,
  rowCount: null,
  byteSize: null,
  expiresAt: null,
  createdAt: '2026-03-01T03:00:00.000Z',
  finishedAt: null,
};

interface Sent {
  exports: Record<string, unknown>[];
  files: string[];
}

/** Answers every /api/v1/reports… call; the queued export moves on one step per poll. */
async function fakeReportsApi(page: Page, locale: Locale): Promise<Sent> {
  const sent: Sent = { exports: [], files: [] };
  let polls = 0;
  const states = [
    { ...QUEUED, status: 'running', progress: 35 },
    { ...QUEUED, status: 'running', progress: 80 },
    { ...QUEUED, status: 'ready', progress: 100, downloadUrl: '/api/v1/reports/exports/e-1/file', rowCount: 25_000, byteSize: 2_400_000, expiresAt: '2026-03-02T03:00:00.000Z', finishedAt: '2026-03-01T03:02:00.000Z' },
  ];
  const json = (route: Route, body: unknown, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route(/\/api\/v1\/reports(\/[^?]*)?(\?.*)?$/, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const key = `${request.method()} ${url.pathname.replace('/api/v1/reports', '') || '/'}`;
    switch (key) {
      case 'GET /':
        return json(route, reportResult(url, locale));
      case 'GET /options':
        return json(route, OPTIONS);
      case 'GET /plans':
        return json(route, { fiscalYear: Number(url.searchParams.get('fiscalYear')), targets: Object.entries(TARGETS).map(([measure, target]) => ({ targetGroup: 'all', measure, target })) });
      case 'PUT /plans':
        return json(route, request.postDataJSON());
      case 'GET /reach-campaigns':
        return json(route, [CAMPAIGN]);
      case 'GET /exports':
        return json(route, []);
      case 'POST /exports': {
        const body = request.postDataJSON() as Record<string, unknown>;
        sent.exports.push(body);
        if (body.kind === 'enrollments') return json(route, QUEUED, 202);
        return route.fulfill({
          status: 200,
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent('รายงาน-ปีงบประมาณ-2569.xlsx')}`,
          },
          body: Buffer.from('PK fake workbook'),
        });
      }
      case 'GET /exports/e-1':
        return json(route, states[Math.min(polls++, states.length - 1)]);
      case 'POST /exports/e-1/link':
        return json(route, { url: '/api/v1/reports/exports/e-1/download?token=signed', expiresAt: '2026-03-01T03:04:00.000Z' }, 201);
      case 'GET /exports/e-1/download':
        // The browser's own download: the signed token, and no access token (it never leaves the page's memory).
        sent.files.push(`e-1 token=${url.searchParams.get('token')} authorization=${request.headers().authorization ?? 'none'}`);
        return route.fulfill({ status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="enrolments-fy-2569.csv"' }, body: '\uFEFFlearner,course\n' });
      default:
        return json(route, { type: 'about:blank', title: 'Not found', status: 404, code: 'NOT_FOUND' }, 404);
    }
  });
  return sent;
}

// ---- Helpers ----------------------------------------------------------------------------------------

async function chooseLanguage(page: Page, locale: Locale): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== locale) {
    await page.getByRole('banner').getByRole('combobox').selectOption(locale);
    await page.waitForFunction((value) => document.documentElement.lang === value, locale);
  }
}

async function signIn(page: Page, locale: Locale): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.waitForSelector('html[data-app-ready]', { state: 'attached' });
  await page.locator('input[autocomplete="username"]').fill(DEMO_ADMIN.login);
  await page.locator('input[autocomplete="current-password"]').fill(DEMO_ADMIN.password);
  await page.locator('main button[type="submit"]').first().click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  await page.getByRole('banner').locator('.account-nav__account').waitFor();
  await page.waitForTimeout(300); // the profile's language takes over right after sign-in
  await chooseLanguage(page, locale);
}

async function expectPageChecks(page: Page, where: string): Promise<void> {
  await page.waitForTimeout(300);
  expect({ where, problems: await pageProblems(page) }).toEqual({ where, problems: [] });
}

/**
 * Follows the links a reader does (client-side navigation, the session kept): the header's
 * "Reports" when not on a report screen yet, then the report screens' own navigation.
 */
async function openScreen(page: Page, href: string): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/admin/reports')) {
    await page.locator('header a[href="/admin/reports"]').click();
    await page.waitForURL((url) => url.pathname === '/admin/reports');
  }
  if (new URL(page.url()).pathname === href) return;
  await page.locator(`main nav a[href="${href}"]`).click();
  await page.waitForURL((url) => url.pathname === href);
}

const VIEWS = [
  { locale: 'th', viewport: PHONE, textSize: 200 },
  { locale: 'vi', viewport: PHONE, textSize: 200 },
  { locale: 'en', viewport: { width: 1280, height: 800 }, textSize: 100 },
] as const;

it.each(VIEWS)('every report screen passes the page checks in $locale at $viewport.width px with $textSize % text', async ({ locale, viewport, textSize }) => {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  await fakeReportsApi(page, locale);
  await signIn(page, locale);
  if (textSize !== 100) await setBrowserTextSize(page, textSize);

  // The header's "Reports" link opens the dashboard.
  await openScreen(page, '/admin/reports');
  await page.locator('.reports-cards .ui-card').first().waitFor();
  await page.locator('.report-chart svg').first().waitFor(); // Recharts arrived (its own chunk)
  expect(await page.locator('.report-chart').count()).toBe(4);
  expect(await page.locator('main table caption').count()).toBeGreaterThanOrEqual(5);
  const title = await page.title();
  await expectPageChecks(page, `dashboard (${locale})`);

  await openScreen(page, '/admin/reports/builder');
  await page.locator('.reports-presets button').first().click();
  await page.locator('.reports-results table').first().waitFor();
  expect(await page.title()).not.toBe(title);
  await expectPageChecks(page, `builder with results (${locale})`);

  await openScreen(page, '/admin/reports/plans');
  await page.locator('.reports-plan__input').first().waitFor();
  await expectPageChecks(page, `plans (${locale})`);

  await openScreen(page, '/admin/reports/reach');
  await page.locator('.reports-campaign').first().waitFor();
  await page.locator('.reports-form button[type="submit"]').click(); // every "required" error on screen
  await page.locator('.reports-form [role="alert"]').waitFor();
  await expectPageChecks(page, `recorded reach with errors (${locale})`);
  await context.close();
});

/** What has focus: its tag and the name a reader hears (aria-label, else its text). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? '', name: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim(), href: el?.getAttribute('href') ?? null };
  });

async function tabUntil(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 80): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    stops.push(`${f.tag}:${f.name.slice(0, 30)}`);
    if (match(f)) return stops;
  }
  throw new Error(`Tab never reached the target. Stops: ${stops.join(' | ')}`);
}

it('walks the builder by keyboard alone to a direct export and a queued one that shows its progress, then a link', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en', acceptDownloads: true });
  const page = await context.newPage();
  const sent = await fakeReportsApi(page, 'en');
  await signIn(page, 'en');
  await openScreen(page, '/admin/reports/builder');
  await page.getByRole('heading', { level: 1, name: 'Report builder' }).waitFor();
  await page.getByRole('button', { name: 'Quarterly report' }).waitFor();

  // From the top of the main content: Tab to a preset, Enter runs it; focus moves to the results.
  await page.locator('main').focus();
  await tabUntil(page, (f) => f.tag === 'button' && f.name === 'Quarterly report');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: 'Report: FY 2569' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'reports-results-title');

  // A small export answers with the file at once.
  await tabUntil(page, (f) => f.tag === 'button' && f.name === 'Excel (XLSX)');
  const [workbook] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(workbook.suggestedFilename()).toBe('รายงาน-ปีงบประมาณ-2569.xlsx');
  await page.getByText('Downloaded รายงาน-ปีงบประมาณ-2569.xlsx.').waitFor();

  // Every enrolment is a large export: it is queued, shows its progress, then a download link.
  await page.keyboard.down('Shift');
  await tabUntil(page, (f) => f.tag === 'input' && f.name === '');
  await page.keyboard.up('Shift');
  await page.keyboard.press('ArrowDown'); // "Every enrolment behind them"
  expect(await page.getByRole('radio', { name: 'Every enrolment behind them' }).isChecked()).toBe(true);
  await tabUntil(page, (f) => f.tag === 'button' && f.name === 'CSV');
  await page.keyboard.press('Enter');
  await page.getByText('This export is large: it is being prepared and appears in the list below.').waitFor();
  const progress = page.getByRole('progressbar', { name: 'Preparing CSV, enrolment list' });
  await progress.waitFor();
  await page.waitForFunction(() => document.querySelector('[role="progressbar"][aria-valuenow="35"], [role="progressbar"][aria-valuenow="80"]') !== null);
  await expectPageChecks(page, 'export in progress');
  const link = page.getByRole('link', { name: 'Download CSV, enrolment list' });
  await link.waitFor({ timeout: 20_000 });
  expect(await progress.count()).toBe(0);
  expect(await link.getAttribute('href')).toBe('/api/v1/reports/exports/e-1/file');
  await page.getByText(/Ready: 25,000 rows\./).waitFor();
  await page.getByText(/link works until 2 Mar 2026/).waitFor();
  await tabUntil(page, (f) => f.tag === 'a' && f.name === 'Download CSV, enrolment list');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(csv.suggestedFilename()).toBe('enrolments-fy-2569.csv');
  expect(sent.files).toEqual(['e-1 token=signed authorization=none']);
  expect(sent.exports.map((b) => [b.format, b.kind, b.period, b.preset])).toEqual([
    ['xlsx', 'report', 'fy:2569', 'quarterly'],
    ['csv', 'enrollments', 'fy:2569', 'quarterly'],
  ]);
  await expectPageChecks(page, 'export ready');
  await context.close();
});

it('shows an inline error for a range that ends before it starts, in Thai with Buddhist-Era dates', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'th' });
  const page = await context.newPage();
  await fakeReportsApi(page, 'th');
  await signIn(page, 'th');
  await openScreen(page, '/admin/reports/builder');
  const form = page.getByRole('form', { name: 'สร้างรายงาน' });
  await form.getByRole('button', { name: /ประเภทช่วงเวลา/ }).click();
  await page.getByRole('option', { name: 'กำหนดวันเอง' }).click();
  await form.getByLabel('ตั้งแต่วันที่').fill('2026-02-10');
  await form.getByLabel('ถึงวันที่ (รวมวันนี้)').fill('2026-01-05');
  await form.getByText('วันสิ้นสุดอยู่ก่อนวันเริ่มต้น กรุณาเลือกวันที่หลังกว่านี้').waitFor();
  await form.getByText('วันที่เลือก: 10 ก.พ. 2569').waitFor();
  expect(await form.getByLabel('ถึงวันที่ (รวมวันนี้)').getAttribute('aria-invalid')).toBe('true');
  await expectPageChecks(page, 'range error (th)');
  await context.close();
});
