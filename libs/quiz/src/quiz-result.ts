import type { GradingMethod } from '@baanrian/contracts';

/**
 * A learner's result on a quiz from their graded attempts (percents in attempt order), per the
 * quiz's grading method; null when none is graded. Shared by the API (what the learner sees) and
 * the worker (whether the quiz lesson is passed), so both always agree.
 */
export function quizResultPercent(method: GradingMethod, percentsInOrder: readonly number[]): number | null {
  if (percentsInOrder.length === 0) return null;
  switch (method) {
    case 'highest':
      return Math.max(...percentsInOrder);
    case 'last':
      return percentsInOrder[percentsInOrder.length - 1];
    case 'average':
      return Math.round((percentsInOrder.reduce((s, p) => s + p, 0) / percentsInOrder.length) * 100) / 100;
  }
}

/** score / maxScore × 100 with two decimals; an attempt worth nothing counts as 100 %. */
export function gradePercent(score: number, maxScore: number): number {
  if (maxScore <= 0) return 100;
  return Math.round((score / maxScore) * 10_000) / 100;
}
