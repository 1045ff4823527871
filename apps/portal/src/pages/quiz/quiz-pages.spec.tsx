import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { LearnerQuestionView } from '@baanrian/contracts';
import type { MeDto, SessionDto } from '../../auth/accounts-api';
import { SESSION_HINT_KEY } from '../../auth/session-store';
import { json, problem, renderApp } from '../../testing/render-app';
import type { AttemptDto, AttemptResultDto, LearnerQuizDto } from './quiz-api';

/*
 * The learner quiz screens in the whole app (real providers, router, i18n, API client); only
 * fetch, the network edge, is fake. Each test checks what a learner sees and what reached the API.
 */

vi.setConfig({ testTimeout: 30_000 });

const learner = (): MeDto => ({
  id: 'u-learner',
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
  roles: ['learner'],
  isChild: false,
  actingAs: null,
  createdAt: '2025-01-01T00:00:00.000Z',
});
const session = (): SessionDto => ({ accessToken: 'token-1', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: learner() });

const quiz = (overrides: Partial<LearnerQuizDto> = {}): LearnerQuizDto => ({
  id: 'qz-1',
  title: 'Using a smartphone safely',
  attemptsAllowed: 3,
  attemptsUsed: 1,
  timeLimitSeconds: 1800,
  extraSeconds: 600,
  passingPercent: 60,
  resultsPolicy: 'immediately',
  dueAt: null,
  questionCount: 8,
  openAttemptId: null,
  attempts: [{ id: 'a-0', number: 1, status: 'graded', submittedAt: '2026-11-20T03:00:00.000Z', result: { score: 4, maxScore: 8, percent: 50, passed: false } }],
  resultPercent: 50,
  passed: false,
  ...overrides,
});

const stem = (text: string) => ({ text, format: 'plain' as const });
const QUESTIONS: LearnerQuestionView[] = [
  { id: 'q-single', type: 'single_choice', stem: stem('Which password is strongest?'), points: 1, options: [{ id: 'o1', text: stem('123456') }, { id: 'o2', text: stem('correct horse battery staple') }] },
  { id: 'q-multi', type: 'multiple_choice', stem: stem('Which are signs of a scam?'), points: 1, options: [{ id: 'm1', text: stem('Urgent payment') }, { id: 'm2', text: stem('A message from your bank asking for your PIN') }, { id: 'm3', text: stem('A birthday wish') }] },
  { id: 'q-tf', type: 'true_false', stem: stem('You should share your OTP with a bank officer.'), points: 1 },
  { id: 'q-short', type: 'short_text', stem: stem('What does OTP stand for?'), points: 1, media: { kind: 'image', mediaId: 'img-1', alt: 'An SMS with a six-digit code' } },
  { id: 'q-num', type: 'numeric', stem: stem('How many digits does a Thai mobile number have?'), points: 1, media: { kind: 'audio', mediaId: 'aud-1', alt: 'Listen: how many digits?' } },
  { id: 'q-order', type: 'ordering', stem: stem('Put the steps in order'), points: 1, items: [{ id: 'i-b', text: stem('Type the code') }, { id: 'i-a', text: stem('Open the app') }, { id: 'i-c', text: stem('Press OK') }] },
  { id: 'q-match', type: 'matching', stem: stem('Match the icon to its meaning'), points: 1, prompts: [{ id: 'p1', text: stem('Padlock') }, { id: 'p2', text: stem('Wi-Fi') }], choices: ['Secure', 'Wireless', 'Battery'] },
  { id: 'q-essay', type: 'essay', stem: stem('Describe how you would help a friend who was scammed.'), points: 1 },
];

const SERVER_NOW = '2026-11-23T08:00:00.000Z';
const attempt = (overrides: Partial<AttemptDto> = {}): AttemptDto => ({
  id: 'a-1',
  number: 2,
  quizId: 'qz-1',
  status: 'in_progress',
  closeReason: null,
  startedAt: SERVER_NOW,
  submittedAt: null,
  deadlineAt: '2026-11-23T08:40:00.000Z',
  graceSeconds: 30,
  serverNow: SERVER_NOW,
  questions: QUESTIONS,
  responses: {},
  responsesRevision: 0,
  ...overrides,
});

type Route = (request: Request) => Response | Promise<Response>;

