import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MeDto, SessionDto } from '../../auth/accounts-api';
import { SESSION_HINT_KEY } from '../../auth/session-store';
import { json, problem, renderApp } from '../../testing/render-app';
import type { AdminCredentialDto, IssuerProfileDto, MyCredentialDto, TemplateDto, TitleRuleDto, VerificationDto } from './credentials-api';

/*
 * The certificate screens in the whole app (real providers, router, i18n, API client); only
 * fetch, the network edge, is fake, answering with the contract's shapes (notes/cred-contract.md).
 */

vi.setConfig({ testTimeout: 30_000 });

const user = (roles: MeDto['roles'] = ['learner']): MeDto => ({
  id: 'u-1',
  email: 'somchai@example.org',
  accountCode: 'BR-10001',
  displayName: 'Somchai',
  phone: null,
  preferredLocale: 'en',
  birthYear: 1960,
  province: null,
  district: null,
  targetGroup: 'elderly',
  targetGroupSource: 'learner',
  staffStatus: 'none',
  roles,
  isChild: false,
  actingAs: null,
  createdAt: '2025-01-01T00:00:00.000Z',
});
const session = (roles?: MeDto['roles']): SessionDto => ({ accessToken: 'token-1', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: user(roles) });

const mine = (overrides: Partial<MyCredentialDto> = {}): MyCredentialDto => ({
  id: 'c-1',
  code: '7K3M9QX2PA',
  kind: 'course',
  achievementName: 'Using a smartphone safely',
  hours: 12,
  issuedAt: '2026-11-20T03:00:00.000Z',
  revokedAt: null,
  pdfReady: true,
  serial: 'BR-2569-000123',
  links: {
    verificationPage: 'https://learn.example.org/verify/7K3M9QX2PA',
    credentialJson: 'https://learn.example.org/api/v1/credentials/7K3M9QX2PA/credential.json',
    credentialJwt: 'https://learn.example.org/api/v1/credentials/7K3M9QX2PA/credential.jwt',
    certificatePdf: 'https://learn.example.org/api/v1/me/credentials/c-1/certificate.pdf',
  },
  linkedInAddToProfileUrl: `https://www.linkedin.com/profile/add?${new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: 'Using a smartphone safely',
    organizationName: 'Chiang Mai Learning Centre',
    issueYear: '2026',
    issueMonth: '11',
    certUrl: 'https://learn.example.org/verify/7K3M9QX2PA',
    certId: '7K3M9QX2PA',
  }).toString()}`,
  ...overrides,
});

const verification = (overrides: Partial<VerificationDto> = {}): VerificationDto => ({
  status: 'valid',
  revokedAt: null,
  achievementName: 'Using a smartphone safely',
  issuerName: 'Chiang Mai Learning Centre',
  issuedAt: '2026-11-20T03:00:00.000Z',
  learnerName: 'Somchai Jaidee',
  serials: [
    { serial: 'BR-2569-000124', templateVersion: 2, current: true },
    { serial: 'BR-2569-000123', templateVersion: 1, current: false },
  ],
  ...overrides,
});

type Route = (request: Request) => Response | Promise<Response>;

function api(routes: Record<string, Route> = {}, roles?: MeDto['roles']) {
  const defaults: Record<string, Route> = {
    'POST /api/v1/auth/refresh': () => json(session(roles)),
    'GET /api/v1/me/credentials': () => json([mine()]),
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

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem('baanrian.locale', 'en');
});

