import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CONSENT_POLICY_VERSION } from '@baanrian/contracts';
import { launchChromium } from './support/browser';
import { DEMO_LEARNER, signIn } from './support/learner';
import { servePortal, type ServedPortal } from './support/stack';
import { XSS_QUERY, xssLong, xssMarkdown, xssShort, xssTitle } from './support/xss-corpus';

/**
 * Stored XSS, in real Chromium: the XSS corpus (support/xss-corpus.ts) is written through the real
 * API into every text field people type that the portal shows (display names, a child's and an
 * assisted account's names, a category, course title, summary and Markdown description, module and
 * lesson titles, a text lesson's Markdown, a link lesson's description, an onsite session's venue
 * and address, question stems, options and feedback in plain, Markdown and HTML formats, a quiz
 * title, the certificate issuer, a template's texts, a title rule, a reach campaign's programme and
 * note, the cells of an enrolment file), then each page that shows them is opened as the person who
 * sees it, with the real worker grading, completing, issuing and counting. On every page: no dialog
 * opened, no Content-Security-Policy violation (the policy would block an inline handler, so a hole
 * shows as a violation rather than an alert), no handler attribute, `javascript:`/`data:` link or
 * foreign frame in the document, Markdown output within its allow-list, and the stored text shown
 * as text where the page shows it.
 */
jest.setTimeout(600_000);

const DEMO_ADMIN = { login: 'admin@demo.baanrian.test', password: 'demo-admin-2567' };
const DEMO_INSTRUCTOR = { login: 'instructor@demo.baanrian.test', password: 'demo-instructor-2567' };

let stack: ServedPortal;
let browser: Browser;
let api: (method: string, url: string, token: string | null, body?: unknown) => Promise<Record<string, unknown>>;

