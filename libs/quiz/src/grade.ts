/**
 * Deterministic grading: the same questions and responses always give the same grade, with no
 * clock, randomness or I/O, so a retried or regraded job writes exactly what the first one did.
 * Rules per type (docs/quizzes.md):
 * - single choice: the chosen option's weight, at least 0;
 * - multiple choice: the sum of the chosen options' weights (negative ones subtract), clamped to 0..1;
 * - true/false: all or nothing;
 * - short text: the best weight among the accepted answers the normalised response matches;
 * - numeric: the best weight among the answers whose value ± tolerance or range holds a reading;
 * - ordering: the share of items in their correct position;
 * - matching: the share of prompts matched with their answer;
 * - essay: 0 and `pendingManual` until an instructor grades it.
 */
import type {
  AttemptGrade,
  Correctness,
  NumericMatch,
  Question,
  QuestionGrade,
  QuestionResponse,
  ResponseOf,
  ShortTextQuestion,
} from '@baanrian/contracts';
import { type AnswerPattern, compileAnswerPattern, matchesPattern, normalizeAnswer, parseNumberReadings } from './normalize';

interface Outcome {
  fraction: number;
  matchedIds?: string[];
  unanswered?: boolean;
  pendingManual?: boolean;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
const clamp01 = (n: number) => (n < 0 ? 0 : n > 1 ? 1 : n);

/** Compiled short-text patterns, once per question object (the bank's objects are reused). */
const patternCache = new WeakMap<ShortTextQuestion, AnswerPattern[]>();
function patternsOf(question: ShortTextQuestion): AnswerPattern[] {
  let patterns = patternCache.get(question);
  if (!patterns) {
    patterns = question.answers.map((a) => compileAnswerPattern(a.text));
    patternCache.set(question, patterns);
  }
  return patterns;
}

/** Floating-point slack so that 3.1415 ± 0.0005 holds 3.142. */
const slack = (x: number) => 1e-9 * Math.max(1, Math.abs(x));

function numericHolds(match: NumericMatch, x: number): boolean {
  switch (match.kind) {
    case 'any':
      return true;
    case 'value':
      return Math.abs(x - match.value) <= match.tolerance + slack(match.value);
    case 'range':
      return x >= match.min - slack(match.min) && x <= match.max + slack(match.max);
  }
}

/** The best-weighted entry that matches; ties keep the first (the author's order). */
function best<T extends { id: string; weight: number }>(entries: T[], matches: (e: T, i: number) => boolean): Outcome {
  let found: T | undefined;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if ((!found || e.weight > found.weight) && matches(e, i)) found = e;
  }
  return found ? { fraction: clamp01(found.weight), matchedIds: [found.id] } : { fraction: 0 };
}

/**
 * Responses come from stored JSON: a malformed one (an old client, a hand-edited row) must grade
 * as unanswered rather than throw, or the worker would retry the job forever.
 */
function wellFormed(r: QuestionResponse): boolean {
  switch (r.type) {
    case 'single_choice':
      return r.optionId === null || typeof r.optionId === 'string';
    case 'multiple_choice':
      return Array.isArray(r.optionIds);
    case 'true_false':
      return r.value === null || typeof r.value === 'boolean';
    case 'short_text':
    case 'numeric':
    case 'essay':
      return typeof r.text === 'string';
    case 'ordering':
      return Array.isArray(r.itemIds);
    case 'matching':
      return typeof r.matches === 'object' && r.matches !== null;
    default:
      return false;
  }
}