function api(routes: Record<string, Route> = {}) {
  const defaults: Record<string, Route> = {
    'POST /api/v1/auth/refresh': () => json(session()),
    'GET /api/v1/learning/quizzes/qz-1': () => json(quiz()),
    'GET /api/v1/learning/attempts/a-1': () => json(attempt()),
  };
  let revision = 0; // a save numbered above it is applied
  return (request: Request) => {
    const { pathname } = new URL(request.url);
    const key = `${request.method} ${pathname}`;
    const route = routes[key] ?? defaults[key];
    if (route) return route(request);
    if (key === 'PATCH /api/v1/learning/attempts/a-1/responses') {
      return request.clone().json().then((body: { revision: number }) => {
        const applied = body.revision > revision;
        if (applied) revision = body.revision;
        return json({ responsesRevision: revision, savedAt: SERVER_NOW, applied });
      });
    }
    return json(problem({ status: 404, code: 'NOT_FOUND', title: 'Not found' }), 404);
  };
}

const sent = (requests: Request[], method: string, path: string) => requests.filter((r) => r.method === method && new URL(r.url).pathname === path);
const bodies = async (requests: Request[]) => Promise.all(requests.map((r) => r.clone().json() as Promise<Record<string, unknown>>));
const PATCH_PATH = '/api/v1/learning/attempts/a-1/responses';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem('baanrian.locale', 'en');
  localStorage.setItem(SESSION_HINT_KEY, '1');
});
afterEach(() => vi.useRealTimers());

