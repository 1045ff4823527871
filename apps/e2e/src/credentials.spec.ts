import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { launchChromium, PHONE, setBrowserTextSize } from './support/browser';
import { pageProblems } from './support/page-checks';
import { servePortal, type ServedPortal } from './support/stack';

/**
 * The certificate screens (issue 9) in the browser: the built api serving the built portal, the
 * demo learner signed in for real. The credentials endpoints answer with the generated DTOs'
 * shapes through page.route, so every state is on screen whatever the seed holds: My
 * certificates, and the public verification page for a valid, a revoked and an unknown code.
 * Each passes the page checks (axe WCAG 2.2 A/AA, one h1, landmarks, no sideways scroll) on a
 * 360 px phone in Thai at 200 % text, English and Vietnamese; and both are usable by keyboard alone.
 */
jest.setTimeout(240_000);

const DEMO_LEARNER = { login: 'learner@demo.baanrian.test', password: 'demo-learner-2567' };
const DEMO_ADMIN = { login: 'admin@demo.baanrian.test', password: 'demo-admin-2567' };
const VALID = '7K3M9QX2PA';
const REVOKED = 'R3V0K3D000';
const UNKNOWN = 'NOPE000000';

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

const verification = (status: 'valid' | 'revoked') => ({
  status,
  revokedAt: status === 'revoked' ? '2026-11-22T05:00:00.000Z' : null,
  achievementName: 'การใช้สมาร์ตโฟนอย่างปลอดภัยสำหรับผู้สูงอายุในชุมชน',
  issuerName: 'ศูนย์ส่งเสริมการเรียนรู้อำเภอเมืองเชียงใหม่',
  issuedAt: '2026-11-20T03:00:00.000Z',
  learnerName: 'สมชาย ใจดีมากเป็นพิเศษยิ่งกว่าใครในหมู่บ้าน',
  serials: [
    { serial: 'BR-2569-000124', templateVersion: 2, current: true },
    { serial: 'BR-2569-000123', templateVersion: 1, current: false },
  ],
});

const mine = (origin: string) => [
  {
    id: 'c-1',
    code: VALID,
    kind: 'course',
    achievementName: 'การใช้สมาร์ตโฟนอย่างปลอดภัยสำหรับผู้สูงอายุในชุมชน',
    hours: 12,
    issuedAt: '2026-11-20T03:00:00.000Z',
    revokedAt: null,
    pdfReady: true,
    serial: 'BR-2569-000124',
    links: {
      verificationPage: `${origin}/verify/${VALID}`,
      credentialJson: `${origin}/api/v1/credentials/${VALID}/credential.json`,
      credentialJwt: `${origin}/api/v1/credentials/${VALID}/credential.jwt`,
      certificatePdf: `${origin}/api/v1/me/credentials/c-1/certificate.pdf`,
    },
    linkedInAddToProfileUrl: `https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&certId=${VALID}`,
  },
  {
    id: 'c-2',
    code: REVOKED,
    kind: 'title',
    achievementName: 'พลเมืองแห่งการเรียนรู้ ปีงบประมาณ 2569',
    hours: 0,
    issuedAt: '2026-10-01T03:00:00.000Z',
    revokedAt: '2026-11-22T05:00:00.000Z',
    pdfReady: false,
    serial: 'BR-2569-000001',
    links: { verificationPage: `${origin}/verify/${REVOKED}`, credentialJson: `${origin}/api/v1/credentials/${REVOKED}/credential.json`, credentialJwt: '', certificatePdf: '' },
    linkedInAddToProfileUrl: '',
  },
];

/** The credentials endpoints, answered from the generated DTOs' shapes. */
async function fakeCredentialsApi(page: Page): Promise<void> {
  const reply = (body: unknown, status = 200) => (route: Route) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route(new RegExp(`/api/v1/credentials/${VALID}/verification$`), reply(verification('valid')));
  await page.route(new RegExp(`/api/v1/credentials/${REVOKED}/verification$`), reply(verification('revoked')));
  await page.route(
    new RegExp(`/api/v1/credentials/${UNKNOWN}/verification$`),
    reply({ type: 'about:blank', title: 'Not found', status: 404, code: 'CREDENTIAL_NOT_FOUND' }, 404),
  );
  await page.route(/\/api\/v1\/me\/credentials$/, reply(mine(baseUrl)));
}

async function chooseLanguage(page: Page, locale: 'th' | 'en' | 'vi'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== locale) {
    await page.getByRole('banner').getByRole('combobox').selectOption(locale);
    await page.waitForFunction((value) => document.documentElement.lang === value, locale);
  }
}

