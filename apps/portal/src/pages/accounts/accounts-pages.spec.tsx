import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MeDto, SessionDto } from '../../auth/accounts-api';
import { SESSION_HINT_KEY } from '../../auth/session-store';
import { courseList, json, problem, renderApp } from '../../testing/render-app';
import { toastQueue } from '../../ui';

/*
 * The accounts screens in the whole app (real providers, router, i18n, api clients); only fetch,
 * the network edge, is a fake API. Each test checks what a person sees and what was sent.
 */

const me = (overrides: Partial<MeDto> = {}): MeDto => ({
  id: 'u-1',
  email: 'malee@example.org',
  accountCode: 'BR-48217',
  displayName: 'Malee',
  phone: null,
  preferredLocale: 'en',
  birthYear: 1990,
  province: null,
  district: null,
  targetGroup: 'general_public',
  targetGroupSource: 'age',
  staffStatus: 'none',
  roles: ['learner'],
  isChild: false,
  actingAs: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});

const session = (user: MeDto = me()): SessionDto => ({ accessToken: 'token-1', expiresAt: new Date(Date.now() + 600_000).toISOString(), user });

type Route = (request: Request) => Response | Promise<Response>;

/** A fake API: `routes` by "METHOD /path"; by default signed out, OIDC off, no courses. */
function api(routes: Record<string, Route> = {}) {
  const defaults: Record<string, Route> = {
    'POST /api/v1/auth/refresh': () => json(problem({ status: 401, code: 'SESSION_EXPIRED', title: 'Session expired' }), 401),
    'GET /api/v1/auth/oidc': () => json({ enabled: false, label: null }),
    'GET /api/v1/catalog': () => json(courseList([])),
  };
  return (request: Request) => {
    const { pathname } = new URL(request.url);
    const route = routes[`${request.method} ${pathname}`] ?? defaults[`${request.method} ${pathname}`];
    return route ? route(request) : json(problem({ status: 404, code: 'NOT_FOUND', title: 'Not found' }), 404);
  };
}

// The first render of a lazy page transforms its modules: slow on a busy machine, not a failure.
vi.setConfig({ testTimeout: 20_000 });
const h1 = (name: string) => screen.findByRole('heading', { level: 1, name }, { timeout: 10_000 });

const sent = (requests: Request[], method: string, path: string) =>
  requests.filter((r) => r.method === method && new URL(r.url).pathname === path);

