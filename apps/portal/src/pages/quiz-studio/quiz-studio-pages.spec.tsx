import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Question } from '@baanrian/contracts';
import type { MeDto, SessionDto } from '../../auth/accounts-api';
import { SESSION_HINT_KEY } from '../../auth/session-store';
import { json, problem, renderApp } from '../../testing/render-app';
import { toastQueue } from '../../ui';
import type { StudioCourseDto } from '../studio/studio-api';
import type { GradebookDto, ImportPreviewDto, QuestionDto, QuizDto, RegradeDto } from './quiz-studio-api';

/*
 * The quiz screens of the studio in the whole app (real providers, router, i18n, API client);
 * only fetch, the network edge, is faked. Each test checks what an instructor sees and what was
 * sent to the API.
 */

vi.setConfig({ testTimeout: 30_000 });

const instructor = (locale: 'th' | 'en' | 'vi' = 'en'): MeDto => ({
  id: 'u-teacher',
  email: 'kru.somsri@example.org',
  accountCode: 'BR-20001',
  displayName: 'Kru Somsri',
  phone: null,
  preferredLocale: locale,
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

let userLocale: 'th' | 'en' | 'vi' = 'en';
const session = (): SessionDto => ({ accessToken: 'token-1', expiresAt: new Date(Date.now() + 600_000).toISOString(), user: instructor(userLocale) });

const studioCourse = (overrides: Partial<StudioCourseDto> = {}): StudioCourseDto => ({
  id: 'c-1',
  slug: 'thai-basics',
  title: { th: 'ภาษาไทยเบื้องต้น', en: 'Thai basics' },
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

const singleChoice = (id: string, stem: string): Question => ({
  id,
  type: 'single_choice',
  stem: { text: stem, format: 'plain' },
  points: 1,
  tags: ['tones'],
  options: [
    { id: 'o1', text: { text: 'ไม้เอก', format: 'plain' }, weight: 1, feedback: { text: 'Right', format: 'plain' } },
    { id: 'o2', text: { text: 'ไม้โท', format: 'plain' }, weight: 0 },
  ],
});

const questionDto = (id: string, stem: string, overrides: Partial<QuestionDto> = {}): QuestionDto => ({
  id,
  type: 'single_choice',
  definition: singleChoice(id, stem),
  categoryId: 'cat-2',
  categoryPath: 'Grammar/Tones',
  tags: ['tones'],
  keyRevision: 3,
  updatedAt: '2026-11-20T00:00:00.000Z',
  usedInQuizzes: 1,
  ...overrides,
});

const quizDto = (overrides: Partial<QuizDto> = {}): QuizDto => ({
  id: 'qz-1',
  courseId: 'c-1',
  title: 'Tones check',
  attemptsAllowed: 2,
  gradingMethod: 'highest',
  passingPercent: 60,
  timeLimitSeconds: 600,
  shuffleQuestions: true,
  shuffleOptions: false,
  resultsPolicy: 'immediately',
  dueAt: null,
  questionIds: ['q-1'],
  draws: [],
  questionCount: 1,
  maxScore: 1,
  lessonIds: [],
  ...overrides,
});

type Route = (request: Request) => Response | Promise<Response>;

const CATEGORIES = [
  { id: 'cat-1', path: 'Grammar', questionCount: 0 },
  { id: 'cat-2', path: 'Grammar/Tones', questionCount: 2 },
  { id: 'cat-3', path: 'Vocabulary', questionCount: 5 },
];

/** A fake API: `routes` by "METHOD /path"; an instructor signed in, course c-1 with a small bank. */
function api(routes: Record<string, Route> = {}) {
  const defaults: Record<string, Route> = {
    'POST /api/v1/auth/refresh': () => json(session()),
    'GET /api/v1/courses': () => json({ items: [], total: 0, limit: 50, offset: 0 }),
    'GET /api/v1/studio/courses/c-1': () => json(studioCourse()),
    'GET /api/v1/studio/courses/c-1/question-categories': () => json(CATEGORIES),
    'GET /api/v1/studio/courses/c-1/questions': () => json({ items: [questionDto('q-1', 'Which tone mark is this: ่')], nextCursor: null }),
    'GET /api/v1/studio/courses/c-1/quizzes': () => json([quizDto()]),
    'GET /api/v1/studio/quizzes/qz-1/regrades': () => json([]),
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
const textbox = (name: string | RegExp, within_: HTMLElement = document.body) => within(within_).getByRole('textbox', { name });

/** Presses a button from the keyboard (focus, Enter), as a keyboard-only instructor does. */
function pressWithKeyboard(element: HTMLElement) {
  act(() => element.focus());
  fireEvent.keyDown(element, { key: 'Enter', code: 'Enter' });
  fireEvent.keyUp(element, { key: 'Enter', code: 'Enter' });
}

const group = (name: string) => screen.getByRole('group', { name });

beforeEach(() => {
  toastQueue.clear();
  localStorage.clear();
  localStorage.setItem('baanrian.locale', 'en');
  localStorage.setItem(SESSION_HINT_KEY, '1');
  userLocale = 'en';
});

describe('question bank', () => {
  it('lists the bank with its category tree, and filters by category and type through the API', async () => {
    const { requests } = renderApp({ url: '/studio/quizzes?course=c-1', handler: api() });
    await h1(/Quizzes/);
    expect(await screen.findByRole('heading', { name: 'Which tone mark is this: ่' })).toBeTruthy();
    const tree = screen.getByRole('navigation', { name: 'Categories' });
    // "Grammar/Tones" sits under "Grammar" with its question count.
    expect(within(tree).getByRole('button', { name: 'Tones (2)' })).toBeTruthy();

    fireEvent.click(within(tree).getByRole('button', { name: 'Tones (2)' }));
    await waitFor(() => expect(sent(requests, 'GET', '/api/v1/studio/courses/c-1/questions').some((r) => new URL(r.url).searchParams.get('categoryId') === 'cat-2')).toBe(true));
    expect(await screen.findByRole('heading', { name: 'Questions in Grammar/Tones' })).toBeTruthy();

    type(screen.getByRole('searchbox', { name: 'Search' }), 'tone');
    fireEvent.click(button('Apply filters'));
    await waitFor(() => {
      const last = sent(requests, 'GET', '/api/v1/studio/courses/c-1/questions').at(-1);
      expect(Object.fromEntries(new URL(last?.url ?? 'http://x').searchParams)).toEqual({ categoryId: 'cat-2', q: 'tone' });
    });
    expect(sent(requests, 'GET', '/api/v1/studio/courses/c-1/questions')[0].headers.get('Authorization')).toBe('Bearer token-1');
  });

  it('deletes a question after confirming', async () => {
    let deleted = false;
    renderApp({
      url: '/studio/quizzes?course=c-1',
      handler: api({
        'DELETE /api/v1/studio/questions/q-1': () => {
          deleted = true;
          return new Response(null, { status: 204 });
        },
        'GET /api/v1/studio/courses/c-1/questions': () => json({ items: deleted ? [] : [questionDto('q-1', 'Which tone mark is this: ่')], nextCursor: null }),
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete “Which tone mark is this: ่”' }, { timeout: 15_000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this question?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete the question' }));
    expect(await screen.findByText('No questions here yet')).toBeTruthy();
    expect(deleted).toBe(true);
  });
});

describe('question editor', () => {
  it('checks a single-choice question like validateQuestion, previews the learner view, then saves it', async () => {
    let created: { definition: Question; categoryPath?: string } | null = null;
    const { requests } = renderApp({
      url: '/studio/quizzes?course=c-1&question=new',
      handler: api({
        'POST /api/v1/studio/courses/c-1/questions': async (request) => {
          created = (await request.json()) as typeof created;
          return json(questionDto('q-9', 'x'), 201);
        },
      }),
    });
    expect(await screen.findByRole('heading', { name: 'New question' }, { timeout: 15_000 })).toBeTruthy();
    fireEvent.click(button('Save question'));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Write the question.', 'Every option needs a text.']);
    expect(sent(requests, 'POST', '/api/v1/studio/courses/c-1/questions')).toEqual([]);

    type(textbox(/^Question/), 'Which word means “water”?');
    type(textbox('Option text', group('Option 1')), 'น้ำ');
    type(textbox('Feedback for this answer', group('Option 1')), 'Yes: น้ำ is water.');
    type(textbox('Option text', group('Option 2')), 'ไฟ');
    type(textbox(/Credit/, group('Option 2')), '150');
    expect(await screen.findByText('Each credit must be a number from −100 % to 100 %.')).toBeTruthy();
    type(textbox(/Credit/, group('Option 2')), '-50');
    type(textbox(/Category/), 'Vocabulary/Nature');
    type(textbox(/Tags/), 'water, nature');

    // The preview is the learner view: texts, no credits, no feedback.
    const preview = screen.getByRole('region', { name: 'What the learner sees' });
    expect(preview.textContent).toContain('Which word means “water”?');
    expect(preview.textContent).toContain('น้ำ');
    expect(preview.textContent).not.toContain('Yes: น้ำ is water.');
    expect(preview.textContent).not.toContain('-50');

    fireEvent.click(button('Save question'));
    expect(await screen.findByText('Question saved.')).toBeTruthy();
    const body = created as unknown as { definition: Extract<Question, { type: 'single_choice' }>; categoryPath?: string };
    expect(body.categoryPath).toBe('Vocabulary/Nature');
    expect(body.definition).toMatchObject({ type: 'single_choice', stem: { text: 'Which word means “water”?', format: 'plain' }, points: 1, tags: ['water', 'nature'] });
    expect(body.definition.options.map((o) => [o.text.text, o.weight, o.feedback?.text])).toEqual([
      ['น้ำ', 1, 'Yes: น้ำ is water.'],
      ['ไฟ', -0.5, undefined],
    ]);
    // Back in the bank.
    expect(window.location.search).toBe('?course=c-1');
  });

  it('reorders an ordering question from the keyboard and announces where the item went', async () => {
    let created: { definition: Extract<Question, { type: 'ordering' }> } | null = null;
    renderApp({
      url: '/studio/quizzes?course=c-1&question=new',
      handler: api({
        'POST /api/v1/studio/courses/c-1/questions': async (request) => {
          created = (await request.json()) as typeof created;
          return json(questionDto('q-9', 'x'), 201);
        },
      }),
    });
    fireEvent.click(await screen.findByRole('radio', { name: 'Put in order' }, { timeout: 15_000 }));
    type(textbox(/^Question/), 'Put the steps in order');
    ['Wash', 'Cut', 'Cook'].forEach((text, i) => type(textbox('Item text', group(`Item ${i + 1}`)), text));
    pressWithKeyboard(button('Move Item 3 up'));
    await waitFor(() => expect(screen.getByText('Item 3 moved to position 2 of 3.')).toBeTruthy());
    // Focus stays on the button that was pressed, now on the moved row.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Move Item 2 up');
    pressWithKeyboard(button('Move Item 1 up'));
    await waitFor(() => expect(screen.getByText('Item 1 is already first.')).toBeTruthy());

    fireEvent.click(button('Save question'));
    await waitFor(() => expect(created).not.toBeNull());
    expect(created).toMatchObject({ definition: { type: 'ordering', items: [{ text: { text: 'Wash' } }, { text: { text: 'Cook' } }, { text: { text: 'Cut' } }] } });
  });

  it('edits an existing question with its key revision and says when quizzes are being regraded', async () => {
    let body: Record<string, unknown> = {};
    renderApp({
      url: '/studio/quizzes?course=c-1&question=q-1',
      handler: api({
        'GET /api/v1/studio/questions/q-1': () => json(questionDto('q-1', 'Which tone mark is this: ่')),
        'PUT /api/v1/studio/questions/q-1': async (request) => {
          body = (await request.json()) as Record<string, unknown>;
          return json({ ...questionDto('q-1', 'x'), keyRevision: 4, regrades: [{ id: 'rg-1', quizId: 'qz-1' }] });
        },
      }),
    });
    expect(await screen.findByRole('heading', { name: 'Edit question' }, { timeout: 15_000 })).toBeTruthy();
    type(textbox(/Credit/, group('Option 2')), '50');
    fireEvent.click(button('Save question'));
    expect(await screen.findByText('The answer key changed: 1 quiz is being regraded.')).toBeTruthy();
    expect(body).toMatchObject({ keyRevision: 3, categoryPath: 'Grammar/Tones' });
    expect((body.definition as Extract<Question, { type: 'single_choice' }>).options.map((o) => o.weight)).toEqual([1, 0.5]);
  });

  it('asks for the text alternative of a picture before saving, and keeps the media on the question', async () => {
    let body: { definition?: Question } = {};
    const withImage = questionDto('q-1', 'Which tone mark is this?');
    withImage.definition = { ...withImage.definition, media: { kind: 'image', mediaId: '6f1c2a9e-2b7f-4c43-9a8e-1f0d3c5b7a11' } };
    renderApp({
      url: '/studio/quizzes?course=c-1&question=q-1',
      handler: api({
        'GET /api/v1/studio/questions/q-1': () => json(withImage),
        'PUT /api/v1/studio/questions/q-1': async (request) => {
          body = (await request.json()) as typeof body;
          return json({ ...withImage, regrades: [] });
        },
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Save question' }, { timeout: 15_000 }));
    expect(await screen.findByText('Describe the picture for learners who cannot see it.')).toBeTruthy();
    type(textbox(/Describe the picture/), 'The tone mark ่ above the letter ก');
    expect(screen.getByRole('region', { name: 'What the learner sees' }).querySelector('img')?.getAttribute('alt')).toBe('The tone mark ่ above the letter ก');
    fireEvent.click(button('Save question'));
    await waitFor(() => expect(body.definition?.media).toEqual({ kind: 'image', mediaId: '6f1c2a9e-2b7f-4c43-9a8e-1f0d3c5b7a11', alt: 'The tone mark ่ above the letter ก' }));
  });

  it('explains an edit conflict (409) instead of overwriting', async () => {
    renderApp({
      url: '/studio/quizzes?course=c-1&question=q-1',
      handler: api({
        'GET /api/v1/studio/questions/q-1': () => json(questionDto('q-1', 'Which tone mark is this: ่')),
        'PUT /api/v1/studio/questions/q-1': () => json(problem({ status: 409, code: 'QUIZ_QUESTION_EDIT_CONFLICT', title: 'Changed by someone else' }), 409),
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Save question' }, { timeout: 15_000 }));
    expect(await screen.findByText(/Someone else changed this question/)).toBeTruthy();
    expect(button('Back to the bank to load their version')).toBeTruthy();
  });

  it('edits numeric answers with a tolerance typed in Thai digits, and matching pairs with a distractor', async () => {
    const bodies: { definition: Question }[] = [];
    renderApp({
      url: '/studio/quizzes?course=c-1&question=new',
      handler: api({
        'POST /api/v1/studio/courses/c-1/questions': async (request) => {
          bodies.push((await request.json()) as { definition: Question });
          return json(questionDto('q-9', 'x'), 201);
        },
      }),
    });
    fireEvent.click(await screen.findByRole('radio', { name: 'Number' }, { timeout: 15_000 }));
    type(textbox(/^Question/), 'What is 22 ÷ 7, to two decimals?');
    type(textbox('Value', group('Accepted answer 1')), '3,14');
    type(textbox(/Tolerance/, group('Accepted answer 1')), '๐.๐๑');
    fireEvent.click(button('Save question'));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0].definition).toMatchObject({ type: 'numeric', answers: [{ match: { kind: 'value', value: 3.14, tolerance: 0.01 }, weight: 1 }] });

    fireEvent.click(await screen.findByRole('button', { name: 'New question' }));
    fireEvent.click(await screen.findByRole('radio', { name: 'Matching' }));
    type(textbox(/^Question/), 'Match the words');
    type(textbox('Prompt', group('Pair 1')), 'น้ำ');
    type(textbox('Its match', group('Pair 1')), 'water');
    type(textbox('Prompt', group('Pair 2')), 'ไฟ');
    type(textbox('Its match', group('Pair 2')), 'fire');
    fireEvent.click(button('Add a wrong match'));
    type(textbox('Wrong match', group('Wrong match 1')), 'earth');
    const preview = screen.getByRole('region', { name: 'What the learner sees' });
    expect(preview.textContent).toContain('Choose from: earth · fire · water');
    fireEvent.click(button('Save question'));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1].definition).toMatchObject({ type: 'matching', distractors: ['earth'], pairs: [{ answer: 'water' }, { answer: 'fire' }] });
  });
});

describe('import', () => {
  const preview: ImportPreviewDto = {
    format: 'gift',
    questions: [{ line: 1, type: 'true_false', name: 'Sky', stemPreview: 'The sky is blue', categoryPath: null }],
    issues: [
      { line: 3, column: 12, severity: 'error', code: 'brace_mismatch', message: 'Unbalanced brace' },
      { line: 5, column: 1, severity: 'warning', code: 'some_new_code', message: 'A message from the server' },
    ],
    importable: 1,
  };

  it('checks a pasted GIFT file, lists problems by line and column in Thai, and imports only after confirming', async () => {
    localStorage.setItem('baanrian.locale', 'th');
    userLocale = 'th';
    const gift = '::Sky:: The sky is blue {T}\n\nBroken {=a ~b\n';
    const bodies: { query: string; text: string; type: string | null }[] = [];
    renderApp({
      url: '/studio/quizzes?course=c-1&tab=import',
      handler: api({
        'POST /api/v1/studio/courses/c-1/question-imports': async (request) => {
          const url = new URL(request.url);
          bodies.push({ query: url.search, text: await request.text(), type: request.headers.get('Content-Type') });
          return url.searchParams.get('confirm') === 'true' ? json({ imported: 1, categoriesCreated: 0 }) : json(preview);
        },
      }),
    });
    expect(await screen.findByRole('heading', { name: 'นำเข้าข้อสอบ' }, { timeout: 15_000 })).toBeTruthy();
    type(textbox(/หรือวางข้อสอบ/), gift);
    fireEvent.click(button('ตรวจไฟล์'));
    expect(await screen.findByText('นำเข้าได้ 1 ข้อ ข้อผิดพลาด: 1 คำเตือน: 1')).toBeTruthy();
    const errors = screen.getByRole('heading', { name: 'ข้อผิดพลาด (ข้อเหล่านี้จะไม่ถูกนำเข้า)' }).parentElement as HTMLElement;
    expect(within(errors).getByRole('listitem').textContent).toBe('บรรทัด 3 คอลัมน์ 12: เครื่องหมาย { หรือ } ไม่มีคู่');
    // An unknown code falls back to the server's own message.
    const warnings = screen.getByRole('heading', { name: 'คำเตือน (นำเข้าได้)' }).parentElement as HTMLElement;
    expect(within(warnings).getByRole('listitem').textContent).toBe('บรรทัด 5 คอลัมน์ 1: A message from the server');
    expect(bodies).toEqual([{ query: '?format=gift', text: gift, type: 'text/plain; charset=utf-8' }]);

    fireEvent.click(button('นำเข้า 1 ข้อ'));
    expect(await screen.findByText('นำเข้าแล้ว 1 ข้อ (หมวดหมู่ใหม่ 0 หมวด)')).toBeTruthy();
    expect(bodies[1]).toEqual({ query: '?format=gift&confirm=true', text: gift, type: 'text/plain; charset=utf-8' });
  });
});

describe('quiz settings', () => {
  it('creates a quiz with fixed questions and a random draw, sending the settings the contract names', async () => {
    let created: Record<string, unknown> = {};
    renderApp({
      url: '/studio/quizzes?course=c-1&tab=quizzes',
      handler: api({
        'POST /api/v1/studio/courses/c-1/quizzes': async (request) => {
          created = (await request.json()) as Record<string, unknown>;
          return json(quizDto({ id: 'qz-2', title: 'Final check' }), 201);
        },
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'New quiz' }, { timeout: 15_000 }));
    fireEvent.click(button('Save quiz'));
    expect(await screen.findByText('Choose questions or add a random draw.')).toBeTruthy();

    type(textbox(/^Title/), 'Final check');
    type(textbox(/Attempts allowed/), '');
    fireEvent.click(screen.getByRole('radio', { name: 'Average of attempts' }));
    type(textbox(/Passing score/), '๘๐');
    type(textbox(/Time limit/), '20');
    fireEvent.click(screen.getByRole('switch', { name: 'Shuffle the options of each question' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Never show them' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: /Which tone mark is this/ }));
    fireEvent.click(button('Add a random draw'));
    fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), { target: { value: 'cat-3' } });
    type(textbox('How many'), '3');
    fireEvent.click(button('Save quiz'));

    expect(await screen.findByText('Quiz “Final check” saved.')).toBeTruthy();
    expect(created).toEqual({
      title: 'Final check',
      attemptsAllowed: null,
      gradingMethod: 'average',
      passingPercent: 80,
      timeLimitSeconds: 1200,
      shuffleQuestions: false,
      shuffleOptions: true,
      resultsPolicy: 'never',
      dueAt: null,
      questionIds: ['q-1'],
      draws: [{ categoryId: 'cat-3', count: 3 }],
    });
  });

  it('shows regrade progress by polling, and starts a manual regrade', async () => {
    let regrades: RegradeDto[] = [{ id: 'rg-1', questionId: null, status: 'running', total: 40, done: 10, changed: 2, createdAt: '2026-11-23T01:00:00.000Z', finishedAt: null }];
    let polls = 0;
    renderApp({
      url: '/studio/quizzes?course=c-1&tab=quizzes&quiz=qz-1',
      handler: api({
        'GET /api/v1/studio/quizzes/qz-1/regrades': () => {
          polls += 1;
          if (polls === 2) regrades = regrades.map((r) => (r.id === 'rg-1' ? { ...r, status: 'done', done: 40, changed: 3, finishedAt: '2026-11-23T01:01:00.000Z' } : r));
          return json(regrades);
        },
        'POST /api/v1/studio/quizzes/qz-1/regrades': () => {
          const row: RegradeDto = { id: 'rg-2', questionId: null, status: 'pending', total: 40, done: 0, changed: 0, createdAt: '2026-11-23T02:00:00.000Z', finishedAt: null };
          regrades = [row, ...regrades];
          return json(row, 202);
        },
      }),
    });
    const bar = await screen.findByRole('progressbar', {}, { timeout: 15_000 });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(bar.getAttribute('aria-valuetext')).toBe('10 of 40 attempts');
    expect(await screen.findByText(/3 grades of 40 changed\./, {}, { timeout: 6_000 })).toBeTruthy();

    fireEvent.click(button('Regrade all attempts'));
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('0 of 40 attempts'));
  });
});

describe('gradebook', () => {
  const book: GradebookDto = {
    quizzes: [
      { id: 'qz-1', title: 'Tones check', maxScore: 10, passingPercent: 60 },
      { id: 'qz-2', title: 'Final check', maxScore: 20, passingPercent: 60 },
    ],
    rows: [
      {
        userId: 'u-1',
        displayName: 'Somchai Jaidee',
        accountCode: 'BR-10001',
        cells: [
          { quizId: 'qz-1', attempts: 2, bestPercent: 90, resultPercent: 85.5, passed: true, lastSubmittedAt: '2026-11-20T03:00:00.000Z' },
          { quizId: 'qz-2', attempts: 0, bestPercent: null, resultPercent: null, passed: null, lastSubmittedAt: null },
        ],
      },
    ],
    nextCursor: null,
  };

  it('shows learners × quizzes with the learner as row header, filters, and gives extra time', async () => {
    let extension: { path: string; body: unknown } | null = null;
    const { requests } = renderApp({
      url: '/studio/quizzes?course=c-1&tab=gradebook',
      handler: api({
        'GET /api/v1/studio/courses/c-1/gradebook': () => json(book),
        'PUT /api/v1/studio/quizzes/qz-2/extensions/u-1': async (request) => {
          extension = { path: new URL(request.url).pathname, body: await request.json() };
          return json({ quizId: 'qz-2', userId: 'u-1', extraSeconds: 1200 });
        },
      }),
    });
    const table = await screen.findByRole('table', {}, { timeout: 15_000 });
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Learner', 'Tones check', 'Final check', 'Time']);
    expect(within(table).getByRole('rowheader').textContent).toBe('Somchai JaideeBR-10001');
    const cells = within(table).getAllByRole('cell');
    expect(cells[0].textContent).toBe('85.5 % · passed · 2 attempts');
    expect(cells[1].textContent).toBe('Not attempted');

    fireEvent.change(screen.getByRole('combobox', { name: 'Result' }), { target: { value: 'not_passed' } });
    await waitFor(() => expect(sent(requests, 'GET', '/api/v1/studio/courses/c-1/gradebook').some((r) => new URL(r.url).searchParams.get('status') === 'not_passed')).toBe(true));

    fireEvent.click(await screen.findByRole('button', { name: 'Extra time for Somchai Jaidee' }));
    const dialog = await screen.findByRole('dialog', { name: 'Extra time for Somchai Jaidee' });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Quiz' }), { target: { value: 'qz-2' } });
    type(within(dialog).getByRole('textbox', { name: /Extra minutes/ }), '20');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Give extra time' }));
    expect(await screen.findByText('Somchai Jaidee gets 20 extra minutes.')).toBeTruthy();
    expect(extension).toEqual({ path: '/api/v1/studio/quizzes/qz-2/extensions/u-1', body: { extraSeconds: 1200 } });
  });

  it('on a narrow screen (360 px, or 200 % text) lists each learner instead of a wide table', async () => {
    const original = window.matchMedia;
    window.matchMedia = ((query: string) => ({ matches: true, media: query, addEventListener: () => undefined, removeEventListener: () => undefined })) as unknown as typeof window.matchMedia;
    try {
      renderApp({ url: '/studio/quizzes?course=c-1&tab=gradebook', handler: api({ 'GET /api/v1/studio/courses/c-1/gradebook': () => json(book) }) });
      const learner = await screen.findByRole('heading', { name: 'Somchai Jaidee BR-10001' }, { timeout: 15_000 });
      expect(screen.queryByRole('table')).toBeNull();
      const item = learner.closest('li') as HTMLElement;
      expect(within(item).getAllByRole('term').map((t) => t.textContent)).toEqual(['Tones check', 'Final check']);
    } finally {
      window.matchMedia = original;
    }
  });
});

describe('quiz lesson in the outline', () => {
  it('creates a quiz from the lesson editor and saves the lesson pointing at it', async () => {
    let lessonBody: Record<string, unknown> = {};
    let quizzes: QuizDto[] = [];
    const course = studioCourse({ modules: [{ id: 'm-1', title: 'Tones', position: 0, lessons: [] }] });
    renderApp({
      url: '/studio/course?id=c-1&tab=outline',
      handler: api({
        'GET /api/v1/studio/courses/c-1': () => json(course),
        'GET /api/v1/studio/courses/c-1/versions': () => json({ items: [] }),
        'GET /api/v1/studio/courses/c-1/instructors': () => json({ items: [] }),
        'GET /api/v1/categories': () => json({ items: [] }),
        'GET /api/v1/studio/courses/c-1/quizzes': () => json(quizzes),
        'POST /api/v1/studio/courses/c-1/quizzes': () => {
          quizzes = [quizDto({ id: 'qz-7', title: 'Tone quiz' })];
          return json(quizzes[0], 201);
        },
        'POST /api/v1/studio/modules/m-1/lessons': async (request) => {
          lessonBody = (await request.json()) as Record<string, unknown>;
          return json({ id: 'l-1', moduleId: 'm-1', position: 0, ...lessonBody }, 201);
        },
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Add a lesson to Tones' }, { timeout: 15_000 }));
    type(screen.getByRole('textbox', { name: 'Lesson title' }), 'Check your tones');
    fireEvent.click(screen.getByRole('radio', { name: 'Quiz' }));
    type(await screen.findByRole('textbox', { name: 'Or create a quiz named' }), 'Tone quiz');
    fireEvent.click(button('Create quiz'));
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Quiz for this lesson' }) as HTMLSelectElement).value).toBe('qz-7'));
    fireEvent.click(button('Save lesson'));
    await waitFor(() => expect(lessonBody).toMatchObject({ type: 'quiz', title: 'Check your tones', content: { quizId: 'qz-7' } }));
  });
});