async function signIn(page: Page, locale: 'th' | 'en' | 'vi', who = DEMO_LEARNER): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.waitForSelector('html[data-app-ready]', { state: 'attached' });
  await page.locator('input[autocomplete="username"]').fill(who.login);
  await page.locator('input[autocomplete="current-password"]').fill(who.password);
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

it.each([
  ['th', 200],
  ['en', 100],
  ['vi', 100],
] as const)('the verification page (valid, revoked, not found) and My certificates pass the page checks in %s at 360 px with %i%% text', async (locale, textSize) => {
  const context = await browser.newContext({ viewport: PHONE, locale });
  const page = await context.newPage();
  await fakeCredentialsApi(page);

  // Public: no sign-in.
  await page.goto(`${baseUrl}/verify/${VALID}`);
  await page.waitForSelector('html[data-app-ready]', { state: 'attached' });
  await chooseLanguage(page, locale);
  if (textSize !== 100) await setBrowserTextSize(page, textSize);
  for (const [code, state] of [
    [VALID, 'valid'],
    [REVOKED, 'revoked'],
    [UNKNOWN, 'unknown'],
  ] as const) {
    await page.goto(`${baseUrl}/verify/${code}`);
    await page.locator(`.verify-result--${state}`).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/verify/${code}`);
    await expectPageChecks(page, `verify ${state} (${locale})`);
  }

  await signIn(page, locale);
  await page.goto(`${baseUrl}/me/certificates`);
  await page.locator('.credential-card').nth(1).waitFor();
  await expectPageChecks(page, `my certificates (${locale})`);
  await context.close();
});

it('shows Thai names whole, never split inside a word, on a 360 px phone at 200 % text', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'th' });
  const page = await context.newPage();
  await fakeCredentialsApi(page);
  await page.goto(`${baseUrl}/verify/${VALID}`);
  await page.waitForSelector('html[data-app-ready]', { state: 'attached' });
  await chooseLanguage(page, 'th');
  await setBrowserTextSize(page, 200);
  await page.locator('.verify-result--valid').waitFor();
  // Each line break of the wrapped learner name falls at a word boundary (Intl.Segmenter's words).
  const splitWords = await page.locator('.credential-facts dd').nth(1).evaluate((dd) => {
    const text = dd.textContent ?? '';
    const node = dd.firstChild as Text;
    const range = document.createRange();
    const lineStarts: number[] = [];
    let lastTop = -1;
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const top = Math.round(range.getBoundingClientRect().top);
      if (top > lastTop + 2) {
        if (lastTop >= 0) lineStarts.push(i);
        lastTop = top;
      }
    }
    const boundaries = new Set([...new Intl.Segmenter('th', { granularity: 'word' }).segment(text)].map((s) => s.index));
    return { lines: lineStarts.length + 1, inside: lineStarts.filter((i) => !boundaries.has(i) && text[i - 1] !== ' ') };
  });
  expect(splitWords.lines).toBeGreaterThan(1);
  expect(splitWords.inside).toEqual([]);
  await context.close();
});

it('is usable by keyboard alone: every action on My certificates and the verification page is reachable, and copying the link works', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  const page = await context.newPage();
  await fakeCredentialsApi(page);
  await signIn(page, 'en');
  await page.goto(`${baseUrl}/me/certificates`);
  await page.locator('.credential-card').first().waitFor();

  const reached: string[] = [];
  await page.getByRole('heading', { level: 1, name: 'My certificates' }).click(); // start inside main
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el && el.closest('main') ? (el.textContent ?? '').trim() : null;
    });
    if (focused === null) break;
    reached.push(focused);
  }
  for (const name of ['View PDF', 'Download PDF', 'Download badge (JSON)', 'Copy share link', 'Add to LinkedIn profile', 'Open the verification page']) {
    expect(reached.some((text) => text.startsWith(name))).toBe(true);
  }

  await page.getByRole('button', { name: 'Copy share link' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('Link copied').waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseUrl}/verify/${VALID}`);

  // Follow the first card's verification link with Enter.
  await page.getByRole('link', { name: 'Open the verification page' }).first().focus();
  await page.keyboard.press('Enter');
  await page.locator('.verify-result--valid').waitFor();
  await page.getByRole('link', { name: 'Download the credential (JSON)' }).focus();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(`/api/v1/credentials/${VALID}/credential.json`);
  await context.close();
});

/** A real PNG, for the logo and signature images the fake media storage serves. */
const PNG = readFileSync(path.join(__dirname, '../../portal/public/icons/icon-192.png'));
const ISSUED_TOTAL = 45;