const field = (name: RegExp | string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const passwordField = (label: string) => screen.getByLabelText(label, { selector: 'input' }) as HTMLInputElement;
const type = (input: HTMLElement, value: string) => fireEvent.change(input, { target: { value } });
const submit = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

/** The field's error, as assistive technology finds it: through aria-describedby. */
function describedBy(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
}

beforeEach(() => {
  toastQueue.clear(); // one queue per page: an earlier test's toast must not count here
  localStorage.clear();
  localStorage.setItem('baanrian.locale', 'en');
});

describe('sign-up', () => {
  it('checks the fields before sending: errors next to each field, nothing sent', async () => {
    const { requests } = renderApp({ url: '/sign-up', handler: api() });
    await h1('Create an account');
    await waitFor(() => expect(document.title).toBe('Create an account · บ้านเรียน Baanrian'));

    type(field('Email'), 'not-an-email');
    type(passwordField('Password'), 'short');
    type(field(/Year of birth/), '1850');
    type(field('Mobile phone number'), 'call me');
    submit('Create account');

    await waitFor(() => expect(field('Email').getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(field('Email'))).toContain('Please enter an email address such as name@example.com');
    expect(describedBy(passwordField('Password'))).toContain('Use at least 8 characters');
    expect(describedBy(field('Your name'))).toContain('Please fill in this field');
    expect(describedBy(field(/Year of birth/))).toMatch(/Enter a year from 1900 to \d{4}/);
    expect(describedBy(field('Mobile phone number'))).toContain('Enter a phone number in digits');
    expect(sent(requests, 'POST', '/api/v1/auth/sign-up')).toEqual([]);
  });

  it('hints at password strength as the learner types', async () => {
    renderApp({ url: '/sign-up', handler: api() });
    await h1('Create an account');
    type(passwordField('Password'), 'abcdefgh');
    expect(describedBy(passwordField('Password'))).toContain('Strength: weak.');
    type(passwordField('Password'), 'Rice fields at dawn 1987');
    expect(describedBy(passwordField('Password'))).toContain('Strength: strong.');
  });

  it('preselects the target group from the birth year (Buddhist Era in Thai) and lets the API derive it', async () => {
    localStorage.setItem('baanrian.locale', 'th');
    let body: Record<string, unknown> = {};
    renderApp({
      url: '/sign-up',
      handler: api({
        'POST /api/v1/auth/sign-up': async (request) => {
          body = (await request.json()) as Record<string, unknown>;
          return json(session(me({ displayName: 'สมศรี', preferredLocale: 'th', birthYear: 1960, targetGroup: 'elderly' })), 201);
        },
      }),
    });
    await h1('สมัครสมาชิก');
    type(field('อีเมล'), 'somsri@example.org');
    type(passwordField('รหัสผ่าน'), 'ข้าวเหนียวมะม่วง99');
    type(field('ชื่อของคุณ'), 'สมศรี');
    type(field('ปีเกิด (พ.ศ.)'), '๒๕๐๓'); // Thai digits, Buddhist Era: 1960

    const group = screen.getByRole('radiogroup', { name: /กลุ่มผู้เรียน/ });
    await waitFor(() => expect((within(group).getByRole('radio', { name: 'ผู้สูงอายุ' }) as HTMLInputElement).checked).toBe(true));
    expect(group.textContent).toContain('เลือกให้ตามปีเกิด');

    submit('สมัครสมาชิก');
    // Signed in: the header shows the new account instead of "sign in".
    expect(await within(screen.getByRole('banner')).findByRole('link', { name: 'บัญชีของคุณ: สมศรี' })).toBeTruthy();
    expect(body).toEqual({ email: 'somsri@example.org', password: 'ข้าวเหนียวมะม่วง99', displayName: 'สมศรี', preferredLocale: 'th', birthYear: 1960 });
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBe('1');
  });

  it("shows the API's field errors next to their fields, and EMAIL_TAKEN next to the email", async () => {
    let attempt = 0;
    renderApp({
      url: '/sign-up',
      handler: api({
        'POST /api/v1/auth/sign-up': () =>
          ++attempt === 1
            ? json(problem({ status: 400, code: 'VALIDATION_FAILED', title: 'Invalid', errors: [{ field: 'displayName', message: 'That name is not allowed' }] }), 400)
            : json(problem({ status: 409, code: 'EMAIL_TAKEN', title: 'This email already has an account' }), 409),
      }),
    });
    await h1('Create an account');
    type(field('Email'), 'malee@example.org');
    type(passwordField('Password'), 'a long enough password');
    type(field('Your name'), 'Admin');
    submit('Create account');
    await waitFor(() => expect(describedBy(field('Your name'))).toContain('That name is not allowed'));
    expect(field('Your name').getAttribute('aria-invalid')).toBe('true');

    type(field('Your name'), 'Malee');
    submit('Create account');
    await waitFor(() => expect(describedBy(field('Email'))).toContain('This email already has an account'));
    expect(within(screen.getByRole('main')).queryByRole('alert')).toBeNull(); // on the field, not as a banner
  });
});

describe('sign-in', () => {
  it('shows the API answer for wrong credentials, without refreshing', async () => {
    const { requests } = renderApp({
      url: '/sign-in',
      handler: api({ 'POST /api/v1/auth/sign-in': () => json(problem({ status: 401, code: 'INVALID_CREDENTIALS', title: 'Wrong email, account code or password' }), 401) }),
    });
    await h1('Sign in');
    type(field('Email or account code'), 'BR-48217');
    type(passwordField('Password or PIN'), '123456');
    submit('Sign in');
    const alert = await within(screen.getByRole('main')).findByRole('alert');
    expect(alert.textContent).toContain('Could not sign in');
    expect(alert.textContent).toContain('Wrong email, account code or password');
    // One quiet check when the page opened; none after the failed sign-in.
    expect(sent(requests, 'POST', '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('offers "sign in with digital ID" only when the instance has it', async () => {
    const first = renderApp({ url: '/sign-in', handler: api() });
    await h1('Sign in');
    await waitFor(() => expect(sent(first.requests, 'GET', '/api/v1/auth/oidc')).toHaveLength(1));
    expect(screen.queryByRole('link', { name: /digital ID|ThaiD/ })).toBeNull();
    first.unmount();

    renderApp({ url: '/sign-in', handler: api({ 'GET /api/v1/auth/oidc': () => json({ enabled: true, label: 'ThaiD' }) }) });
    const link = await screen.findByRole('link', { name: 'Sign in with ThaiD' });
    expect(link.getAttribute('href')).toBe('/api/v1/auth/oidc/start');
  });
});

describe('digital-ID failures', () => {
  it.each([
    ['access_denied', 'You cancelled the sign-in at the digital ID service.'],
    ['state_mismatch', 'The sign-in took too long or was started in another browser. Please start again from this page.'],
    ['identity_conflict', 'This digital ID is already linked to a different account. Please contact the learning centre.'],
    ['something-new', 'Something went wrong on our side. Please try again or use your password.'],
  ])('explains reason %s on the sign-in page', async (reason, message) => {
    renderApp({ url: `/sign-in?oidc=error&reason=${reason}`, handler: api() });
    await h1('Sign in');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { level: 2 }).textContent).toBe('Signing in with digital ID did not work. Please try again or use your password.');
    expect(alert.textContent).toContain(message);
  });
});

describe('guarded pages', () => {
  it('sends a signed-out visitor from /account to sign-in, and back after signing in', async () => {
    renderApp({
      url: '/account',
      handler: api({
        'POST /api/v1/auth/sign-in': () => json(session()),
        'GET /api/v1/me/consents': () => json([]),
      }),
    });
    await h1('Sign in');
    expect(window.location.pathname + window.location.search).toBe('/sign-in?next=%2Faccount');

    type(field('Email or account code'), 'malee@example.org');
    type(passwordField('Password or PIN'), 'a long enough password');
    submit('Sign in');
    expect(await h1('My account')).toBeTruthy();
    expect(window.location.pathname).toBe('/account');
    expect(screen.getByText('BR-48217')).toBeTruthy();
  });

  it('shows a friendly "no access" to a learner on an admin page', async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    const { requests } = renderApp({ url: '/admin/users', handler: api({ 'POST /api/v1/auth/refresh': () => json(session()) }) });
    expect(await h1('No access')).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('No access · บ้านเรียน Baanrian'));
    expect(screen.getByRole('link', { name: 'Go to the courses' })).toBeTruthy();
    expect(sent(requests, 'GET', '/api/v1/admin/users')).toEqual([]);
  });

  it('lets an administrator grant a role from the users table', async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    const somchai = { id: 'u-2', email: null, accountCode: 'BR-10001', displayName: 'Somchai', roles: ['learner'], targetGroup: 'elderly', staffStatus: 'none', disabled: false, createdAt: '2025-01-01T00:00:00Z', lastSignInAt: null };
    const { requests } = renderApp({
      url: '/admin/users?role=learner',
      handler: api({
        'POST /api/v1/auth/refresh': () => json(session(me({ roles: ['learner', 'admin'] }))),
        'GET /api/v1/admin/users': () => json({ items: [somchai], total: 1 }),
        'PUT /api/v1/admin/users/u-2/roles/instructor': () => json({ ...somchai, roles: ['learner', 'instructor'] }),
      }),
    });
    await h1('Users');
    await screen.findByRole('button', { name: 'Manage Somchai' });
    expect(new URL(sent(requests, 'GET', '/api/v1/admin/users')[0].url).search).toBe('?role=learner&limit=20&offset=0');

    fireEvent.click(screen.getByRole('button', { name: 'Manage Somchai' }));
    const dialog = await screen.findByRole('dialog', { name: 'Manage Somchai' });
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Instructor' }));
    await waitFor(() => expect((within(dialog).getByRole('switch', { name: 'Instructor' }) as HTMLInputElement).checked).toBe(true));
    expect(sent(requests, 'PUT', '/api/v1/admin/users/u-2/roles/instructor')[0].headers.get('Authorization')).toBe('Bearer token-1');
  });
});