describe('public verification page', () => {
  it('shows a valid certificate with only what it prints, every serial, and the JSON download, without signing in', async () => {
    const { requests } = renderApp({ url: '/verify/7K3M9QX2PA', handler: api({ 'GET /api/v1/credentials/7K3M9QX2PA/verification': () => json(verification()) }) });
    expect(await screen.findByRole('heading', { level: 2, name: /Valid certificate/ }, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Certificate verification' })).toBeTruthy();
    expect(screen.getByText('Somchai Jaidee')).toBeTruthy();
    expect(screen.getByText('Using a smartphone safely')).toBeTruthy();
    expect(screen.getByText('20 Nov 2026')).toBeTruthy();
    expect(screen.getByText('BR-2569-000124 (current print)')).toBeTruthy();
    expect(screen.getByText('BR-2569-000123 (earlier print, still valid)')).toBeTruthy();
    const download = screen.getByRole('link', { name: 'Download the credential (JSON)' });
    expect(download.getAttribute('href')).toBe('/api/v1/credentials/7K3M9QX2PA/credential.json');
    expect(download.hasAttribute('download')).toBe(true);
    // Public: no sign-in redirect, and the learner's token is not needed.
    expect(window.location.pathname).toBe('/verify/7K3M9QX2PA');
    expect(sent(requests, 'GET', '/api/v1/credentials/7K3M9QX2PA/verification')).toHaveLength(1);
  });

  it('says when a certificate was revoked, with the date', async () => {
    renderApp({
      url: '/verify/7K3M9QX2PA',
      handler: api({ 'GET /api/v1/credentials/7K3M9QX2PA/verification': () => json(verification({ status: 'revoked', revokedAt: '2026-11-22T05:00:00.000Z' })) }),
    });
    expect(await screen.findByRole('heading', { level: 2, name: /Revoked certificate/ }, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByText('This certificate was revoked on 22 Nov 2026. It is no longer valid.')).toBeTruthy();
  });

  it('shows "not found" for an unknown code, revealing nothing else', async () => {
    renderApp({
      url: '/verify/NOPE000000',
      handler: api({ 'GET /api/v1/credentials/NOPE000000/verification': () => json(problem({ status: 404, code: 'CREDENTIAL_NOT_FOUND', title: 'Not found' }), 404) }),
    });
    expect(await screen.findByRole('heading', { level: 2, name: 'Certificate not found' }, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByText('No certificate has the code NOPE000000. Check the code and try again.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Download/ })).toBeNull();
  });

  it('warns when a found certificate no longer verifies', async () => {
    renderApp({ url: '/verify/7K3M9QX2PA', handler: api({ 'GET /api/v1/credentials/7K3M9QX2PA/verification': () => json(verification({ status: 'invalid' })) }) });
    expect(await screen.findByRole('heading', { level: 2, name: /Certificate not valid/ }, { timeout: 15_000 })).toBeTruthy();
    expect(screen.queryByText(/Valid certificate/)).toBeNull();
  });

  it('is in Thai with Buddhist Era dates when the visitor reads Thai', async () => {
    localStorage.setItem('baanrian.locale', 'th');
    renderApp({ url: '/verify/7K3M9QX2PA', handler: api({ 'GET /api/v1/credentials/7K3M9QX2PA/verification': () => json(verification()) }) });
    expect(await screen.findByRole('heading', { level: 2, name: /เกียรติบัตรถูกต้อง/ }, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByText('20 พ.ย. 2569')).toBeTruthy();
  });
});

describe('My certificates', () => {
  beforeEach(() => localStorage.setItem(SESSION_HINT_KEY, '1'));

  it('lists the learner’s certificates with the PDF, badge JSON, share link and LinkedIn', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderApp({ url: '/me/certificates', handler: api() });
    const card = await screen.findByRole('article', { name: 'Using a smartphone safely' }, { timeout: 15_000 });
    expect(screen.getByRole('heading', { level: 1, name: 'My certificates' })).toBeTruthy();
    expect(within(card).getByText('Issued 20 Nov 2026')).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'View PDF' })).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'Download badge (JSON)' }).getAttribute('href')).toBe('https://learn.example.org/api/v1/credentials/7K3M9QX2PA/credential.json');

    const linkedIn = new URL(within(card).getByRole('link', { name: /Add to LinkedIn profile/ }).getAttribute('href') ?? '');
    expect(linkedIn.origin + linkedIn.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(linkedIn.searchParams)).toMatchObject({
      startTask: 'CERTIFICATION_NAME',
      name: 'Using a smartphone safely',
      organizationName: 'Chiang Mai Learning Centre',
      issueYear: '2026',
      certId: '7K3M9QX2PA',
      certUrl: 'https://learn.example.org/verify/7K3M9QX2PA',
    });

    await act(async () => fireEvent.click(within(card).getByRole('button', { name: 'Copy share link' })));
    expect(writeText).toHaveBeenCalledWith('https://learn.example.org/verify/7K3M9QX2PA');
  });

  it('fetches the PDF with the learner’s token when asked', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:pdf');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { requests } = renderApp({
      url: '/me/certificates',
      handler: api({ 'GET /api/v1/me/credentials/c-1/certificate.pdf': () => new Response(new Blob(['%PDF-1.7']), { headers: { 'Content-Type': 'application/pdf' } }) }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Download PDF' }, { timeout: 15_000 }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const [pdf] = sent(requests, 'GET', '/api/v1/me/credentials/c-1/certificate.pdf');
    expect(pdf.headers.get('Authorization')).toBe('Bearer token-1');
    click.mockRestore();
  });

  it('says when the PDF is still being prepared, marks revoked ones and hides their sharing', async () => {
    renderApp({
      url: '/me/certificates',
      handler: api({
        'GET /api/v1/me/credentials': () =>
          json([mine({ pdfReady: false }), mine({ id: 'c-2', code: 'AAAABBBBCC', achievementName: 'Digital money', revokedAt: '2026-11-22T05:00:00.000Z' })]),
      }),
    });
    const pending = await screen.findByRole('article', { name: 'Using a smartphone safely' }, { timeout: 15_000 });
    expect(within(pending).getByText('The PDF is being prepared. Check again in a few minutes.')).toBeTruthy();
    expect(within(pending).queryByRole('button', { name: 'View PDF' })).toBeNull();
    const revoked = screen.getByRole('article', { name: 'Digital money' });
    expect(within(revoked).getByText('Revoked on 22 Nov 2026')).toBeTruthy();
    expect(within(revoked).queryByRole('button', { name: 'Copy share link' })).toBeNull();
    expect(within(revoked).queryByRole('link', { name: /LinkedIn/ })).toBeNull();
  });

  it('has an empty state leading to My learning', async () => {
    renderApp({ url: '/me/certificates', handler: api({ 'GET /api/v1/me/credentials': () => json([]) }) });
    expect(await screen.findByRole('heading', { name: 'No certificates yet' }, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to My learning' }).getAttribute('href')).toBe('/learning');
  });

  it('is linked from the header once signed in', async () => {
    renderApp({ url: '/me/certificates', handler: api() });
    const nav = await screen.findByRole('navigation', { name: /./ }, { timeout: 15_000 });
    expect((await within(nav).findByRole('link', { name: 'My certificates' })).getAttribute('aria-current')).toBe('page');
    expect(within(nav).queryByRole('link', { name: 'Certificate admin' })).toBeNull();
  });
});

describe('certificate admin', () => {
  beforeEach(() => localStorage.setItem(SESSION_HINT_KEY, '1'));

  const template: TemplateDto = {
    id: 't-1',
    name: 'Standard',
    isDefault: true,
    version: 2,
    updatedAt: '2026-11-20T03:00:00.000Z',
    content: { organisationName: 'Chiang Mai Learning Centre', heading: 'Certificate of completion', bodyText: '', signatories: [{ name: 'Malee Srisuk', title: 'Director' }], accentColor: '#1f6f5c' },
  };
  const issued: AdminCredentialDto = {
    id: 'c-1',
    code: '7K3M9QX2PA',
    kind: 'course',
    userId: 'u-9',
    hours: 12,
    serial: 'BR-2569-000123',
    learnerName: 'Somchai Jaidee',
    achievementName: 'Using a smartphone safely',
    issuedAt: '2026-11-20T03:00:00.000Z',
    revokedAt: null,
    revocationReason: null,
  };
  const issuer: IssuerProfileDto = { name: { th: 'ศูนย์การเรียนรู้เชียงใหม่' }, url: 'https://learn.example.org', email: null, imageMediaId: null, updatedAt: null };

  it('is for admins only', async () => {
    renderApp({ url: '/admin/certificates', handler: api() });
    await waitFor(() => expect(screen.queryByRole('heading', { level: 1, name: 'Certificates' })).toBeNull(), { timeout: 15_000 });
    await screen.findByRole('heading', { level: 1 }, { timeout: 15_000 });
    expect(screen.queryByRole('tab')).toBeNull();
  });

  it('edits a template with a live preview, saves it, and starts a reissue', async () => {
    const { requests } = renderApp({
      url: '/admin/certificates',
      handler: api(
        {
          'GET /api/v1/admin/credentials/templates': () => json([template]),
          'PUT /api/v1/admin/credentials/templates/t-1': async (request) => json({ ...template, ...((await request.clone().json()) as object), version: 3 }),
          'POST /api/v1/admin/credentials/templates/t-1/reissue': () => json({ queued: true }, 202),
        },
        ['admin'],
      ),
    });
    const card = await screen.findByRole('article', { name: /Standard/ }, { timeout: 15_000 });
    expect(within(card).getByText('Version 2')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Edit Standard' }));

    const heading = await screen.findByRole('textbox', { name: 'Heading' });
    fireEvent.change(heading, { target: { value: 'เกียรติบัตรฉบับนี้ให้ไว้เพื่อแสดงว่า' } });
    const preview = screen.getByRole('region', { name: 'Live preview' });
    expect(within(preview).getByText('เกียรติบัตรฉบับนี้ให้ไว้เพื่อแสดงว่า')).toBeTruthy();
    expect(within(preview).getByText('Malee Srisuk')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(sent(requests, 'PUT', '/api/v1/admin/credentials/templates/t-1')).toHaveLength(1));
    const [put] = sent(requests, 'PUT', '/api/v1/admin/credentials/templates/t-1');
    expect(((await put.clone().json()) as { content: { heading: string } }).content.heading).toBe('เกียรติบัตรฉบับนี้ให้ไว้เพื่อแสดงว่า');

    fireEvent.click(await screen.findByRole('button', { name: 'Reissue certificates' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reissue' }));
    await waitFor(() => expect(sent(requests, 'POST', '/api/v1/admin/credentials/templates/t-1/reissue')).toHaveLength(1));
  });

  it('revokes a certificate only with a reason', async () => {
    const { requests } = renderApp({
      url: '/admin/certificates',
      handler: api(
        {
          'GET /api/v1/admin/credentials/templates': () => json([template]),
          'GET /api/v1/admin/credentials': () => json({ items: [issued], total: 1 }),
          'POST /api/v1/admin/credentials/c-1/revoke': () => json({ ...issued, revokedAt: '2026-11-23T03:00:00.000Z', revocationReason: 'Issued in error' }),
        },
        ['admin'],
      ),
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'Issued certificates' }, { timeout: 15_000 }));
    expect(await screen.findByText('Somchai Jaidee')).toBeTruthy();
    const card = screen.getByRole('article', { name: 'Somchai Jaidee' });
    expect(within(card).getByText('Valid')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Revoke' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke Somchai Jaidee\u2019s certificate'.replace('\u2019', "'") });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke certificate' }));
    expect(await within(dialog).findByText('Give a reason.')).toBeTruthy();
    expect(sent(requests, 'POST', '/api/v1/admin/credentials/c-1/revoke')).toHaveLength(0);

    fireEvent.change(within(dialog).getByRole('textbox', { name: /Reason/ }), { target: { value: 'Issued in error' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke certificate' }));
    await waitFor(() => expect(sent(requests, 'POST', '/api/v1/admin/credentials/c-1/revoke')).toHaveLength(1));
    const [revoke] = sent(requests, 'POST', '/api/v1/admin/credentials/c-1/revoke');
    expect(await revoke.clone().json()).toEqual({ reason: 'Issued in error' });
  });

  it('saves the issuer profile with its Thai name, awards a learning citizen title, and adds a rule named in Thai', async () => {
    const rule: TitleRuleDto = { id: 'r-1', fiscalYear: 2569, name: { th: 'พลเมืองแห่งการเรียนรู้', en: 'Learning citizen' }, minCompletedCourses: 1, minHours: 10, active: true, createdAt: '2026-11-01T00:00:00.000Z' };
    const { requests } = renderApp({
      url: '/admin/certificates',
      handler: api(
        {
          'GET /api/v1/admin/credentials/templates': () => json([template]),
          'GET /api/v1/admin/credentials/issuer': () => json(issuer),
          'PUT /api/v1/admin/credentials/issuer': async (request) => json({ ...issuer, ...((await request.clone().json()) as object) }),
          'GET /api/v1/admin/credentials/title-rules': () => json([rule]),
          'POST /api/v1/admin/credentials/title-rules': async (request) => json({ ...rule, id: 'r-2', ...((await request.clone().json()) as object) }, 201),
          'POST /api/v1/admin/credentials/title-rules/r-1/award': () => json({ queued: true }, 202),
        },
        ['admin'],
      ),
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'Issuer' }, { timeout: 15_000 }));
    const nameTh = await screen.findByRole('textbox', { name: /Name in Thai/ });
    expect((nameTh as HTMLInputElement).value).toBe('ศูนย์การเรียนรู้เชียงใหม่');
    fireEvent.change(screen.getByRole('textbox', { name: /Name in English/ }), { target: { value: 'Chiang Mai Learning Centre' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save issuer profile' }));
    await waitFor(() => expect(sent(requests, 'PUT', '/api/v1/admin/credentials/issuer')).toHaveLength(1));
    expect(await sent(requests, 'PUT', '/api/v1/admin/credentials/issuer')[0].clone().json()).toEqual({
      name: { th: 'ศูนย์การเรียนรู้เชียงใหม่', en: 'Chiang Mai Learning Centre' },
      url: 'https://learn.example.org',
      email: null,
    });

    fireEvent.click(screen.getByRole('tab', { name: 'Learning citizen titles' }));
    const card = await screen.findByRole('article', { name: 'Learning citizen' });
    expect(within(card).getByText(/1 courses, 10 hours, FY 2569/)).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Award now' }));
    await waitFor(() => expect(sent(requests, 'POST', '/api/v1/admin/credentials/title-rules/r-1/award')).toHaveLength(1));

    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(await screen.findByText('Enter a title, a year and numbers of 0 or more.')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Name in Thai/ }), { target: { value: 'นักเรียนรู้ดีเด่น' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Fiscal year (B.E.)' }), { target: { value: '2570' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    await waitFor(() => expect(sent(requests, 'POST', '/api/v1/admin/credentials/title-rules')).toHaveLength(1));
    expect(await sent(requests, 'POST', '/api/v1/admin/credentials/title-rules')[0].clone().json()).toEqual({ name: { th: 'นักเรียนรู้ดีเด่น' }, fiscalYear: 2570, minCompletedCourses: 1, minHours: 10, active: true });
  });
});

// ---- Template images, deleting templates, the paged list --------------------------------------

/** The media upload goes through XMLHttpRequest (upload progress): a fake the test answers. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  upload = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader() {
    return null;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    this.onabort?.();
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    act(() => this.onload?.());
  }
}

describe('certificate admin: images, deleting, pages', () => {
  beforeEach(() => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    FakeXhr.sent = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
  });
  afterEach(() => vi.unstubAllGlobals());

  const template = (overrides: Partial<TemplateDto> = {}): TemplateDto => ({
    id: 't-1',
    name: 'Standard',
    isDefault: true,
    version: 1,
    updatedAt: '2026-11-20T03:00:00.000Z',
    content: { organisationName: 'Chiang Mai Learning Centre', heading: 'Certificate', signatories: [{ name: 'Malee Srisuk', title: 'Director' }], accentColor: '#1f6f5c' },
    ...overrides,
  });
  const choose = (label: RegExp, file: File) => fireEvent.change(screen.getByLabelText(label), { target: { files: [file] } });

  it('uploads a PNG logo and a JPEG signature, refuses other types and files over 2 MB before uploading, and saves the media ids', async () => {
    const { requests } = renderApp({
      url: '/admin/certificates',
      handler: api(
        {
          'GET /api/v1/admin/credentials/templates': () => json([template()]),
          'PUT /api/v1/admin/credentials/templates/t-1': async (request) => json({ ...template(), ...((await request.clone().json()) as object), version: 2 }),
        },
        ['admin'],
      ),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Standard' }, { timeout: 15_000 }));
    await screen.findByRole('textbox', { name: 'Heading' });

    choose(/^Logo/, new File(['GIF89a'], 'logo.gif', { type: 'image/gif' }));
    // Toasts of earlier tests may still be up (role alert too): the field's message is found by its text.
    expect((await screen.findByText('Choose a PNG or JPEG image.')).getAttribute('role')).toBe('alert');
    choose(/^Logo/, new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' }));
    expect((await screen.findByText('The image is larger than 2 MB. Choose a smaller one.')).getAttribute('role')).toBe('alert');
    expect(FakeXhr.sent).toHaveLength(0);

    choose(/^Logo/, new File(['png'], 'logo.png', { type: 'image/png' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    expect(FakeXhr.sent[0]).toMatchObject({ method: 'POST', url: '/api/v1/media', headers: { 'Content-Type': 'image/png', Authorization: 'Bearer token-1' } });
    expect(screen.getByRole('status').textContent).toBe('Uploading logo.png…');
    FakeXhr.sent[0].respond(201, { id: 'logo-1', contentType: 'image/png' });
    expect((await screen.findByRole('img', { name: 'Current Logo' })).getAttribute('src')).toBe('/api/v1/media/logo-1');
    expect(screen.queryByText('The image is larger than 2 MB. Choose a smaller one.')).toBeNull();

    choose(/^Signature image \(signatory 1\)/, new File(['jpg'], 'sign.jpg', { type: 'image/jpeg' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
    FakeXhr.sent[1].respond(201, { id: 'sig-1', contentType: 'image/jpeg' });
    await screen.findByRole('img', { name: 'Current Signature image (signatory 1)' });
    // The live preview draws both.
    const sheet = screen.getByRole('region', { name: 'Live preview' });
    expect([...sheet.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual(['/api/v1/media/logo-1', '/api/v1/media/sig-1']);

    fireEvent.click(screen.getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(sent(requests, 'PUT', '/api/v1/admin/credentials/templates/t-1')).toHaveLength(1));
    const body = (await sent(requests, 'PUT', '/api/v1/admin/credentials/templates/t-1')[0].clone().json()) as TemplateDto;
    expect(body.content).toMatchObject({ logoMediaId: 'logo-1', signatories: [{ name: 'Malee Srisuk', signatureMediaId: 'sig-1' }] });
  });

  it('shows the API\'s reason when an upload is refused, and removes an image', async () => {
    renderApp({
      url: '/admin/certificates',
      handler: api({ 'GET /api/v1/admin/credentials/templates': () => json([template({ content: { ...template().content, logoMediaId: 'logo-9' } })]) }, ['admin']),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Standard' }, { timeout: 15_000 }));
    expect(await screen.findByRole('img', { name: 'Current Logo' })).toBeTruthy();
    choose(/^Logo/, new File(['not really'], 'logo.png', { type: 'image/png' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    FakeXhr.sent[0].respond(415, problem({ status: 415, code: 'MEDIA_TYPE_MISMATCH', title: 'The file is not the image its name says' }));
    expect((await screen.findByText('The file is not the image its name says')).getAttribute('role')).toBe('alert');
    fireEvent.click(screen.getByRole('button', { name: 'Remove Logo' }));
    await waitFor(() => expect(screen.queryByRole('img', { name: 'Current Logo' })).toBeNull());
    expect(screen.getByRole('region', { name: 'Live preview' }).querySelector('img')).toBeNull();
  });

  it('deletes a template nobody printed with, offers no delete for the default, and shows why a used one stays', async () => {
    const templates = [template(), template({ id: 't-2', name: 'Old design', isDefault: false }), template({ id: 't-3', name: 'Used design', isDefault: false })];
    const { requests } = renderApp({
      url: '/admin/certificates',
      handler: api(
        {
          'GET /api/v1/admin/credentials/templates': () => json(templates),
          'DELETE /api/v1/admin/credentials/templates/t-2': () => new Response(null, { status: 204 }),
          'DELETE /api/v1/admin/credentials/templates/t-3': () =>
            json(problem({ status: 409, code: 'CREDENTIAL_TEMPLATE_IN_USE', title: 'This template cannot be deleted: certificates were issued with it' }), 409),
        },
        ['admin'],
      ),
    });
    const standard = await screen.findByRole('article', { name: /Standard/ }, { timeout: 15_000 });
    expect(within(standard).queryByRole('button', { name: /^Delete/ })).toBeNull();

    fireEvent.click(within(screen.getByRole('article', { name: 'Used design' })).getByRole('button', { name: 'Delete Used design' }));
    let dialog = await screen.findByRole('dialog', { name: 'Delete the template “Used design”' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete template' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('This template cannot be deleted: certificates were issued with it');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    fireEvent.click(within(screen.getByRole('article', { name: 'Old design' })).getByRole('button', { name: 'Delete Old design' }));
    dialog = await screen.findByRole('dialog', { name: 'Delete the template “Old design”' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete template' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sent(requests, 'DELETE', '/api/v1/admin/credentials/templates/t-2')).toHaveLength(1);
    expect(await screen.findByText('Template deleted')).toBeTruthy();
  });

  it('pages the issued certificates (page and search in the address) and shows the last nightly check', async () => {
    const issuedAt = '2026-11-20T03:00:00.000Z';
    const all = Array.from({ length: 45 }, (_, i) => ({
      id: `c-${i}`, code: `CODE${String(i).padStart(6, '0')}`, kind: 'course' as const, userId: 'u-9', hours: 12, serial: null, learnerName: `Learner ${i + 1}`,
      achievementName: 'Using a smartphone safely', issuedAt, revokedAt: null, revocationReason: null,
    }));
    const { requests } = renderApp({
      url: '/admin/certificates?tab=credentials',
      handler: api(
        {
          'GET /api/v1/admin/credentials/templates': () => json([template()]),
          'GET /api/v1/admin/credentials': (request) => {
            const query = new URL(request.url).searchParams;
            const matching = all.filter((c) => c.learnerName.includes(query.get('q') ?? ''));
            const offset = Number(query.get('offset'));
            return json({ items: matching.slice(offset, offset + Number(query.get('limit'))), total: matching.length });
          },
          'GET /api/v1/admin/credentials/reconciliation': () =>
            json({ lastRun: { startedAt: '2026-11-22T19:30:00.000Z', finishedAt: '2026-11-22T19:30:07.000Z', issued: 2, rendered: 1, mailed: 3, enrollmentIds: [] } }),
        },
        ['admin'],
      ),
    });
    expect(await screen.findByText('Learner 1', {}, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Issued certificates' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('45 certificates · showing 1–20 of 45')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Nightly check' }).textContent).toContain('Last run 23 Nov 2026: 2 certificates issued, 1 PDFs made and 3 emails sent');
    const [firstList] = sent(requests, 'GET', '/api/v1/admin/credentials');
    expect(Object.fromEntries(new URL(firstList.url).searchParams)).toEqual({ limit: '20', offset: '0' });

    const pages = screen.getByRole('navigation', { name: 'Pages' });
    expect(within(pages).getByRole('link', { name: 'Page 3' }).getAttribute('href')).toBe('/admin/certificates?tab=credentials&page=3');
    fireEvent.click(within(pages).getByRole('link', { name: /Next/ }));
    expect(await screen.findByText('Learner 21')).toBeTruthy();
    expect(window.location.search).toBe('?tab=credentials&page=2');
    expect(screen.getByText('45 certificates · showing 21–40 of 45')).toBeTruthy();
    expect(screen.queryByText('Learner 1')).toBeNull();

    // A new search starts at its first page.
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search by name, course or code' }), { target: { value: 'Learner 4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('7 certificates')).toBeTruthy(); // Learner 4 and 40–45
    expect(window.location.search).toBe('?tab=credentials&q=Learner+4');
    expect(screen.queryByRole('navigation', { name: 'Pages' })).toBeNull();
  });
});