/** The admin endpoints, answered from the generated DTOs' shapes; records revocations, uploads and deletions. */
async function fakeAdminApi(page: Page, names = { standard: 'แม่แบบมาตรฐาน', trial: 'แม่แบบทดลอง' }): Promise<{ revoked: unknown[]; uploads: string[]; deleted: string[]; listQueries: string[] }> {
  const sent = { revoked: [] as unknown[], uploads: [] as string[], deleted: [] as string[], listQueries: [] as string[] };
  const reply = (body: unknown, status = 200) => (route: Route) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  const template = {
    id: 't-1',
    name: names.standard,
    isDefault: true,
    version: 2,
    updatedAt: '2026-11-20T03:00:00.000Z',
    content: {
      organisationName: 'ศูนย์ส่งเสริมการเรียนรู้อำเภอเมืองเชียงใหม่',
      heading: 'เกียรติบัตรฉบับนี้ให้ไว้เพื่อแสดงว่า',
      bodyText: 'ได้ผ่านการอบรมหลักสูตร',
      logoMediaId: 'media-logo',
      signatories: [{ name: 'มาลี ศรีสุข', title: 'ผู้อำนวยการศูนย์ส่งเสริมการเรียนรู้', signatureMediaId: 'media-sign' }],
      accentColor: '#0b5c4a',
    },
  };
  const unused = { ...template, id: 't-2', name: names.trial, isDefault: false, version: 1 };
  const issued = {
    id: 'c-1',
    code: VALID,
    kind: 'course',
    userId: 'u-1',
    learnerName: 'สมชาย ใจดี',
    achievementName: 'การใช้สมาร์ตโฟนอย่างปลอดภัย',
    hours: 12,
    issuedAt: '2026-11-20T03:00:00.000Z',
    serial: 'BR-2569-000124',
    revokedAt: null,
    revocationReason: null,
  };
  await page.route(/\/api\/v1\/admin\/credentials\/templates$/, reply([template, unused]));
  await page.route(/\/api\/v1\/admin\/credentials\/templates\/t-2$/, (route) => {
    if (route.request().method() !== 'DELETE') return route.fallback();
    sent.deleted.push('t-2');
    return route.fulfill({ status: 204 });
  });
  await page.route(/\/api\/v1\/media$/, (route) => {
    sent.uploads.push(route.request().headers()['content-type']);
    return reply({ id: 'media-new', kind: 'image', contentType: 'image/png', byteSize: PNG.length }, 201)(route);
  });
  await page.route(/\/api\/v1\/media\/media-[a-z]+$/, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PNG }));
  await page.route(/\/api\/v1\/admin\/credentials\/reconciliation$/, reply({ lastRun: { startedAt: '2026-11-22T19:30:00.000Z', finishedAt: '2026-11-22T19:30:07.000Z', issued: 2, rendered: 1, mailed: 3, enrollmentIds: [] } }));
  await page.route(/\/api\/v1\/admin\/credentials\/issuer$/, reply({ name: { th: 'ศูนย์ส่งเสริมการเรียนรู้อำเภอเมืองเชียงใหม่' }, url: 'https://learn.example.org', email: null, imageMediaId: null, updatedAt: null }));
  // 45 issued, in pages of the limit asked for: the first one is the card the revoke test uses.
  await page.route(/\/api\/v1\/admin\/credentials(\?.*)?$/, (route) => {
    const query = new URL(route.request().url()).searchParams;
    sent.listQueries.push(query.toString());
    const offset = Number(query.get('offset') ?? 0);
    const limit = Number(query.get('limit') ?? 20);
    const all = Array.from({ length: ISSUED_TOTAL }, (_, i) => (i === 0 ? issued : { ...issued, id: `c-${i + 1}`, code: `CODE${String(i).padStart(6, '0')}`, learnerName: `ผู้เรียนคนที่ ${i + 1}` }));
    return reply({ items: all.slice(offset, offset + limit), total: ISSUED_TOTAL })(route);
  });
  await page.route(/\/api\/v1\/admin\/credentials\/title-rules$/, reply([{ id: 'r-1', fiscalYear: 2569, name: { th: 'พลเมืองแห่งการเรียนรู้' }, minCompletedCourses: 1, minHours: 10, active: true, createdAt: '2026-10-01T00:00:00.000Z' }]));
  await page.route(/\/api\/v1\/admin\/credentials\/c-1\/revoke$/, (route) => {
    sent.revoked.push(route.request().postDataJSON());
    return reply({ ...issued, revokedAt: '2026-11-23T03:00:00.000Z', revocationReason: 'ออกให้ผิดคน' })(route);
  });
  return sent;
}

