import type { DeliveredQuestion, Question, QuestionResponse } from '@baanrian/contracts';
import { computeGrade } from '../../../apps/worker/src/grading/grading.records';
import { benchQuestion, benchResponse } from '../groups/grading.fixture';
import { copyRows, type CopyValue } from './data.copy';
import { type DataContext, type DataGenerator, type MadeQuizEnrollment } from './data.generator';
import { type SeededRandom, stableUuid } from './data.random';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Issue 11: 50,000 quiz attempts for 250,000 learners. */
export const ATTEMPTS_PER_LEARNER = 0.2;
const QUESTIONS = 10;
const PASSING_PERCENT = 60;
/** Attempts one learner makes at one quiz, at most (also the limit of the quizzes that have one). */
const MOST_ATTEMPTS = 3;
const TIME_LIMIT_SECONDS = 20 * 60;
const BENCH_QUIZZES = `SELECT q.id FROM quiz q JOIN course c ON c.id = q.course_id WHERE c.slug LIKE 'bench-%'`;

const QUIZ_COLUMNS = ['id', 'course_id', 'title', 'attempts_allowed', 'grading_method', 'passing_percent', 'time_limit_seconds', 'shuffle_questions', 'shuffle_options',
  'results_policy', 'due_at', 'question_ids', 'draws', 'created_at', 'updated_at'] as const;
const ATTEMPT_COLUMNS = ['id', 'quiz_id', 'user_id', 'enrollment_id', 'number', 'status', 'questions', 'responses', 'responses_revision', 'started_at', 'deadline_at',
  'submitted_at', 'close_reason', 'submit_key', 'updated_at'] as const;
const GRADE_COLUMNS = ['attempt_id', 'score', 'max_score', 'percent', 'passed', 'details', 'graded_at', 'version'] as const;
const PROGRESS_COLUMNS = ['enrollment_id', 'lesson_id', 'status', 'percent', 'position_seconds', 'completed_at', 'updated_at'] as const;

interface BenchQuiz {
  id: string;
  lessonId: string;
  timed: boolean;
  questions: Question[];
}

/** How one enrolment's attempts go: failed ones first, then the last one (or none). */
interface AttemptPlan {
  enrollment: MadeQuizEnrollment;
  fails: number;
  last: 'pass' | 'fail' | 'open' | null;
}

function shuffle<T>(items: T[], random: SeededRandom): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * Who attempts what, ATTEMPTS_PER_LEARNER × learners attempts in all. Every completion of a quiz
 * course needs a passed attempt (the quiz lesson is required, and a pass is what completes it), so
 * each completer's last attempt passes; the rest of the budget goes, in seeded order, to retakes
 * (a failed attempt before the pass) and to learners still active, whose attempts fail, pass or
 * stay open. Only when the completers alone exceed the budget are there more attempts than that.
 */
function planAttempts(enrollments: readonly MadeQuizEnrollment[], target: number, quizzes: ReadonlyMap<number, BenchQuiz>, random: SeededRandom): AttemptPlan[] {
  const plans = enrollments.map((enrollment): AttemptPlan => ({ enrollment, fails: 0, last: enrollment.status === 'completed' ? 'pass' : null }));
  const count = (p: AttemptPlan) => p.fails + (p.last ? 1 : 0);
  let budget = target - plans.reduce((sum, p) => sum + count(p), 0);
  for (let round = 0; round < MOST_ATTEMPTS && budget > 0; round++) {
    for (const plan of shuffle(plans.filter((p) => count(p) < MOST_ATTEMPTS && p.last !== 'open' && !(p.last === 'pass' && p.enrollment.status === 'active')), random)) {
      if (budget === 0) break;
      if (plan.enrollment.status === 'completed' || plan.last === 'fail') plan.fails++;
      if (plan.enrollment.status === 'active') {
        const roll = random.next();
        plan.last = roll < 0.4 ? 'pass' : roll < 0.5 && !quizzes.get(plan.enrollment.course)?.timed ? 'open' : 'fail';
      }
      budget--;
    }
  }
  return plans.filter((p) => count(p) > 0);
}

/**
 * Quizzes, their questions, attempts and grades for the quiz courses (one quiz each, the course's
 * last lesson), on the enrolments the learning generator made: attempts only by learners holding a
 * seat (active or completed) who started, graded with the worker's own grading function, one grade
 * per attempt, and the quiz lesson completed (at the grading instant) wherever the attempt passed.
 * No attempt is left submitted-but-ungraded or timed-and-open, so a worker started on the data has
 * nothing to sweep.
 */