describe('sign-in cards from the users page', () => {
  it('prints a new card for an assisted account, removing a chosen PIN only once that is ticked', async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    const boonmee = { id: 'u-3', email: null, accountCode: 'BR-20002', displayName: 'Boonmee', roles: ['learner'], targetGroup: 'elderly', staffStatus: 'none', disabled: false, createdAt: '2025-01-01T00:00:00Z', lastSignInAt: null };
    const card = { accountCode: 'BR-20002', oneTimeCode: 'K7MQ-3XPA', signInUrl: 'https://learn.example.org/card#c=BR-20002.K7MQ3XPA', qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>', expiresAt: '2026-12-07T00:00:00Z' };
    const { requests } = renderApp({
      url: '/admin/users',
      handler: api({
        'POST /api/v1/auth/refresh': () => json(session(me({ roles: ['learner', 'admin'] }))),
        'GET /api/v1/admin/users': () => json({ items: [boonmee], total: 1 }),
        'GET /api/v1/assisted-accounts': () => json({ items: [{ user: boonmee, createdById: 'u-9', createdByName: 'Kru Dao', secretSet: true, liveCardExpiresAt: null }], total: 1 }),
        'POST /api/v1/admin/users/u-3/card': () => json({ user: boonmee, card }, 201),
      }),
    });
    await h1('Users');
    fireEvent.click(await screen.findByRole('button', { name: 'Manage Boonmee' }));
    const dialog = await screen.findByRole('dialog', { name: 'Manage Boonmee' });
    await within(dialog).findByText('They have chosen a PIN or password.');
    expect(new URL(sent(requests, 'GET', '/api/v1/assisted-accounts')[0].url).searchParams.get('q')).toBe('BR-20002');
    const print = within(dialog).getByRole('button', { name: 'Print a new sign-in card' });
    expect(print.hasAttribute('disabled') || print.getAttribute('aria-disabled') === 'true').toBe(true);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /They forgot it/ }));
    await waitFor(() => expect(print.hasAttribute('disabled')).toBe(false));
    fireEvent.click(print);
    expect(await screen.findByRole('heading', { level: 2, name: 'Sign-in card for Boonmee' })).toBeTruthy();
    expect(screen.getByText('K7MQ-3XPA')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Print the card' })).toBeTruthy();
    const [issued] = sent(requests, 'POST', '/api/v1/admin/users/u-3/card');
    expect(await issued.json()).toEqual({ resetSecret: true });
  });
});