it('the admin screens pass the page checks in Thai at 360 px with 200 % text, and a certificate is revoked with a reason by keyboard', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'th' });
  const page = await context.newPage();
  const sent = await fakeAdminApi(page);
  await signIn(page, 'th', DEMO_ADMIN);
  await setBrowserTextSize(page, 200);
  await page.goto(`${baseUrl}/admin/certificates`);
  await page.locator('.credential-card').first().waitFor();
  await expectPageChecks(page, 'templates');

  await page.getByRole('button', { name: /^ลบ/ }).click();
  await page.getByRole('dialog').waitFor();
  await expectPageChecks(page, 'delete template dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'ลบแม่แบบ' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  expect(sent.deleted).toEqual(['t-2']);

  await page.getByRole('button', { name: /^แก้ไข แม่แบบมาตรฐาน/ }).click();
  await page.locator('.certificate-sheet').waitFor();
  // The logo and the signature: thumbnails by their fields, and drawn in the live preview.
  await page.locator('.certificate-sheet__signature').waitFor();
  expect(await page.locator('.template-image__thumb').count()).toBe(2);
  await expectPageChecks(page, 'template editor with logo, signature and preview');
  await page.getByLabel('โลโก้', { exact: true }).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('img', { name: 'โลโก้ปัจจุบัน' }).and(page.locator('[src$="media-new"]')).waitFor();
  expect(sent.uploads).toEqual(['image/png']);
  await page.getByLabel('โลโก้', { exact: true }).setInputFiles({ name: 'logo.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
  await page.getByText('กรุณาเลือกรูปภาพ PNG หรือ JPEG').waitFor();
  await expectPageChecks(page, 'template editor with an image refused');
  expect(sent.uploads).toHaveLength(1);
  await page.getByRole('button', { name: 'ยกเลิก' }).click();

  for (const [tab, ready] of [
    ['ผู้ออกเกียรติบัตร', '.credentials-form'],
    ['ตำแหน่งพลเมืองแห่งการเรียนรู้', '.credential-card'],
    ['เกียรติบัตรที่ออกแล้ว', '.credential-card'],
  ] as const) {
    await page.getByRole('tab', { name: tab }).click();
    await page.locator(`[role="tabpanel"] ${ready}`).first().waitFor();
    await expectPageChecks(page, tab);
  }

  // The issued list is paged: page 2 by its link, checked too, then back to page 1.
  await page.getByRole('navigation', { name: 'เลือกหน้า' }).getByRole('link', { name: /ถัดไป/ }).click();
  await page.getByText('ผู้เรียนคนที่ 21').waitFor();
  expect(new URL(page.url()).search).toBe('?tab=credentials&page=2');
  await expectPageChecks(page, 'issued certificates, page 2');
  await page.getByRole('navigation', { name: 'เลือกหน้า' }).getByRole('link', { name: /ก่อนหน้า/ }).click();
  await page.getByText('ผู้เรียนคนที่ 2', { exact: true }).waitFor();
  expect(sent.listQueries).toEqual(expect.arrayContaining(['limit=20&offset=0', 'limit=20&offset=20']));

  await page.getByRole('article', { name: 'สมชาย ใจดี' }).getByRole('button', { name: 'เพิกถอน' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await expectPageChecks(page, 'revoke dialog');
  await page.keyboard.type('ออกให้ผิดคน'); // the reason field has focus
  await dialog.getByRole('button', { name: 'เพิกถอนเกียรติบัตร' }).focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  expect(sent.revoked).toEqual([{ reason: 'ออกให้ผิดคน' }]);
  await context.close();
});

it.each([
  ['en', 'Edit Standard design', 'Delete Trial design', 'Next'],
  ['vi', 'Sửa Standard design', 'Xóa Trial design', 'Sau'],
] as const)('the new admin states (template images, delete dialog, paged list) pass the page checks in %s at 1280 px', async (locale, edit, remove, next) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  const page = await context.newPage();
  await fakeAdminApi(page, { standard: 'Standard design', trial: 'Trial design' });
  await signIn(page, locale, DEMO_ADMIN);
  await page.goto(`${baseUrl}/admin/certificates`);
  await page.getByRole('button', { name: edit }).click();
  await page.locator('.certificate-sheet__signature').waitFor();
  await expectPageChecks(page, `template editor with images (${locale})`);
  await page.goto(`${baseUrl}/admin/certificates`);
  await page.getByRole('button', { name: remove }).click();
  await page.getByRole('dialog').waitFor();
  await expectPageChecks(page, `delete template dialog (${locale})`);
  await page.goto(`${baseUrl}/admin/certificates?tab=credentials&page=3`);
  await page.getByText('ผู้เรียนคนที่ 41').waitFor();
  await page.locator('.credential-reconcile').waitFor();
  expect(await page.locator('.ui-pagination').getByRole('link', { name: new RegExp(next) }).count()).toBe(0); // the last page
  await expectPageChecks(page, `issued certificates, last page (${locale})`);
  await context.close();
});
