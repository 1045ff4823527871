import type { Browser, Page, Route } from 'playwright-core';
import { launchChromium, PHONE, setBrowserTextSize } from './support/browser';
import { expectPageChecks, signIn } from './support/learner';
import { servePortal, type ServedPortal } from './support/stack';

/**
 * The learner quiz screens (issue 8) in the browser: the built api serving the built portal, the
 * demo learner signed in for real. The attempts endpoints answer with contract-shaped data through
 * page.route (notes/quiz-contract.md, "Q2 attempts"), so every question type and every state is on
 * screen whatever the seed holds. Each screen passes the page checks (axe WCAG 2.2 A/AA, one h1,
 * landmarks, no sideways scroll) on a 360 px phone, in Thai at 200 % text, English and Vietnamese;
 * and an attempt is answered and submitted by keyboard alone.
 */
jest.setTimeout(240_000);

const QUIZ = '11111111-1111-4111-8111-111111111111';
const ATTEMPT = '22222222-2222-4222-8222-222222222222';

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

const iso = (minutesFromNow: number) => new Date(Date.now() + minutesFromNow * 60_000).toISOString();
const th = (text: string) => ({ text, format: 'plain' });

const questions = [
  { id: 'q1', type: 'single_choice', stem: th('รหัสผ่านใดปลอดภัยที่สุด'), points: 1, options: [{ id: 'o1', text: th('123456') }, { id: 'o2', text: th('ช้างเผือกกินกล้วยหอมทุกวันจันทร์') }] },
  { id: 'q2', type: 'multiple_choice', stem: th('ข้อใดเป็นสัญญาณของมิจฉาชีพ'), points: 2, options: [{ id: 'm1', text: th('เร่งให้โอนเงินด่วน') }, { id: 'm2', text: th('ขอรหัส OTP') }, { id: 'm3', text: th('อวยพรวันเกิด') }] },
  { id: 'q3', type: 'true_false', stem: th('ควรบอกรหัส OTP กับเจ้าหน้าที่ธนาคารทางโทรศัพท์'), points: 1 },
  { id: 'q4', type: 'short_text', stem: th('OTP ย่อมาจากอะไร'), points: 1 },
  { id: 'q5', type: 'numeric', stem: th('เบอร์โทรศัพท์มือถือในประเทศไทยมีกี่หลัก'), points: 1 },
  { id: 'q6', type: 'ordering', stem: th('เรียงขั้นตอนการโอนเงิน'), points: 1, items: [{ id: 'i1', text: th('ใส่จำนวนเงิน') }, { id: 'i2', text: th('เปิดแอปธนาคาร') }, { id: 'i3', text: th('กดยืนยัน') }] },
  { id: 'q7', type: 'matching', stem: th('จับคู่สัญลักษณ์กับความหมาย'), points: 1, prompts: [{ id: 'p1', text: th('แม่กุญแจ') }, { id: 'p2', text: th('ไวไฟ') }], choices: ['ปลอดภัย', 'ไร้สาย', 'แบตเตอรี่'] },
  { id: 'q8', type: 'essay', stem: th('ถ้าเพื่อนถูกหลอก คุณจะช่วยอย่างไร'), points: 2 },
];

const learnerQuiz = {
  id: QUIZ,
  title: 'การใช้สมาร์ตโฟนอย่างปลอดภัย',
  attemptsAllowed: 3,
  attemptsUsed: 1,
  timeLimitSeconds: 1800,
  extraSeconds: 600,
  passingPercent: 60,
  resultsPolicy: 'immediately',
  dueAt: iso(60 * 24 * 7),
  questionCount: questions.length,
  openAttemptId: null,
  attempts: [{ id: 'a-0', number: 1, status: 'graded', submittedAt: iso(-60 * 24), result: { score: 4, maxScore: 10, percent: 40, passed: false } }],
  resultPercent: 40,
  passed: false,
};

const attempt = () => ({
  id: ATTEMPT,
  quizId: QUIZ,
  number: 2,
  status: 'in_progress',
  closeReason: null,
  startedAt: iso(0),
  submittedAt: null,
  deadlineAt: iso(40),
  graceSeconds: 30,
  serverNow: iso(0),
  questions,
  responses: {},
  responsesRevision: 0,
});

const result = {
  status: 'graded',
  released: true,
  score: 7,
  maxScore: 10,
  percent: 70,
  passed: true,
  review: [
    { question: questions[0], response: { type: 'single_choice', optionId: 'o2' }, correct: true, score: 1, maxScore: 1, matchedIds: ['o2'], feedback: [th('ประโยคยาว ๆ จำง่ายและเดายาก')] },
    { question: questions[1], response: { type: 'multiple_choice', optionIds: ['m1'] }, correct: 'partial', score: 1, maxScore: 2, matchedIds: ['m1'], feedback: [] },
    { question: questions[2], response: null, correct: false, score: 0, maxScore: 1, matchedIds: [], feedback: [th('ธนาคารไม่เคยขอรหัส OTP')] },
  ],
};