describe('the header on the start page', () => {
  it('makes no session request for a first-time visitor and offers "Sign in"', async () => {
    const { requests } = renderApp({ url: '/', handler: api() });
    await screen.findByRole('heading', { level: 1 });
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Sign in' })).toBeTruthy();
    expect(sent(requests, 'POST', '/api/v1/auth/refresh')).toEqual([]);
  });

  it('signs out: the API is told, the header offers "Sign in" again', async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    const { requests } = renderApp({
      url: '/',
      handler: api({ 'POST /api/v1/auth/refresh': () => json(session()), 'POST /api/v1/auth/sign-out': () => new Response(null, { status: 204 }) }),
    });
    const banner = screen.getByRole('banner');
    fireEvent.click(await within(banner).findByRole('button', { name: 'Sign out' }));
    expect(await within(banner).findByRole('link', { name: 'Sign in' })).toBeTruthy();
    expect(sent(requests, 'POST', '/api/v1/auth/sign-out')).toHaveLength(1);
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBeNull();
  });
});

describe('language, remembered per user', () => {
  it("applies the user's language at sign-in, and saves a later switch to their profile", async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    const patches: unknown[] = [];
    renderApp({
      url: '/',
      handler: api({
        'POST /api/v1/auth/refresh': () => json(session(me({ preferredLocale: 'th' }))),
        'PATCH /api/v1/me': async (request) => {
          patches.push(await request.json());
          return json(me({ preferredLocale: 'en' }));
        },
      }),
    });
    // English on this device, Thai in the profile: the profile wins once signed in.
    await waitFor(() => expect(document.documentElement.lang).toBe('th'));
    fireEvent.change(screen.getByRole('combobox', { name: 'ภาษา' }), { target: { value: 'en' } });
    await waitFor(() => expect(patches).toEqual([{ preferredLocale: 'en' }]));
    // …and stays English (the switch is not undone by the profile it just saved).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.documentElement.lang).toBe('en');
    expect((screen.getByRole('combobox', { name: 'Language' }) as HTMLSelectElement).value).toBe('en');
  });
});