function outcome(question: Question, given: QuestionResponse | undefined): Outcome {
  const response = given && typeof given === 'object' && wellFormed(given) ? given : undefined;
  if (question.type === 'essay') {
    const text = response?.type === 'essay' ? response.text.trim() : '';
    return { fraction: 0, pendingManual: text.length > 0, unanswered: text.length === 0 };
  }
  // A response of another type (a changed question) counts as no answer.
  if (!response || response.type !== question.type) return { fraction: 0, unanswered: true };
  switch (question.type) {
    case 'single_choice': {
      const { optionId } = response as ResponseOf<'single_choice'>;
      if (optionId === null) return { fraction: 0, unanswered: true };
      const option = question.options.find((o) => o.id === optionId);
      return option ? { fraction: clamp01(option.weight), matchedIds: [option.id] } : { fraction: 0 };
    }
    case 'multiple_choice': {
      const chosen = new Set((response as ResponseOf<'multiple_choice'>).optionIds);
      if (chosen.size === 0) return { fraction: 0, unanswered: true };
      let sum = 0;
      const matchedIds: string[] = [];
      for (const o of question.options) {
        if (chosen.has(o.id)) {
          sum += o.weight;
          matchedIds.push(o.id);
        }
      }
      return { fraction: clamp01(sum), matchedIds };
    }
    case 'true_false': {
      const { value } = response as ResponseOf<'true_false'>;
      if (value === null) return { fraction: 0, unanswered: true };
      return { fraction: value === question.correct ? 1 : 0 };
    }
    case 'short_text': {
      const key = normalizeAnswer((response as ResponseOf<'short_text'>).text);
      if (!key) return { fraction: 0, unanswered: true };
      const patterns = patternsOf(question);
      return best(question.answers, (_a, i) => matchesPattern(key, patterns[i]));
    }
    case 'numeric': {
      const text = (response as ResponseOf<'numeric'>).text;
      if (!text.trim()) return { fraction: 0, unanswered: true };
      const readings = parseNumberReadings(text);
      if (readings.length === 0) return best(question.answers, (a) => a.match.kind === 'any');
      return best(question.answers, (a) => readings.some((x) => numericHolds(a.match, x)));
    }
    case 'ordering': {
      const { itemIds } = response as ResponseOf<'ordering'>;
      if (itemIds.length === 0) return { fraction: 0, unanswered: true };
      let right = 0;
      const matchedIds: string[] = [];
      question.items.forEach((item, i) => {
        if (itemIds[i] === item.id) {
          right++;
          matchedIds.push(item.id);
        }
      });
      return { fraction: question.items.length ? right / question.items.length : 0, matchedIds };
    }
    case 'matching': {
      const { matches } = response as ResponseOf<'matching'>;
      let right = 0;
      let answered = 0;
      const matchedIds: string[] = [];
      for (const pair of question.pairs) {
        const chosen = Object.prototype.hasOwnProperty.call(matches, pair.id) ? matches[pair.id] : null;
        if (chosen === null || chosen === undefined) continue;
        answered++;
        if (chosen === pair.answer) {
          right++;
          matchedIds.push(pair.id);
        }
      }
      if (answered === 0) return { fraction: 0, unanswered: true };
      return { fraction: question.pairs.length ? right / question.pairs.length : 0, matchedIds };
    }
  }
}

const correctness = (fraction: number): Correctness => (fraction >= 1 - 1e-9 ? true : fraction <= 0 ? false : 'partial');

export function gradeQuestion(question: Question, response: QuestionResponse | undefined): QuestionGrade {
  const o = outcome(question, response);
  const fraction = round6(o.fraction);
  const grade: QuestionGrade = {
    questionId: question.id,
    type: question.type,
    score: round6(o.fraction * question.points),
    maxScore: question.points,
    fraction,
    correct: correctness(fraction),
  };
  if (o.pendingManual) grade.pendingManual = true;
  if (o.unanswered) grade.unanswered = true;
  if (o.matchedIds && o.matchedIds.length) grade.matchedIds = o.matchedIds;
  return grade;
}

/**
 * Grades an attempt: `responses` by question id. Questions are graded in the given order; the
 * total is the sum of rounded question scores, so it never drifts with the order of additions.
 */
export function gradeAttempt(questions: readonly Question[], responses: Readonly<Record<string, QuestionResponse | undefined>>): AttemptGrade {
  let score = 0;
  let maxScore = 0;
  let pendingManual = false;
  const graded: QuestionGrade[] = new Array(questions.length);
  for (let i = 0; i < questions.length; i++) {
    const q = questions[i];
    const g = gradeQuestion(q, Object.prototype.hasOwnProperty.call(responses, q.id) ? responses[q.id] : undefined);
    graded[i] = g;
    score += g.score;
    maxScore += g.maxScore;
    if (g.pendingManual) pendingManual = true;
  }
  score = round6(score);
  maxScore = round6(maxScore);
  const correct: Correctness = score >= maxScore && maxScore > 0 ? true : score <= 0 ? false : 'partial';
  return { score, maxScore, correct, pendingManual, questions: graded };
}
