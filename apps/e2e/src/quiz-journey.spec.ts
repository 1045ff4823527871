import type { Browser } from 'playwright-core';
import { launchChromium, PHONE } from './support/browser';
import { DEMO_LEARNER, expectPageChecks, signIn } from './support/learner';
import { servePortal, type ServedPortal } from './support/stack';

/**
 * A learner's quiz end to end, with nothing faked: the built api serving the built portal, the
 * demo instructor's course with a quiz lesson made through the studio API, the demo learner
 * enrolled through the enrolment API, and the real grading worker. The worker starts only after
 * the submit, so "grading…" is on screen until the worker's grade arrives (the outbox event waits).
 */
jest.setTimeout(240_000);

const DEMO_INSTRUCTOR = { login: 'instructor@demo.baanrian.test', password: 'demo-instructor-2567' };
const plain = (text: string) => ({ text, format: 'plain' });

let stack: ServedPortal;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([servePortal(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function call<T = Record<string, unknown>>(method: string, url: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${stack.baseUrl}/api/v1${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

const tokenOf = async (who: { login: string; password: string }) => (await call<{ accessToken: string }>('POST', '/auth/sign-in', null, who)).accessToken;

/** The instructor's published course: one module with a two-question quiz lesson. */
async function quizCourse(): Promise<{ courseId: string; lessonId: string; quizId: string }> {
  const token = await tokenOf(DEMO_INSTRUCTOR);
  const course = await call<{ id: string }>('POST', '/studio/courses', token, {
    title: { th: 'รู้ทันมิจฉาชีพออนไลน์', en: 'Spotting online scams' },
    summary: { th: 'แบบทดสอบสั้น ๆ' },
    description: { th: 'ทดสอบความรู้' },
    language: 'th',
    targetGroups: ['elderly'],
    format: 'self_paced',
  });
  const module = await call<{ id: string }>('POST', `/studio/courses/${course.id}/modules`, token, { title: 'บทที่ 1' });
  const single = await call<{ id: string }>('POST', `/studio/courses/${course.id}/questions`, token, {
    definition: {
      type: 'single_choice', stem: plain('รหัสผ่านใดปลอดภัยที่สุด'), points: 1, tags: [],
      options: [{ text: plain('123456'), weight: 0 }, { text: plain('ช้างเผือกกินกล้วยหอมทุกวันจันทร์'), weight: 1 }],
    },
  });
  const trueFalse = await call<{ id: string }>('POST', `/studio/courses/${course.id}/questions`, token, {
    definition: { type: 'true_false', stem: plain('ควรบอกรหัส OTP กับเจ้าหน้าที่ธนาคารทางโทรศัพท์'), points: 1, tags: [], correct: false },
  });
  const quiz = await call<{ id: string }>('POST', `/studio/courses/${course.id}/quizzes`, token, {
    title: 'แบบทดสอบท้ายบท', questionIds: [single.id, trueFalse.id], attemptsAllowed: 2, passingPercent: 50, resultsPolicy: 'immediately',
  });
  const lesson = await call<{ id: string }>('POST', `/studio/modules/${module.id}/lessons`, token, { type: 'quiz', title: 'แบบทดสอบท้ายบท', content: { quizId: quiz.id } });
  await call('POST', `/studio/courses/${course.id}/publish`, token);
  return { courseId: course.id, lessonId: lesson.id, quizId: quiz.id };
}

it('signs in, opens the quiz lesson, answers with autosave across a reload, submits, sees "grading…" and then the worker\'s result', async () => {
  const { courseId, lessonId, quizId } = await quizCourse();
  await call('POST', `/courses/${courseId}/enrollment`, await tokenOf(DEMO_LEARNER), {});

  const context = await browser.newContext({ viewport: PHONE, locale: 'en' });
  const page = await context.newPage();
  await signIn(page, stack.baseUrl, 'en');
  await page.goto(`${stack.baseUrl}/learning/courses/${courseId}?lesson=${lessonId}`);
  await page.getByRole('link', { name: /Open the quiz/ }).click();
  await page.getByRole('button', { name: 'Start the quiz' }).click();

  // Question 1: answer, and wait until the server has it (the indicator follows the autosave's answer).
  await page.getByRole('heading', { level: 2, name: 'รหัสผ่านใดปลอดภัยที่สุด' }).waitFor();
  await page.locator('.quiz-choice', { hasText: 'ช้างเผือกกินกล้วยหอมทุกวันจันทร์' }).click(); // as a finger taps the whole row
  await page.getByText('All answers saved').waitFor();
  const attemptPath = new URL(page.url()).pathname;
  expect(attemptPath).toMatch(/^\/learning\/quizzes\/[^/]+\/attempts\/[^/]+$/);

  // Reload mid-attempt with the device's copy gone: the answer comes back from the server.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('baanrian.quiz.unsent.')).forEach((k) => localStorage.removeItem(k)));
  await page.reload();
  await page.getByRole('heading', { level: 2, name: 'รหัสผ่านใดปลอดภัยที่สุด' }).waitFor();
  await page.waitForFunction(() => (document.querySelector('input[type="radio"]:checked') as HTMLInputElement | null) !== null);
  expect(await page.getByRole('radio', { name: 'ช้างเผือกกินกล้วยหอมทุกวันจันทร์' }).isChecked()).toBe(true);
  await expectPageChecks(page, 'attempt after a reload');

  // Question 2, then submit.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { level: 2, name: 'ควรบอกรหัส OTP กับเจ้าหน้าที่ธนาคารทางโทรศัพท์' }).waitFor();
  await page.locator('.quiz-choice', { hasText: 'False' }).click();
  await page.getByText('All answers saved').waitFor();
  await page.getByRole('navigation', { name: 'Questions' }).getByRole('button', { name: 'Finish and submit' }).click();
  await page.getByRole('dialog', { name: 'Submit your answers?' }).getByRole('button', { name: 'Submit' }).click();

  // No worker yet: the attempt waits, graded by nobody, and the learner sees so.
  await page.getByText('Grading your answers…').waitFor();
  await expectPageChecks(page, 'grading');
  stack.startWorker();
  await page.getByText('2 of 2 points').waitFor({ timeout: 60_000 });
  await page.locator('.quiz-badge--passed', { hasText: 'Passed' }).first().waitFor();
  await expectPageChecks(page, 'result');

  // One attempt, graded once, and the quiz lesson completed in the player (the worker's progress update).
  const learner = await tokenOf(DEMO_LEARNER);
  const overview = await call<{ attempts: { status: string; result: { percent: number; passed: boolean } | null }[]; passed: boolean }>('GET', `/learning/quizzes/${quizId}`, learner);
  expect(overview).toMatchObject({ attempts: [{ status: 'graded', result: { percent: 100, passed: true } }], passed: true });
  const player = await call<{ modules: { lessons: { id: string; progress: { status: string } }[] }[] }>('GET', `/learning/courses/${courseId}`, learner);
  expect(player.modules[0].lessons.find((l) => l.id === lessonId)?.progress.status).toBe('completed');
  await context.close();
});