describe('account page', () => {
  it('deletes the account only after the confirmation word is typed', async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    const { requests } = renderApp({
      url: '/account',
      handler: api({
        'POST /api/v1/auth/refresh': () => json(session()),
        'GET /api/v1/me/consents': () => json([]),
        'DELETE /api/v1/me': () => new Response(null, { status: 204 }),
      }),
    });
    await h1('My account');
    fireEvent.click(screen.getByRole('button', { name: 'Delete my account…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete your account for good?' });
    const confirm = within(dialog).getByRole('textbox', { name: 'Type DELETE to confirm' });
    type(confirm, 'delete it');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete my account for good' }));
    await waitFor(() => expect(describedBy(confirm)).toContain('Type DELETE to confirm'));
    expect(sent(requests, 'DELETE', '/api/v1/me')).toEqual([]);

    type(confirm, 'DELETE');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete my account for good' }));
    await h1('Find a course');
    expect(await sent(requests, 'DELETE', '/api/v1/me')[0].json()).toEqual({ confirmation: 'DELETE' });
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Sign in' })).toBeTruthy();
  });

  it('gives a consent for a child under the current policy version, and lists it', async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    const consents: unknown[] = [];
    const { requests } = renderApp({
      url: '/account',
      handler: api({
        'POST /api/v1/auth/refresh': () => json(session()),
        'GET /api/v1/me/consents': () => json(consents),
        'GET /api/v1/me/children': () => json([{ id: 'c-1', displayName: 'Nong Fah', birthYear: 2021, targetGroup: 'early_childhood', consentGivenAt: null }]),
        'POST /api/v1/me/consents': async (request) => {
          const body = (await request.json()) as { purpose: string; policyVersion: string; subjectId?: string };
          const record = { id: 'k-1', givenAt: '2026-11-23T03:00:00Z', givenById: 'u-1', subjectId: body.subjectId ?? 'u-1', withdrawnAt: null, ...body };
          consents.push(record);
          return json(record, 201);
        },
      }),
    });
    await h1('My account');
    const form = await screen.findByRole('form', { name: 'Give a consent' });
    expect(within(form).getByText('Under privacy policy version 2026-11.')).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: /Purpose/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Learning with Baanrian: profile, progress and learning records' }));
    fireEvent.click(await within(form).findByRole('button', { name: /For whom/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Nong Fah' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Give consent' }));
    await waitFor(() => expect(sent(requests, 'POST', '/api/v1/me/consents')).toHaveLength(1));
    // The handler read the body: what it recorded is what was sent.
    expect(consents).toEqual([expect.objectContaining({ purpose: 'learning', policyVersion: '2026-11', subjectId: 'c-1' })]);
    expect(await screen.findByRole('heading', { level: 3, name: 'Learning with Baanrian: profile, progress and learning records' })).toBeTruthy();
  });
});