beforeAll(async () => {
  [stack, browser] = await Promise.all([servePortal({ worker: true }), launchChromium()]);
  api = async (method, url, token, body) => {
    const res = await fetch(`${stack.baseUrl}/api/v1${url}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw Object.assign(new Error(`${method} ${url}: ${res.status} ${text}`), { status: res.status });
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  };
  await buildWorld();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const plain = (text: string) => ({ text, format: 'plain' });
const markdown = (text: string) => ({ text, format: 'markdown' });
const html = (text: string) => ({ text, format: 'html' });
const tokenOf = async (who: { login: string; password: string }) => (await api('POST', '/auth/sign-in', null, who)).accessToken as string;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Expects the API to refuse a body (a `javascript:` URL), returning the status. */
async function refused(method: string, url: string, token: string, body: unknown): Promise<number> {
  try {
    await api(method, url, token, body);
    return 200;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

/** What was written, as the API stored it (Markdown-cleaned titles), for the "shown as text" checks. */
interface World {
  names: { learner: string; instructor: string; child: string; assisted: string };
  x: { id: string; slug: string; title: string; summary: string; module: string; lessons: Record<'text' | 'link' | 'quiz', { id: string; title: string }>; quizId: string; quizTitle: string };
  y: { id: string; slug: string; title: string; sessionId: string; venue: string };
  issuer: string;
  template: string;
  titleRule: string;
  programme: string;
  category: string;
  /** Refusals seen while writing: `javascript:` in URL fields. */
  refusals: Record<string, number>;
}
let world: World;

async function buildWorld(): Promise<void> {
  const [admin, instructor, learner] = await Promise.all([tokenOf(DEMO_ADMIN), tokenOf(DEMO_INSTRUCTOR), tokenOf(DEMO_LEARNER)]);
  const names = { learner: xssShort('สมชาย ใจดี'), instructor: xssShort('ครูมาลี'), child: xssShort('น้องเอ'), assisted: xssShort('ยายบุญ') };
  await api('PATCH', '/me', learner, { displayName: names.learner });
  await api('PATCH', '/me', instructor, { displayName: names.instructor });
  await api('POST', '/me/children', learner, { displayName: names.child, birthYear: new Date().getFullYear() - 8, consent: { policyVersion: CONSENT_POLICY_VERSION, purposes: ['learning'] } });
  await api('POST', '/assisted-accounts', admin, { displayName: names.assisted, preferredLocale: 'th' });

  // Administrator's texts.
  const category = (await api('POST', '/admin/categories', admin, { slug: `xss-${Date.now()}`, name: { th: xssShort('หมวดทดสอบ') } })) as { id: string; name: { th: string } };
  const issuer = xssTitle('ศูนย์เรียนรู้');
  await api('PUT', '/admin/credentials/issuer', admin, { name: { th: issuer }, url: 'https://learn.example.org' });
  const template = xssShort('แม่แบบ');
  await api('POST', '/admin/credentials/templates', admin, {
    name: template,
    isDefault: false,
    content: {
      organisationName: xssTitle('องค์กร'),
      heading: xssTitle('เกียรติบัตร'),
      bodyText: xssLong('ได้ผ่านการอบรม'),
      signatories: [{ name: xssShort('มาลี ศรีสุข'), title: xssShort('ผู้อำนวยการ') }],
    },
  });
  const titleRule = xssTitle('พลเมือง');
  await api('POST', '/admin/credentials/title-rules', admin, { fiscalYear: thaiFiscalYear(), name: { th: titleRule }, minCompletedCourses: 5, minHours: 100, active: true });
  const programme = xssTitle('โครงการ');
  await api('POST', '/reports/reach-campaigns', admin, { channel: 'facebook', startsOn: day(-3), endsOn: day(-1), programme, note: xssLong('บันทึก'), reach: 120 });

  // Instructor's course X: every lesson text kind, and a quiz with every question text.
  const x = (await api('POST', '/studio/courses', instructor, {
    title: { th: xssTitle('หลักสูตรทดสอบ') },
    summary: { th: xssTitle('สรุปหลักสูตร') },
    description: { th: xssMarkdown('รายละเอียด') },
    language: 'th',
    targetGroups: ['elderly'],
    format: 'self_paced',
    categoryId: category.id,
  })) as { id: string };
  const module = (await api('POST', `/studio/courses/${x.id}/modules`, instructor, { title: xssTitle('บทที่หนึ่ง') })) as { id: string };
  const lesson = (body: object) => api('POST', `/studio/modules/${module.id}/lessons`, instructor, body) as Promise<{ id: string }>;
  const text = await lesson({ type: 'text', title: xssTitle('บทเรียน'), content: { body: xssMarkdown('เนื้อหา') } });
  const link = await lesson({ type: 'link', title: xssTitle('ลิงก์อ่าน'), content: { url: 'https://example.org/?q=%22%3E%3Csvg%20onload%3Dalert(1)%3E', description: xssLong('คำอธิบาย') } });
  const refusals: Record<string, number> = {
    'link lesson url javascript:': await refused('POST', `/studio/modules/${module.id}/lessons`, instructor, { type: 'link', title: 'x', content: { url: 'javascript:alert(1)' } }),
    'link lesson url data:': await refused('POST', `/studio/modules/${module.id}/lessons`, instructor, { type: 'link', title: 'x', content: { url: 'data:text/html,<script>alert(1)</script>' } }),
  };
  const single = (await api('POST', `/studio/courses/${x.id}/questions`, instructor, {
    definition: {
      type: 'single_choice',
      stem: plain(xssLong('คำถามข้อหนึ่ง')),
      points: 1,
      tags: [],
      generalFeedback: markdown(xssMarkdown('สรุปข้อหนึ่ง')),
      options: [
        { text: plain(xssTitle('ถูกต้องแน่นอน')), weight: 1, feedback: plain(xssLong('เฉลยถูก')) },
        { text: markdown(xssTitle('ผิดแน่นอน')), weight: 0, feedback: markdown(xssMarkdown('เฉลยผิด')) },
      ],
    },
  })) as { id: string };
  const trueFalse = (await api('POST', `/studio/courses/${x.id}/questions`, instructor, {
    definition: {
      type: 'true_false',
      stem: html(`<p>ข้อสอง</p>${xssLong('ข้อสอง')}<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">คลิก</a>`),
      points: 1,
      tags: [],
      correct: true,
      feedbackTrue: html(`<p>ถูก</p><script>alert(1)</script><svg onload=alert(1)>`),
      feedbackFalse: html(`<p>ผิด</p><iframe src="javascript:alert(1)"></iframe>`),
    },
  })) as { id: string };
  const quiz = (await api('POST', `/studio/courses/${x.id}/quizzes`, instructor, {
    title: xssTitle('แบบทดสอบ'),
    questionIds: [single.id, trueFalse.id],
    attemptsAllowed: 3,
    passingPercent: 50,
    resultsPolicy: 'immediately',
  })) as { id: string; title: string };
  // Stored Markdown-cleaned (tags removed), as every title.
  const quizTitle = quiz.title;
  const quizLesson = await lesson({ type: 'quiz', title: xssTitle('ทดสอบท้ายบท'), content: { quizId: quiz.id } });
  await api('POST', `/studio/courses/${x.id}/publish`, instructor);

  // Course Y: an onsite session with a typed venue and address.
  const y = (await api('POST', '/studio/courses', instructor, {
    title: { th: xssTitle('เวิร์กช็อปทดสอบ') },
    summary: { th: xssTitle('สรุปเวิร์กช็อป') },
    language: 'th',
    targetGroups: ['general_public'],
    format: 'blended',
  })) as { id: string };
  const yModule = (await api('POST', `/studio/courses/${y.id}/modules`, instructor, { title: xssTitle('นัดพบ') })) as { id: string };
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const sessionContent = { venue: xssTitle('ห้องประชุม'), address: xssLong('ที่อยู่'), startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString() };
  refusals['onsite map url javascript:'] = await refused('POST', `/studio/modules/${yModule.id}/lessons`, instructor, {
    type: 'onsite_session',
    title: 'x',
    content: { ...sessionContent, mapUrl: 'javascript:alert(1)' },
  });
  const session = (await api('POST', `/studio/modules/${yModule.id}/lessons`, instructor, {
    type: 'onsite_session',
    title: xssTitle('นัดพบครั้งแรก'),
    content: { ...sessionContent, mapUrl: 'https://www.openstreetmap.org/#map=17/18.8/98.98' },
  })) as { id: string };
  await api('POST', `/studio/courses/${y.id}/publish`, instructor);

  // The learner enrols in both and finishes the text and link lessons (the quiz is taken in the browser).
  await api('POST', `/courses/${x.id}/enrollment`, learner, {});
  await api('POST', `/courses/${y.id}/enrollment`, learner, {});
  await api('PUT', `/learning/lessons/${text.id}/progress`, learner, { completed: true });
  await api('PUT', `/learning/lessons/${link.id}/progress`, learner, { completed: true });

  type StudioCourse = { slug: string; title: { th: string }; summary: { th: string }; modules: { title: string; lessons: { id: string; title: string; content: { venue?: string } }[] }[] };
  const storedX = (await api('GET', `/studio/courses/${x.id}`, instructor)) as unknown as StudioCourse;
  const storedY = (await api('GET', `/studio/courses/${y.id}`, instructor)) as unknown as StudioCourse;
  const lessonTitle = (id: string) => storedX.modules[0].lessons.find((l) => l.id === id)?.title ?? '';
  world = {
    names,
    x: {
      id: x.id,
      slug: storedX.slug,
      title: storedX.title.th,
      summary: storedX.summary.th,
      module: storedX.modules[0].title,
      lessons: { text: { id: text.id, title: lessonTitle(text.id) }, link: { id: link.id, title: lessonTitle(link.id) }, quiz: { id: quizLesson.id, title: lessonTitle(quizLesson.id) } },
      quizId: quiz.id,
      quizTitle,
    },
    y: { id: y.id, slug: storedY.slug, title: storedY.title.th, sessionId: session.id, venue: storedY.modules[0].lessons[0].content.venue ?? '' },
    issuer,
    template,
    titleRule,
    programme,
    category: category.name.th,
    refusals,
  };
}