/** The attempts endpoints, answered from the contract's shapes; records what was sent. */
async function fakeQuizApi(page: Page): Promise<{ saves: unknown[]; submits: string[] }> {
  const sent = { saves: [] as unknown[], submits: [] as string[] };
  let revision = 0;
  const reply = (body: unknown, status = 200) => (route: Route) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route(new RegExp(`/api/v1/learning/quizzes/${QUIZ}$`), reply(learnerQuiz));
  await page.route(new RegExp(`/api/v1/learning/quizzes/${QUIZ}/attempts$`), reply(attempt(), 201));
  await page.route(new RegExp(`/api/v1/learning/attempts/${ATTEMPT}$`), reply(attempt()));
  await page.route(new RegExp(`/api/v1/learning/attempts/${ATTEMPT}/responses$`), (route) => {
    const body = route.request().postDataJSON() as { revision: number };
    sent.saves.push(body);
    revision = Math.max(revision, body.revision);
    return reply({ responsesRevision: revision, savedAt: iso(0), applied: true })(route);
  });
  await page.route(new RegExp(`/api/v1/learning/attempts/${ATTEMPT}/submit$`), (route) => {
    sent.submits.push(route.request().headers()['idempotency-key'] ?? '');
    return reply({ status: 'submitted', submittedAt: iso(0) }, 202)(route);
  });
  await page.route(new RegExp(`/api/v1/learning/attempts/${ATTEMPT}/result$`), reply(result));
  return sent;
}

it.each([
  ['th', 200],
  ['en', 100],
  ['vi', 100],
] as const)('every quiz screen and question type passes the page checks in %s at 360 px with %i%% text', async (locale, textSize) => {
  const context = await browser.newContext({ viewport: PHONE, locale });
  const page = await context.newPage();
  await fakeQuizApi(page);
  await signIn(page, baseUrl, locale);
  if (textSize !== 100) await setBrowserTextSize(page, textSize);

  await page.goto(`${baseUrl}/learning/quizzes/${QUIZ}`);
  await page.locator('.quiz-attempt-row').first().waitFor();
  await expectPageChecks(page, `overview (${locale})`);

  await page.goto(`${baseUrl}/learning/quizzes/${QUIZ}/attempts/${ATTEMPT}`);
  for (let i = 0; i < questions.length; i++) {
    await page.locator('.quiz-question__stem').getByText(questions[i].stem.text).waitFor();
    await expectPageChecks(page, `question ${i + 1}: ${questions[i].type} (${locale})`);
    if (i < questions.length - 1) await page.locator('.quiz-pager button').last().click();
  }

  await page.goto(`${baseUrl}/learning/quizzes/${QUIZ}/attempts/${ATTEMPT}/result`);
  await page.locator('.quiz-review__item').first().waitFor();
  await expectPageChecks(page, `result and review (${locale})`);
  await context.close();
});

it('answers and submits an attempt by keyboard (and reorders once by dragging), with one Idempotency-Key', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en' });
  const page = await context.newPage();
  const sent = await fakeQuizApi(page);
  await signIn(page, baseUrl, 'en');
  await page.goto(`${baseUrl}/learning/quizzes/${QUIZ}`);
  const start = page.getByRole('button', { name: 'Start a new attempt' });
  await start.focus();
  await page.keyboard.press('Enter');

  // Single choice: arrow keys move within the radio group.
  await page.getByRole('heading', { level: 2, name: 'รหัสผ่านใดปลอดภัยที่สุด' }).waitFor();
  await page.getByRole('radio', { name: '123456' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  expect(await page.getByRole('radio', { name: 'ช้างเผือกกินกล้วยหอมทุกวันจันทร์' }).isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Next' }).focus();
  await page.keyboard.press('Enter');

  // Focus lands on the new question; multiple choice with Space.
  await page.getByRole('heading', { level: 2, name: 'ข้อใดเป็นสัญญาณของมิจฉาชีพ' }).waitFor();
  await page.getByRole('checkbox', { name: 'ขอรหัส OTP' }).focus();
  await page.keyboard.press('Space');

  // Jump to the ordering question from the navigator, and move an item up with its button.
  await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Question 6, not answered' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: 'เรียงขั้นตอนการโอนเงิน' }).waitFor();
  await page.getByRole('button', { name: 'Move “เปิดแอปธนาคาร” up' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('“เปิดแอปธนาคาร” is now 1 of 3.').waitFor({ state: 'attached' });
  // And with the mouse: drag "กดยืนยัน" by its handle above "ใส่จำนวนเงิน" (pointer events, as a finger would).
  const handle = page.getByRole('button', { name: /^“กดยืนยัน”, 3 of 3/ });
  const target = await page.getByRole('button', { name: /^“ใส่จำนวนเงิน”, 2 of 3/ }).boundingBox();
  const from = await handle.boundingBox();
  if (!from || !target) throw new Error('ordering rows not laid out');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + 2, { steps: 8 });
  await page.mouse.up();
  await page.getByText('“กดยืนยัน” is now 2 of 3.').waitFor({ state: 'attached' });

  await page.getByText('All answers saved').waitFor();
  const finish = page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Finish and submit' });
  await finish.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Submit your answers?' });
  await dialog.getByText('5 questions are not answered yet.').waitFor();
  await dialog.getByRole('button', { name: 'Submit' }).focus();
  await page.keyboard.press('Enter');

  await page.getByText('7 of 10 points', { exact: false }).waitFor();
  expect(sent.submits).toHaveLength(1);
  expect(sent.submits[0]).toMatch(/^[0-9a-f-]{36}$/);
  const saved = Object.assign({}, ...sent.saves.map((s) => (s as { responses: object }).responses));
  expect(saved).toEqual({
    q1: { type: 'single_choice', optionId: 'o2' },
    q2: { type: 'multiple_choice', optionIds: ['m2'] },
    q6: { type: 'ordering', itemIds: ['i2', 'i3', 'i1'] },
  });
  await context.close();
});