describe('guardian and assisted sign-up screens (wave 2 endpoints, contract shapes)', () => {
  it('adds a child only with the consent box ticked, sending the policy version', async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    let children: unknown[] = [];
    const posted: unknown[] = [];
    renderApp({
      url: '/account/children',
      handler: api({
        'POST /api/v1/auth/refresh': () => json(session()),
        'GET /api/v1/me/children': () => json(children),
        'POST /api/v1/me/children': async (request) => {
          posted.push(await request.json());
          children = [{ id: 'c-1', displayName: 'Nong Fah', birthYear: 2021, targetGroup: 'early_childhood', consentGivenAt: '2025-06-01T03:00:00Z' }];
          return json(children[0], 201);
        },
      }),
    });
    await h1('My children');
    await screen.findByRole('heading', { name: 'No child profiles yet' });
    type(field("Child's name"), 'Nong Fah');
    type(field('Year of birth'), '2021');
    submit('Add child');
    const consent = screen.getByRole('checkbox', { name: /I am this child's parent or guardian/ });
    await waitFor(() => expect(describedBy(consent)).toContain("A child's profile needs your consent"));
    expect(posted).toEqual([]);

    fireEvent.click(consent);
    submit('Add child');
    expect(await screen.findByRole('heading', { level: 3, name: 'Nong Fah' })).toBeTruthy();
    expect(posted).toEqual([{ displayName: 'Nong Fah', birthYear: 2021, consent: { policyVersion: '2026-11', purposes: ['learning'] } }]);
    expect(screen.getByRole('button', { name: 'Learn as Nong Fah' })).toBeTruthy();
  });

  it('fills both codes in from the QR link, and takes the one-time code out of the address', async () => {
    renderApp({ url: '/card#c=BR-25001.K7QM2MXP', handler: api() });
    await h1('Sign in with your card');
    expect(field(/Account code/).value).toBe('BR-25001');
    expect(field(/One-time code/).value).toBe('K7QM2MXP');
    expect(window.location.href).toBe('http://localhost:3000/card');
  });

  it('redeems a sign-in card, then sets a 6-digit PIN and is signed in', async () => {
    const bodies: unknown[] = [];
    renderApp({
      url: '/card?c=BR-25001',
      handler: api({
        'POST /api/v1/auth/card': async (request) => {
          bodies.push(await request.json());
          return json({ setupToken: 'setup-1' });
        },
        'POST /api/v1/auth/card/complete': async (request) => {
          bodies.push(await request.json());
          return json(session(me({ displayName: 'Yai Boonma', email: null, accountCode: 'BR-25001' })));
        },
        'GET /api/v1/me/consents': () => json([]),
      }),
    });
    await h1('Sign in with your card');
    expect(field(/Account code/).value).toBe('BR-25001');
    type(field(/One-time code/), 'K7Q-2MX');
    submit('Continue');
    const pin = await screen.findByLabelText('Choose a 6-digit PIN', { selector: 'input' });
    type(pin, '12345');
    submit('Save and sign in');
    await waitFor(() => expect(describedBy(pin)).toContain('A PIN is exactly 6 digits'));
    type(pin, '๒๔๖๘๑๓'); // Thai digits count
    submit('Save and sign in');
    expect(await h1('My account')).toBeTruthy();
    expect(bodies).toEqual([
      { accountCode: 'BR-25001', oneTimeCode: 'K7Q-2MX' },
      { setupToken: 'setup-1', secretKind: 'pin', secret: '246813' },
    ]);
  });

  it('gives an instructor a printable card with the QR code as an image', async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    renderApp({
      url: '/admin/assisted',
      handler: api({
        'POST /api/v1/auth/refresh': () => json(session(me({ roles: ['learner', 'instructor'] }))),
        'POST /api/v1/assisted-accounts': () =>
          json(
            {
              user: { id: 'u-9', email: null, accountCode: 'BR-25002', displayName: 'Ta Mee', roles: ['learner'], targetGroup: 'elderly', staffStatus: 'none', disabled: false, createdAt: '2025-06-01T00:00:00Z', lastSignInAt: null },
              card: { accountCode: 'BR-25002', oneTimeCode: 'H4K-9PZ', signInUrl: 'http://portal.test/card?c=BR-25002', qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', expiresAt: '2025-07-01T00:00:00Z' },
            },
            201,
          ),
      }),
    });
    await h1('Assisted sign-up');
    type(field("Learner's name"), 'Ta Mee');
    submit('Create the account and card');
    expect(await screen.findByRole('heading', { level: 2, name: 'Sign-in card for Ta Mee' })).toBeTruthy();
    expect(screen.getByText('H4K-9PZ')).toBeTruthy();
    const qr = screen.getByRole('img', { name: /QR code/ }) as HTMLImageElement;
    expect(qr.src.startsWith('data:image/svg+xml')).toBe(true);
    expect(document.querySelector('main script')).toBeNull(); // the SVG is never markup in the page
    expect(screen.getByRole('button', { name: 'Print the card' })).toBeTruthy();
  });
});