/** The Thai fiscal year (BE) of today: 1 October starts the next one. */
function thaiFiscalYear(): number {
  const now = new Date();
  return now.getUTCFullYear() + 543 + (now.getUTCMonth() >= 9 ? 1 : 0);
}

interface Watched {
  context: BrowserContext;
  page: Page;
  dialogs: string[];
  violations: string[];
  /** Problems per page visited, asserted at the end of each test (all pages reported at once). */
  report: Record<string, string[]>;
}

async function watchedPage(): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en' });
  const watched: Watched = { context, page: await context.newPage(), dialogs: [], violations: [], report: {} };
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => void watched.violations.push(text));
  await context.addInitScript(() => {
    if (!window.localStorage.getItem('baanrian.locale')) window.localStorage.setItem('baanrian.locale', 'en');
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      void report(`${e.effectiveDirective} ${e.blockedURI} ${e.sample} (${location.pathname}${location.search})`);
    });
  });
  context.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to (execute|load|run)/i.test(message.text())) watched.violations.push(`console: ${message.text()}`);
  });
  context.on('page', (page) => page.on('dialog', (dialog) => void recordDialog(watched, dialog)));
  watched.page.on('dialog', (dialog) => void recordDialog(watched, dialog));
  return watched;
}

async function recordDialog(watched: Watched, dialog: { type(): string; message(): string; dismiss(): Promise<void> }): Promise<void> {
  watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
  await dialog.dismiss().catch(() => undefined);
}