describe('quiz overview', () => {
  it('shows attempts, the time limit with the learner’s extension, the pass mark and earlier results, then starts an attempt', async () => {
    const { requests } = renderApp({
      url: '/learning/quizzes/qz-1',
      handler: api({ 'POST /api/v1/learning/quizzes/qz-1/attempts': () => json(attempt(), 201) }),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Using a smartphone safely' }, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByText('1 of 3 used')).toBeTruthy();
    expect(screen.getByText('40 minutes (includes 10 minutes extra for you)')).toBeTruthy();
    expect(screen.getByText('60%')).toBeTruthy();
    const attempts = screen.getByRole('region', { name: 'Your attempts' });
    expect(within(attempts).getAllByText('Attempt 1')[0].className).toBe('quiz-attempt-row__name');
    expect(within(attempts).getByText('Not passed yet')).toBeTruthy();
    expect((within(attempts).getByRole('link', { name: 'See result Attempt 1' })).getAttribute('href')).toBe('/learning/quizzes/qz-1/attempts/a-0/result');

    fireEvent.click(screen.getByRole('button', { name: 'Start a new attempt' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Which password is strongest?' })).toBeTruthy();
    expect(window.location.pathname).toBe('/learning/quizzes/qz-1/attempts/a-1');
    expect(sent(requests, 'POST', '/api/v1/learning/quizzes/qz-1/attempts')).toHaveLength(1);
    // The attempt came with the start: no second request for it.
    expect(sent(requests, 'GET', '/api/v1/learning/attempts/a-1')).toHaveLength(0);
  });

  it('offers to continue an open attempt, and says so when no attempts are left', async () => {
    renderApp({ url: '/learning/quizzes/qz-1', handler: api({ 'GET /api/v1/learning/quizzes/qz-1': () => json(quiz({ openAttemptId: 'a-1' })) }) });
    expect(await screen.findByRole('button', { name: 'Continue your attempt' }, { timeout: 15_000 })).toBeTruthy();
  });

  it('says when all attempts are used, and results are hidden by policy', async () => {
    renderApp({
      url: '/learning/quizzes/qz-1',
      handler: api({
        'GET /api/v1/learning/quizzes/qz-1': () =>
          json(quiz({ attemptsUsed: 3, resultsPolicy: 'never', resultPercent: null, passed: null, attempts: [{ id: 'a-0', number: 1, status: 'graded', submittedAt: SERVER_NOW, result: null }] })),
      }),
    });
    expect(await screen.findByText('You have used all your attempts for this quiz.', undefined, { timeout: 15_000 })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /attempt|quiz/i })).toBeNull();
    expect(screen.getByText('Results are not shown for this quiz.')).toBeTruthy();
    expect(screen.getByText('Submitted')).toBeTruthy();
  });
});

describe('taking an attempt', () => {
  it('answers every question type, moves with the navigator, and autosaves each answer in its contract shape', async () => {
    const { requests } = renderApp({ url: '/learning/quizzes/qz-1/attempts/a-1', handler: api() });
    await screen.findByRole('heading', { level: 2, name: 'Which password is strongest?' }, { timeout: 15_000 });
    const nav = screen.getByRole('navigation', { name: 'Questions' });
    expect(within(nav).getByText('0 of 8 answered')).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: 'correct horse battery staple' }));
    expect((within(nav).getByRole('button', { name: 'Question 1, answered' })).getAttribute('aria-current')).toBe('step');

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('heading', { level: 2, name: 'Which are signs of a scam?' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'A message from your bank asking for your PIN' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Urgent payment' }));

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(await screen.findByRole('radio', { name: 'False' }));

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect((await screen.findByRole('img', { name: 'An SMS with a six-digit code' })).getAttribute('src')).toBe('/api/v1/media/img-1?w=720');
    fireEvent.change(screen.getByRole('textbox', { name: 'Your answer' }), { target: { value: 'One-time password' } });

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('heading', { level: 2, name: 'How many digits does a Thai mobile number have?' });
    expect(document.querySelector('audio[controls]')?.getAttribute('src')).toBe('/api/v1/media/aud-1');
    expect(screen.getByText('Listen: how many digits?')).toBeTruthy();
    const number = screen.getByRole('textbox', { name: 'Your answer' });
    expect((number).getAttribute('inputmode')).toBe('decimal');
    fireEvent.change(number, { target: { value: '๑๐' } }); // Thai digits are accepted
    expect(screen.queryByText('This doesn’t look like a number yet.')).toBeNull();
    fireEvent.change(number, { target: { value: 'ten' } });
    expect(screen.getByText('This doesn’t look like a number yet.')).toBeTruthy();
    fireEvent.change(number, { target: { value: '9,5' } }); // decimal comma
    expect(screen.queryByText('This doesn’t look like a number yet.')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('heading', { level: 2, name: 'Put the steps in order' });
    expect(screen.getByRole('button', { name: 'Move “Type the code” up' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Move “Open the app” up' }));
    expect(screen.getByText('“Open the app” is now 1 of 3.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Move “Type the code” down' }));
    // Keyboard on the drag handle: ArrowDown moves "Open the app" back down, focus stays on its handle.
    const handle = screen.getByRole('button', { name: /^“Open the app”, 1 of 3/ });
    act(() => handle.focus());
    fireEvent.keyDown(handle, { key: 'ArrowDown' });
    expect(screen.getByText('“Open the app” is now 2 of 3.')).toBeTruthy();
    expect((document.activeElement as HTMLElement).getAttribute('aria-label')).toMatch(/^“Open the app”, 2 of 3/);
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowUp' });
    const list = screen.getByRole('list', { name: 'Put the steps in order' });
    const rows = within(list).getAllByRole('listitem').map((row) => row.textContent);
    expect(rows[0]).toContain('Open the app');
    expect(rows[2]).toContain('Type the code');

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('heading', { level: 2, name: 'Match the icon to its meaning' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Padlock' }), { target: { value: 'Secure' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Wi-Fi' }), { target: { value: 'Wireless' } });

    // The navigator jumps straight to the essay.
    fireEvent.click(within(nav).getByRole('button', { name: 'Question 8, not answered' }));
    await screen.findByRole('heading', { level: 2, name: 'Describe how you would help a friend who was scammed.' });
    fireEvent.change(screen.getByRole('textbox', { name: 'Your answer' }), { target: { value: 'ช่วยแจ้งธนาคารทันที' } });
    expect(within(nav).getByText('8 of 8 answered')).toBeTruthy();

    await waitFor(() => expect(screen.getByText('All answers saved')).toBeTruthy(), { timeout: 10_000 });
    const saved = Object.assign({}, ...(await bodies(sent(requests, 'PATCH', PATCH_PATH))).map((b) => b.responses as object));
    expect(saved).toEqual({
      'q-single': { type: 'single_choice', optionId: 'o2' },
      'q-multi': { type: 'multiple_choice', optionIds: ['m1', 'm2'] },
      'q-tf': { type: 'true_false', value: false },
      'q-short': { type: 'short_text', text: 'One-time password' },
      'q-num': { type: 'numeric', text: '9,5' },
      'q-order': { type: 'ordering', itemIds: ['i-a', 'i-c', 'i-b'] },
      'q-match': { type: 'matching', matches: { p1: 'Secure', p2: 'Wireless' } },
      'q-essay': { type: 'essay', text: 'ช่วยแจ้งธนาคารทันที' },
    });
    // Every save was numbered one above the last applied one.
    expect((await bodies(sent(requests, 'PATCH', PATCH_PATH))).map((b) => b.revision)).toEqual(
      sent(requests, 'PATCH', PATCH_PATH).map((_, i) => i + 1),
    );
  });

  it('a reload mid-attempt restores answers that never reached the server, and sends them', async () => {
    localStorage.setItem('baanrian.quiz.unsent.a-1', JSON.stringify({ 'q-single': { type: 'single_choice', optionId: 'o1' } }));
    const { requests } = renderApp({
      url: '/learning/quizzes/qz-1/attempts/a-1',
      handler: api({ 'GET /api/v1/learning/attempts/a-1': () => json(attempt({ responses: { 'q-tf': { type: 'true_false', value: true } }, responsesRevision: 7 })) }),
    });
    expect(((await screen.findByRole('radio', { name: '123456' }, { timeout: 15_000 })) as HTMLInputElement).checked).toBe(true);
    const nav = screen.getByRole('navigation', { name: 'Questions' });
    expect(within(nav).getByText('2 of 8 answered')).toBeTruthy();
    await waitFor(() => expect(sent(requests, 'PATCH', PATCH_PATH)).toHaveLength(1));
    expect(await bodies(sent(requests, 'PATCH', PATCH_PATH))).toEqual([{ responses: { 'q-single': { type: 'single_choice', optionId: 'o1' } }, revision: 8 }]);
    await waitFor(() => expect(localStorage.getItem('baanrian.quiz.unsent.a-1')).toBeNull());
  });

  it('shows "not saved yet — will retry" while offline and keeps the answer on the device', async () => {
    let online = false;
    renderApp({
      url: '/learning/quizzes/qz-1/attempts/a-1',
      handler: api({
        [`PATCH ${PATCH_PATH}`]: () => {
          if (!online) throw new TypeError('Failed to fetch');
          return json({ responsesRevision: 1, savedAt: SERVER_NOW, applied: true });
        },
      }),
    });
    fireEvent.click(await screen.findByRole('radio', { name: '123456' }, { timeout: 15_000 }));
    expect(await screen.findByText('Not saved yet — will retry', undefined, { timeout: 5_000 })).toBeTruthy();
    expect(JSON.parse(localStorage.getItem('baanrian.quiz.unsent.a-1') ?? 'null')).toEqual({ 'q-single': { type: 'single_choice', optionId: 'o1' } });
    online = true;
    act(() => void window.dispatchEvent(new Event('online')));
    expect(await screen.findByText('All answers saved')).toBeTruthy();
    expect(localStorage.getItem('baanrian.quiz.unsent.a-1')).toBeNull();
  });

  it('submits with an Idempotency-Key reused on retry, then shows "grading…" and the result with the review', async () => {
    let submits = 0;
    let polls = 0;
    const graded: AttemptResultDto = {
      status: 'graded',
      released: true,
      score: 6,
      maxScore: 8,
      percent: 75,
      passed: true,
      review: [
        { question: QUESTIONS[0], response: { type: 'single_choice', optionId: 'o2' }, correct: true, score: 1, maxScore: 1, matchedIds: ['o2'], feedback: [stem('Long passphrases are strong.')] },
        { question: QUESTIONS[2], response: null, correct: false, score: 0, maxScore: 1, matchedIds: [], feedback: [] },
      ],
    };
    const { requests } = renderApp({
      url: '/learning/quizzes/qz-1/attempts/a-1',
      handler: api({
        'POST /api/v1/learning/attempts/a-1/submit': () => {
          submits += 1;
          if (submits === 1) throw new TypeError('Failed to fetch');
          return json({ status: 'submitted', submittedAt: SERVER_NOW }, 202);
        },
        'GET /api/v1/learning/attempts/a-1/result': () => json(++polls < 2 ? { status: 'grading', released: false } : graded),
      }),
    });
    fireEvent.click(await screen.findByRole('radio', { name: 'correct horse battery staple' }, { timeout: 15_000 }));
    const nav = screen.getByRole('navigation', { name: 'Questions' });
    fireEvent.click(within(nav).getByRole('button', { name: 'Finish and submit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Submit your answers?' });
    expect(within(dialog).getByText('7 questions are not answered yet.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Submit' }));

    expect(await screen.findByRole('heading', { name: 'Not submitted yet' }, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText('Your answers are kept on this device. Try again when you are back online.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByText('Grading your answers…', undefined, { timeout: 10_000 })).toBeTruthy();
    expect(window.location.pathname).toBe('/learning/quizzes/qz-1/attempts/a-1/result');
    const submitRequests = sent(requests, 'POST', '/api/v1/learning/attempts/a-1/submit');
    expect(submitRequests).toHaveLength(2);
    const keys = submitRequests.map((r) => r.headers.get('Idempotency-Key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    // Nothing of the attempt is left on the device once it is submitted.
    expect(localStorage.getItem('baanrian.quiz.unsent.a-1')).toBeNull();
    expect(localStorage.getItem('baanrian.quiz.submit-key.a-1')).toBeNull();

    expect(await screen.findByText(/6 of 8 points/, undefined, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText('Passed')).toBeTruthy();
    const review = screen.getByRole('region', { name: 'Review your answers' });
    expect(within(review).getByText('Long passphrases are strong.')).toBeTruthy();
    expect(within(review).getByText('Not answered')).toBeTruthy();
    expect(within(review).getByText(/Correct · 1 of 1 points/)).toBeTruthy();
    expect(within(review).getByText(/Incorrect/)).toBeTruthy();
  });

  it('shows no score or review when the result is withheld by the policy', async () => {
    renderApp({ url: '/learning/quizzes/qz-1/attempts/a-1/result', handler: api({ 'GET /api/v1/learning/attempts/a-1/result': () => json({ status: 'graded', released: false, releasedAt: null }) }) });
    expect(await screen.findByText('Your result will be shown when the quiz’s results are released.', undefined, { timeout: 15_000 })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Review your answers' })).toBeNull();
    expect(screen.queryByText('Passed')).toBeNull();
  });
});

describe('the timer', () => {
  it('submits at once when the attempt is reopened after its deadline (within the grace period)', async () => {
    const { requests } = renderApp({
      url: '/learning/quizzes/qz-1/attempts/a-1',
      handler: api({
        'GET /api/v1/learning/attempts/a-1': () => json(attempt({ deadlineAt: '2026-11-23T07:59:50.000Z' })),
        'POST /api/v1/learning/attempts/a-1/submit': () => json({ status: 'submitted', submittedAt: SERVER_NOW }, 202),
        'GET /api/v1/learning/attempts/a-1/result': () => json({ status: 'grading', released: false }),
      }),
    });
    expect(await screen.findByText('Grading your answers…', undefined, { timeout: 15_000 })).toBeTruthy();
    expect(sent(requests, 'POST', '/api/v1/learning/attempts/a-1/submit')).toHaveLength(1);
  });


  it('counts down by the server’s clock, announces 5 and 1 minutes left politely, and submits when time is up', async () => {
    // This device's clock is 2 minutes fast: the attempt still has its full 6 minutes.
    vi.useFakeTimers({ shouldAdvanceTime: true, now: new Date('2026-11-23T08:02:00.000Z') });
    const { requests } = renderApp({
      url: '/learning/quizzes/qz-1/attempts/a-1',
      handler: api({
        'GET /api/v1/learning/attempts/a-1': () => json(attempt({ deadlineAt: '2026-11-23T08:06:00.000Z' })),
        'POST /api/v1/learning/attempts/a-1/submit': () => json({ status: 'submitted', submittedAt: SERVER_NOW }, 202),
        'GET /api/v1/learning/attempts/a-1/result': () => json({ status: 'grading', released: false }),
      }),
    });
    const timer = await screen.findByRole('timer', { name: 'Time left' }, { timeout: 15_000 });
    expect((timer).getAttribute('aria-live')).toBe('off');
    expect(timer.textContent).toContain('6:00');
    expect(timer.textContent).toContain('6 min 0 s');
    const announcements = () => screen.getAllByRole('status').map((s) => s.textContent);

    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(timer.textContent).toContain('5:00');
    expect(announcements()).toContain('5 minutes left');

    fireEvent.click(screen.getByRole('radio', { name: '123456' }));
    await act(() => vi.advanceTimersByTimeAsync(240_000));
    expect(announcements()).toContain('1 minute left');
    expect(announcements()).not.toContain('5 minutes left');

    // No press needed: at zero the attempt is submitted by itself.
    await act(() => vi.advanceTimersByTimeAsync(61_000));
    vi.useRealTimers();
    expect(await screen.findByText('Grading your answers…', undefined, { timeout: 10_000 })).toBeTruthy();
    expect(sent(requests, 'POST', '/api/v1/learning/attempts/a-1/submit')).toHaveLength(1);
    // The answer made just before was saved or went with the submit: not lost.
    const patched = (await bodies(sent(requests, 'PATCH', PATCH_PATH))).map((b) => b.responses);
    expect(patched).toContainEqual({ 'q-single': { type: 'single_choice', optionId: 'o1' } });
  });
});
