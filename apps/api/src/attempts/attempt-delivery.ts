import { createHash } from 'node:crypto';
import type { DeliveredQuestion, LearnerQuestionView, Question } from '@baanrian/contracts';
import { toLearnerView } from '@baanrian/contracts';

/**
 * What an attempt delivers, decided once at its start and stored in `quiz_attempt.questions`:
 * which questions (fixed ones, then random draws), in which order, with which option order. The
 * randomness is seeded by the attempt id, so the same attempt always draws and shuffles alike
 * (tests, support) while two attempts differ.
 */

/** A small PRNG (mulberry32) seeded from the SHA-256 of a string: fast, deterministic, not secret. */
export function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Fisher–Yates with the given random source; returns a new array. */
export function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface DeliveryPlan {
  /** Fixed question ids, in the quiz's order. */
  fixedIds: readonly string[];
  /** Per draw, the candidate ids (sorted, so the seed alone decides) and how many to take. */
  draws: readonly { candidateIds: readonly string[]; count: number }[];
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
}

/** Which questions, in which order. A question is never delivered twice, even when draws overlap. */
export function chooseQuestions(plan: DeliveryPlan, random: () => number): string[] {
  const chosen = [...new Set(plan.fixedIds)];
  const taken = new Set(chosen);
  for (const draw of plan.draws) {
    const pool = shuffled(draw.candidateIds.filter((id) => !taken.has(id)), random).slice(0, draw.count);
    for (const id of pool) taken.add(id);
    chosen.push(...pool);
  }
  return plan.shuffleQuestions ? shuffled(chosen, random) : chosen;
}

/** The ids whose order a learner sees: options, ordering items, matching prompts. */
function orderableIds(question: Question): string[] {
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
      return question.options.map((o) => o.id);
    case 'ordering':
      return question.items.map((i) => i.id);
    case 'matching':
      return question.pairs.map((p) => p.id);
    default:
      return [];
  }
}

/**
 * The option order for one question. Ordering items are always shuffled (their stored order is
 * the answer); options and matching prompts only when the quiz shuffles options.
 */
export function deliver(questionId: string, question: Question, shuffleOptions: boolean, random: () => number): DeliveredQuestion {
  const ids = orderableIds(question);
  if (question.type === 'ordering') {
    let order = shuffled(ids, random);
    // A shuffle that happens to be the answer would give it away; rotate it once.
    if (order.length > 1 && order.every((id, i) => id === ids[i])) order = [...order.slice(1), order[0]];
    return { questionId, optionOrder: order };
  }
  if (shuffleOptions && ids.length > 1) return { questionId, optionOrder: shuffled(ids, random) };
  return { questionId };
}

/** The learner-safe view of a delivered question, options in the delivered order, id = the bank row id. */
export function learnerView(delivered: DeliveredQuestion, question: Question): LearnerQuestionView {
  const ids = orderableIds(question);
  const order = delivered.optionOrder?.filter((id) => ids.includes(id));
  const permute = order && order.length === ids.length ? () => order.map((id) => ids.indexOf(id)) : undefined;
  return { ...toLearnerView(question, permute), id: delivered.questionId };
}