/** Opens a route and waits until React has taken over and the page has settled. */
async function visit(page: Page, route: string, ready?: (page: Page) => Promise<unknown>): Promise<void> {
  await page.goto(`${stack.baseUrl}${route}`);
  await page.waitForSelector('html[data-app-ready]', { state: 'attached' });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  if (ready) await ready(page);
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(200);
}

/**
 * What a stored payload could have become in the document: handler attributes (`on…`), script
 * URLs in links, sources and forms, frames or objects not made by the page itself (the PDF preview
 * is a blob: frame), scripts carrying a payload, and Markdown output outside its allow-list.
 */
function hostileMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(el.className).slice(0, 40)}`;
    const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background'];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        // Browsers ignore control characters inside a URL's scheme, so an attacker may hide one there.
        // eslint-disable-next-line no-control-regex
        const value = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (name.startsWith('on')) found.push(`${describe(el)} has ${name}="${attr.value.slice(0, 40)}"`);
        if (name === 'srcdoc') found.push(`${describe(el)} has srcdoc`);
        if (URL_ATTRIBUTES.includes(name) && /^(javascript|vbscript|data:text\/html|data:image\/svg)/.test(value)) found.push(`${describe(el)} ${name}=${attr.value.slice(0, 60)}`);
      }
      const tag = el.tagName.toLowerCase();
      if (['object', 'embed', 'base', 'meta'].includes(tag) && el.closest('body')) found.push(`${describe(el)} in the body`);
      if (tag === 'iframe' && !(el.getAttribute('src') ?? '').startsWith('blob:')) found.push(`${describe(el)} src=${el.getAttribute('src')}`);
      if (tag === 'script' && /alert\(/.test(el.textContent ?? '') && !(el as HTMLScriptElement).type.includes('json')) found.push(`script running ${el.textContent?.slice(0, 60)}`);
    }
    // Server-made HTML (Markdown, HTML question texts) stays within the renderer's allow-list.
    const ALLOWED = new Set(['p', 'br', 'strong', 'em', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img']);
    for (const root of document.querySelectorAll('.course-page__description, .lesson__text, .studio-rich-text')) {
      for (const el of root.querySelectorAll('*')) {
        if (!ALLOWED.has(el.tagName.toLowerCase())) found.push(`rich text holds <${el.tagName.toLowerCase()}>`);
        // As the browser resolves them: relative links are fine, any other scheme is not.
        const scheme = (value: string) => new URL(value, document.baseURI).protocol;
        const href = el.getAttribute('href');
        if (href !== null && !['http:', 'https:', 'mailto:', 'tel:'].includes(scheme(href))) found.push(`rich text link ${href}`);
        const src = el.getAttribute('src');
        if (src !== null && !['http:', 'https:'].includes(scheme(src))) found.push(`rich text image ${src}`);
      }
    }
    return found;
  });
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Checks the page as it is now and records the problems under `where`. */
async function check(watched: Watched, where: string, shows: string[] = []): Promise<void> {
  const problems = await hostileMarkup(watched.page);
  const text = flat(await watched.page.evaluate(() => `${document.title}\n${document.body.innerText}`));
  for (const expected of shows) if (!text.includes(flat(expected))) problems.push(`does not show as text: ${expected.slice(0, 80)}`);
  problems.push(...watched.dialogs.splice(0).map((d) => `dialog ${d}`), ...watched.violations.splice(0).map((v) => `CSP ${v}`));
  watched.report[where] = problems;
}

async function checkRoute(watched: Watched, route: string, shows: string[] = [], ready?: (page: Page) => Promise<unknown>): Promise<void> {
  await visit(watched.page, route, ready);
  await check(watched, route, shows);
}

const clean = (report: Record<string, string[]>) => Object.fromEntries(Object.keys(report).map((where) => [where, []]));

it('refuses script URLs where a learner would click them', () => {
  expect(world.refusals).toEqual({ 'link lesson url javascript:': 400, 'link lesson url data:': 400, 'onsite map url javascript:': 400 });
});

it('the checks catch a hole: markup put into a page the way a hole would put it is reported', async () => {
  const watched = await watchedPage();
  await visit(watched.page, '/');
  await watched.page.evaluate(() => {
    document.querySelector('main')?.insertAdjacentHTML('beforeend', '<img src="/nothing.png" onerror="alert(1)"><a href="java&#x09;script:alert(2)">x</a><p>สวัสดี</p>');
  });
  await watched.page.waitForTimeout(500);
  await check(watched, 'planted', ['สวัสดี', 'ไม่มีข้อความนี้']);
  const problems = watched.report.planted;
  expect(problems).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^img.* has onerror="alert\(1\)"$/),
      expect.stringMatching(/^a.* href=java\tscript:alert\(2\)$/),
      expect.stringMatching(/^CSP script-src-attr inline/),
      'does not show as text: ไม่มีข้อความนี้',
    ]),
  );
  expect(problems.some((p) => p.includes('สวัสดี'))).toBe(false);
  await watched.context.close();
});

it('anonymous pages: the server-rendered catalogue and course pages, a search, sign-in with a hostile next', async () => {
  const watched = await watchedPage();
  await checkRoute(watched, '/', [world.x.title, world.y.title]);
  await checkRoute(watched, `/?q=${encodeURIComponent(XSS_QUERY)}`);
  await checkRoute(watched, `/?category=${encodeURIComponent(XSS_QUERY)}&targetGroup=${encodeURIComponent(XSS_QUERY)}`);
  await checkRoute(watched, `/courses/${world.x.slug}`, [world.x.title, world.x.summary, world.x.module, world.x.lessons.text.title, world.x.lessons.quiz.title, world.names.instructor]);
  await checkRoute(watched, `/courses/${world.y.slug}`, [world.y.title, world.y.venue]);
  await checkRoute(watched, `/sign-in?next=${encodeURIComponent('javascript:alert(1)')}`);
  // Server-rendered HTML as sent (before React): the title is in the page as text, once.
  const raw = await (await fetch(`${stack.baseUrl}/courses/${world.x.slug}`)).text();
  expect(raw.match(/<html/g)).toHaveLength(1);
  expect(raw).not.toMatch(/<svg onload|<img src=x onerror|<script>alert/);
  expect(watched.report).toEqual(clean(watched.report));
  await watched.context.close();
});

it('the learner: lessons, the quiz taken and its result, My learning, notifications, certificates, account, children, and the public verification page', async () => {
  const watched = await watchedPage();
  const { page } = watched;
  await signIn(page, stack.baseUrl, 'en');
  await check(watched, 'after sign-in', [world.names.learner]);
  const lessonRoute = (id: string) => `/learning/courses/${world.x.id}?lesson=${id}`;
  await checkRoute(watched, lessonRoute(world.x.lessons.text.id), [world.x.lessons.text.title, world.x.module], (p) => p.locator('.lesson__text').waitFor());
  await checkRoute(watched, lessonRoute(world.x.lessons.link.id), [world.x.lessons.link.title]);
  await checkRoute(watched, lessonRoute(world.x.lessons.quiz.id), [world.x.lessons.quiz.title]);

  // The quiz: both questions answered right, submitted, graded by the worker, feedback shown.
  await page.getByRole('link', { name: /Open the quiz/ }).click();
  await page.getByRole('button', { name: 'Start the quiz' }).waitFor();
  await check(watched, 'quiz overview', [world.x.quizTitle]);
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await page.locator('.quiz-choice', { hasText: 'ถูกต้องแน่นอน' }).first().click();
  await page.getByText('All answers saved').waitFor();
  await check(watched, 'quiz attempt, question 1', ['คำถามข้อหนึ่ง', 'ผิดแน่นอน']);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('.quiz-choice', { hasText: 'True' }).click();
  await page.getByText('All answers saved').waitFor();
  await check(watched, 'quiz attempt, question 2', ['ข้อสอง']);
  await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Finish and submit' }).click();
  await page.getByRole('dialog', { name: 'Submit your answers?' }).getByRole('button', { name: 'Submit' }).click();
  await page.getByText('2 of 2 points').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(300);
  await check(watched, 'quiz result with feedback', ['เฉลยถูก']);

  // Completion: the worker issues the certificate and notifies.
  const learner = await tokenOf(DEMO_LEARNER);
  let code = '';
  // The worker also issues the demo year's certificates on its first start: allow it minutes.
  for (let i = 0; i < 480 && !code; i++) {
    const mine = (await api('GET', '/me/credentials', learner)) as unknown as { code: string; achievementName: string }[];
    code = mine.find((c) => c.achievementName.includes('หลักสูตรทดสอบ'))?.code ?? '';
    if (!code) await page.waitForTimeout(500);
  }
  expect(code).not.toBe('');
  await checkRoute(watched, '/learning', [world.x.title, world.y.title]);
  await checkRoute(watched, '/notifications', [world.x.title]);
  await checkRoute(watched, '/me/certificates', [world.x.title], (p) => p.locator('.credential-card').first().waitFor());
  await checkRoute(watched, '/account', [world.names.learner]);
  await checkRoute(watched, '/account/children', [world.names.child]);
  await checkRoute(watched, `/verify/${code}`, [world.names.learner, world.x.title, world.issuer], (p) => p.locator('.verify-result--valid').waitFor());
  expect(watched.report).toEqual(clean(watched.report));
  await watched.context.close();
});

it('the instructor: studio course tabs and preview, quiz studio, gradebook, roster, an enrolment file with hostile cells, sessions', async () => {
  const watched = await watchedPage();
  const { page } = watched;
  await signIn(page, stack.baseUrl, 'en', DEMO_INSTRUCTOR);
  const { x, y } = world;
  await checkRoute(watched, '/studio', [x.title, y.title]);
  for (const tab of ['details', 'outline', 'publish', 'instructors']) await checkRoute(watched, `/studio/course?id=${x.id}&tab=${tab}`, tab === 'outline' ? [x.module, x.lessons.text.title] : [x.title]);
  // The lesson editor with its Markdown preview.
  await page.goto(`${stack.baseUrl}/studio/course?id=${x.id}&tab=outline`);
  await page.getByRole('button', { name: /^Edit lesson/ }).first().click();
  await page.getByRole('button', { name: 'Save and preview' }).click();
  await page.locator('.studio-preview-box .studio-rich-text').waitFor();
  await check(watched, 'lesson editor, saved as loaded, with its Markdown preview', ['เนื้อหา']);
  await checkRoute(watched, `/studio/preview?id=${x.id}`, [x.title, x.module], (p) => p.locator('.studio-rich-text').first().waitFor());
  const quizStudio = { bank: ['คำถามข้อหนึ่ง'], quizzes: [x.quizTitle], gradebook: [world.names.learner] };
  for (const [tab, shows] of Object.entries(quizStudio)) await checkRoute(watched, `/studio/quizzes?course=${x.id}&tab=${tab}`, shows);
  await checkRoute(watched, `/studio/quizzes?course=${x.id}&tab=quizzes&quiz=${x.quizId}`);
  await checkRoute(watched, `/studio/learners?id=${x.id}`, [world.names.learner], (p) => p.getByRole('grid', { name: 'Enrolments' }).waitFor());
  await checkRoute(watched, `/studio/learners?id=${x.id}&tab=progress`, [world.names.learner]);

  // An enrolment file whose cells are the payloads: the report of rejected rows shows them as text.
  await visit(page, `/studio/learners?id=${x.id}&tab=import`, (p) => p.locator('input[type=file]').waitFor());
  const cells = ['"><svg onload=alert(1)>@example.org', '<img src=x onerror=alert(1)>', '=HYPERLINK("javascript:alert(1)")'];
  const csv = `email,account_code,channel\r\n"${cells[0].replace(/"/g, '""')}",,online\r\n,"${cells[1]}",onsite\r\n,"${cells[2].replace(/"/g, '""')}",\r\n`;
  await page.getByLabel('Choose a CSV or XLSX file').setInputFiles({ name: 'learners.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('grid', { name: 'Rejected rows' }).waitFor();
  await check(watched, 'enrolment file report', cells);

  await checkRoute(watched, `/studio/sessions?id=${y.id}`, [y.title]);
  await checkRoute(watched, `/studio/session?id=${y.sessionId}&course=${y.id}`, [world.names.learner]);
  expect(watched.report).toEqual(clean(watched.report));
  await watched.context.close();
});

it('the administrator: users, audit, assisted sign-up, certificates (templates, editor, issuer, titles, issued), reports with course names and hostile filters, reach campaigns, plans', async () => {
  const watched = await watchedPage();
  const { page } = watched;
  await signIn(page, stack.baseUrl, 'en', DEMO_ADMIN);
  // Searched by a piece of the payload every hostile name holds: stored names and the reflected search at once.
  await checkRoute(watched, `/admin/users?q=${encodeURIComponent('onerror=alert(2)')}`, [world.names.learner, world.names.instructor, world.names.assisted], (p) => p.getByText('ครูมาลี').first().waitFor());
  await checkRoute(watched, `/admin/users?q=${encodeURIComponent(XSS_QUERY)}`);
  await checkRoute(watched, '/admin/audit');
  await checkRoute(watched, '/admin/assisted');
  await checkRoute(watched, '/admin/certificates?tab=templates', [world.template], (p) => p.locator('.credential-card').first().waitFor());
  await page.getByRole('button', { name: `Edit ${world.template}` }).click();
  await page.locator('.certificate-sheet').waitFor();
  await check(watched, 'template editor and its preview');
  await checkRoute(watched, '/admin/certificates?tab=issuer');
  await checkRoute(watched, '/admin/certificates?tab=titles', [world.titleRule], (p) => p.locator('.credential-card').first().waitFor());
  // The demo year's ~1,750 certificates are issued by the same worker: the learner's may be on any page.
  await checkRoute(watched, '/admin/certificates?tab=credentials');

  // Reports: the worker counts the learner's enrolments; course and instructor names label the rows.
  const period = `fy:${thaiFiscalYear()}`;
  const builder = `/admin/reports/builder?period=${period}&breakdowns=course,instructor,district&measures=enrollments,completers`;
  let shown = false;
  for (let i = 0; i < 30 && !shown; i++) {
    await visit(page, builder);
    shown = flat(await page.evaluate(() => document.body.innerText)).includes(flat(world.x.title));
    if (!shown) await page.waitForTimeout(2_000);
  }
  await check(watched, 'report builder by course, instructor and district', [world.x.title, world.names.instructor]);
  await checkRoute(watched, `/admin/reports/builder?period=${period}&district=${encodeURIComponent(XSS_QUERY)}&province=${encodeURIComponent(XSS_QUERY)}`);
  await checkRoute(watched, `/admin/reports/builder?period=${encodeURIComponent(XSS_QUERY)}`);
  await checkRoute(watched, '/admin/reports');
  await checkRoute(watched, '/admin/reports/reach', [world.programme]);
  await checkRoute(watched, '/admin/reports/plans');
  expect(watched.report).toEqual(clean(watched.report));
  await watched.context.close();
});