export const quizzesGenerator: DataGenerator = {
  name: 'quizzes',

  async clear(client) {
    await client.query(`DELETE FROM quiz_grade WHERE attempt_id IN (SELECT id FROM quiz_attempt WHERE quiz_id IN (${BENCH_QUIZZES}))`);
    await client.query(`DELETE FROM quiz_attempt WHERE quiz_id IN (${BENCH_QUIZZES})`);
    await client.query(`DELETE FROM quiz WHERE id IN (${BENCH_QUIZZES})`);
    await client.query(`DELETE FROM question WHERE course_id IN (SELECT id FROM course WHERE slug LIKE 'bench-%')`);
  },

  async generate({ plan, client, random, made }: DataContext) {
    const courses = made.courses ?? [];
    const enrollments = made.quizEnrollments;
    if (!courses.length || !enrollments) throw new Error('quizzes need the courses and learning generators to run first');
    const quizzes = new Map<number, BenchQuiz>();
    const quizRows: CopyValue[][] = [];
    const questionRows: CopyValue[][] = [];
    courses.forEach((course, index) => {
      if (!course.quiz) return;
      const questions = Array.from({ length: QUESTIONS }, (_, k) => ({ ...(benchQuestion(k) as Question), id: stableUuid(plan.seed, `quiz-${index}-question`, k) }));
      const timed = random.next() < 0.5;
      quizzes.set(index, { ...course.quiz, timed, questions });
      const at = new Date(course.publishedAt - DAY);
      for (const q of questions) questionRows.push([q.id, course.id, null, q.type, q, [], 1, course.ownerId, at, at, null]);
      quizRows.push([course.quiz.id, course.id, 'แบบทดสอบหลังเรียน', random.next() < 0.5 ? MOST_ATTEMPTS : null, 'highest', PASSING_PERCENT, timed ? TIME_LIMIT_SECONDS : null,
        false, false, 'immediately', null, questions.map((q) => q.id), '[]', at, at]);
    });

    const attempts: CopyValue[][] = [];
    const grades: CopyValue[][] = [];
    const quizProgress: CopyValue[][] = [];
    let n = 0;
    for (const { enrollment, fails, last } of planAttempts(enrollments, Math.round(plan.learners * ATTEMPTS_PER_LEARNER), quizzes, random)) {
      const quiz = quizzes.get(enrollment.course);
      if (!quiz) throw new Error(`course ${enrollment.course} has no quiz`);
      const outcomes = [...Array<'fail'>(fails).fill('fail'), ...(last ? [last] : [])];
      outcomes.forEach((outcome, k) => {
        const id = stableUuid(plan.seed, 'attempt', n++);
        const duration = random.int(5, 18) * MINUTE + random.int(0, MINUTE);
        // A completer's passing attempt is graded at the instant the course completed (the worker
        // does both in one transaction), earlier ones a day apart before it; others from a day after starting.
        const finalPass = enrollment.completedAt !== null && k === outcomes.length - 1;
        const submitted = finalPass ? (enrollment.completedAt as number) - 2_000
          : enrollment.completedAt !== null ? (enrollment.completedAt as number) - (outcomes.length - 1 - k) * DAY - random.int(1, 8) * 3_600_000
          : enrollment.startedAt + (k + 1) * DAY + random.int(0, 12) * 3_600_000;
        const expired = outcome === 'fail' && quiz.timed && random.next() < 0.1;
        const startedAt = expired ? submitted - TIME_LIMIT_SECONDS * 1000 : submitted - duration;
        const deadline = quiz.timed ? startedAt + TIME_LIMIT_SECONDS * 1000 : null;
        const responses = respond(quiz.questions, outcome, random);
        const delivered: DeliveredQuestion[] = quiz.questions.map((q) => ({ questionId: q.id }));
        // jsonb arrays go as JSON text (copyField writes JS arrays as text[] literals).
        const questionsJson = JSON.stringify(delivered);
        if (outcome === 'open') {
          const saved = startedAt + random.int(1, 10) * MINUTE;
          attempts.push([id, quiz.id, enrollment.userId, enrollment.id, k + 1, 'in_progress', questionsJson, responses, Object.keys(responses).length, new Date(startedAt), null, null, null, null, new Date(saved)]);
          return;
        }
        const gradedAt = finalPass ? (enrollment.completedAt as number) : submitted + 1_500;
        const { grade, percent, passed } = computeGrade({ questions: delivered, responses }, new Map(quiz.questions.map((q) => [q.id, q])), PASSING_PERCENT);
        if (passed !== (outcome === 'pass')) throw new Error(`quizzes: attempt ${id} was meant to ${outcome} but grades ${percent} %`);
        attempts.push([id, quiz.id, enrollment.userId, enrollment.id, k + 1, 'graded', questionsJson, responses, Object.keys(responses).length, new Date(startedAt),
          deadline === null ? null : new Date(deadline), new Date(expired ? (deadline as number) : submitted), expired ? 'time_expired' : 'submitted',
          expired ? null : stableUuid(plan.seed, 'submit-key', n), new Date(gradedAt)]);
        grades.push([id, grade.score, grade.maxScore, percent, passed, grade, new Date(gradedAt), 1]);
        if (passed) quizProgress.push([enrollment.id, quiz.lessonId, 'completed', 100, null, new Date(gradedAt), new Date(gradedAt)]);
      });
    }
    return {
      question: await copyRows(client, 'question', ['id', 'course_id', 'category_id', 'type', 'definition', 'tags', 'key_revision', 'created_by_id', 'created_at', 'updated_at', 'deleted_at'], questionRows),
      quiz: await copyRows(client, 'quiz', QUIZ_COLUMNS, quizRows),
      quiz_attempt: await copyRows(client, 'quiz_attempt', ATTEMPT_COLUMNS, attempts),
      quiz_grade: await copyRows(client, 'quiz_grade', GRADE_COLUMNS, grades),
      lesson_progress: await copyRows(client, 'lesson_progress', PROGRESS_COLUMNS, quizProgress),
    };
  },
};

/**
 * Responses that pass (6–10 of 10 right) or fail (2–5 right; a wrong one is sometimes left blank),
 * or, for an open attempt, the first few saved. Keyed by question id, as autosave stores them.
 */
function respond(questions: readonly Question[], outcome: 'pass' | 'fail' | 'open', random: SeededRandom): Record<string, QuestionResponse> {
  const right = outcome === 'pass' ? random.int(6, 10) : random.int(2, 5);
  const order = shuffle(questions.map((_, k) => k), random);
  const answered = outcome === 'open' ? random.int(1, questions.length - 1) : questions.length;
  const responses: Record<string, QuestionResponse> = {};
  questions.forEach((q, k) => {
    if (k >= answered) return;
    const correct = order.indexOf(k) < right;
    if (!correct && outcome !== 'open' && random.next() < 0.2) return;
    responses[q.id] = benchResponse(k, correct) as QuestionResponse;
  });
  return responses;
}
