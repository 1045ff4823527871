/**
 * Quiz vocabulary (issue 8), shared by the API, the worker and the portal: the question model an
 * instructor authors, the learner-safe view a learner receives, the responses a learner sends and
 * the grade the worker writes. Types and small pure helpers only; grading, normalisation and
 * GIFT/Aiken live in `@baanrian/quiz` (server side).
 */

/** Stored in the database: values never change once released. */
export const QUESTION_TYPES = [
  'single_choice',
  'multiple_choice',
  'true_false',
  'short_text',
  'numeric',
  'ordering',
  'matching',
  'essay',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** How a text is rendered. `moodle` is Moodle's "auto-format" (plain text with line breaks kept). */
export const TEXT_FORMATS = ['plain', 'markdown', 'html', 'moodle'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

export interface RichText {
  text: string;
  format: TextFormat;
}

/** Pictures and audio for learners with little reading practice; files live in the media storage. */
export const QUESTION_MEDIA_KINDS = ['image', 'audio'] as const;
export type QuestionMediaKind = (typeof QUESTION_MEDIA_KINDS)[number];

export interface QuestionMedia {
  kind: QuestionMediaKind;
  mediaId: string;
  /** Text alternative (an image's alt text, an audio's transcript). */
  alt?: string;
}

/** The placeholder of a missing-word question: the answer block sits at the first one in the stem. */
export const QUESTION_BLANK = '_____';

export interface QuestionCommon {
  id: string;
  /** Author-facing name (GIFT `::name::`); never shown to learners. */
  name?: string;
  stem: RichText;
  /** A missing-word question: the stem contains {@link QUESTION_BLANK} where the answer goes. */
  blank?: boolean;
  media?: QuestionMedia;
  /** Maximum score; a response earns `fraction × points`. */
  points: number;
  generalFeedback?: RichText;
  tags: string[];
  /** Category path in the course's bank, e.g. `Grammar/Tones`. */
  category?: string;
}

/**
 * An option of a choice question. `weight` is the fraction of the points it earns, from -1 to 1:
 * 1 is fully correct, 0.5 half credit, a negative weight a penalty (multiple choice).
 */
export interface ChoiceOption {
  id: string;
  text: RichText;
  weight: number;
  feedback?: RichText;
}

/** One option may be chosen; an option with weight 1 is the right one, others may earn part credit. */
export interface SingleChoiceQuestion extends QuestionCommon {
  type: 'single_choice';
  options: ChoiceOption[];
}

/** Any options may be chosen; the weights of the chosen ones add up, clamped to 0..1. */
export interface MultipleChoiceQuestion extends QuestionCommon {
  type: 'multiple_choice';
  options: ChoiceOption[];
}

export interface TrueFalseQuestion extends QuestionCommon {
  type: 'true_false';
  correct: boolean;
  /** Shown when the learner answers "true". */
  feedbackTrue?: RichText;
  /** Shown when the learner answers "false". */
  feedbackFalse?: RichText;
}

/**
 * An accepted answer of a short-text question. `*` in `text` matches any characters (`\*` is a
 * literal star). Compared after normalisation (case, spacing, Unicode, Thai and Vietnamese).
 */
export interface ShortTextAnswer {
  id: string;
  text: string;
  weight: number;
  feedback?: RichText;
}

export interface ShortTextQuestion extends QuestionCommon {
  type: 'short_text';
  answers: ShortTextAnswer[];
}

/** A numeric answer: a value with a tolerance, an inclusive range, or anything (`*`, for feedback). */
export type NumericMatch =
  | { kind: 'value'; value: number; tolerance: number }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'any' };

export interface NumericAnswer {
  id: string;
  match: NumericMatch;
  weight: number;
  feedback?: RichText;
}

export interface NumericQuestion extends QuestionCommon {
  type: 'numeric';
  answers: NumericAnswer[];
}

export interface OrderingItem {
  id: string;
  text: RichText;
}

/** `items` are in the correct order. Item ids must be opaque (they are sent to learners). */
export interface OrderingQuestion extends QuestionCommon {
  type: 'ordering';
  items: OrderingItem[];
}

export interface MatchingPair {
  id: string;
  prompt: RichText;
  answer: string;
}

/** Each prompt has one right answer; `distractors` are extra answers that match no prompt. */
export interface MatchingQuestion extends QuestionCommon {
  type: 'matching';
  pairs: MatchingPair[];
  distractors: string[];
}

/** Free text, graded by hand later; kept so that GIFT `{}` questions survive a round trip. */
export interface EssayQuestion extends QuestionCommon {
  type: 'essay';
}

export type Question =
  | SingleChoiceQuestion
  | MultipleChoiceQuestion
  | TrueFalseQuestion
  | ShortTextQuestion
  | NumericQuestion
  | OrderingQuestion
  | MatchingQuestion
  | EssayQuestion;

export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

// ---------------------------------------------------------------------------------------------
// What a learner sees before the result policy allows more: no correctness, weights or feedback.
// ---------------------------------------------------------------------------------------------

export interface LearnerQuestionCommon {
  id: string;
  stem: RichText;
  blank?: boolean;
  media?: QuestionMedia;
  points: number;
}

export interface LearnerChoiceOption {
  id: string;
  text: RichText;
}

export type LearnerQuestionView =
  | (LearnerQuestionCommon & { type: 'single_choice' | 'multiple_choice'; options: LearnerChoiceOption[] })
  | (LearnerQuestionCommon & { type: 'true_false' | 'short_text' | 'numeric' | 'essay' })
  | (LearnerQuestionCommon & { type: 'ordering'; items: OrderingItem[] })
  | (LearnerQuestionCommon & {
      type: 'matching';
      prompts: { id: string; text: RichText }[];
      /** Answers and distractors, deduplicated, in an order that says nothing about the pairs. */
      choices: string[];
    });

/** Every key a learner view may contain; a test walks real payloads against it. */
export const LEARNER_VIEW_KEYS: readonly string[] = [
  'id',
  'type',
  'stem',
  'text',
  'format',
  'blank',
  'media',
  'kind',
  'mediaId',
  'alt',
  'points',
  'options',
  'items',
  'prompts',
  'choices',
];

/** A shuffle for learner views: returns a permutation of 0..n-1 (seeded per attempt by the caller). */
export type Permute = (n: number) => number[];

function permuted<T>(list: readonly T[], permute: Permute | undefined, fallback: (a: T, b: T) => number): T[] {
  if (!permute) return [...list].sort(fallback);
  return permute(list.length).map((i) => list[i]);
}

const byText = (a: { text: RichText }, b: { text: RichText }) =>
  a.text.text < b.text.text ? -1 : a.text.text > b.text.text ? 1 : 0;

/**
 * The learner-safe view of a question: only the keys in {@link LEARNER_VIEW_KEYS}. Options keep the
 * author's order unless `permute` is given; ordering items follow `permute`, else their text's sort
 * order (never the stored, correct order); matching choices are sorted, so the order of neither
 * reveals the key.
 */
export function toLearnerView(question: Question, permute?: Permute): LearnerQuestionView {
  const common: LearnerQuestionCommon = {
    id: question.id,
    stem: { text: question.stem.text, format: question.stem.format },
    points: question.points,
  };
  if (question.blank) common.blank = true;
  if (question.media) common.media = { ...question.media };
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice': {
      const options = question.options.map((o) => ({ id: o.id, text: { ...o.text } }));
      return { ...common, type: question.type, options: permute ? permute(options.length).map((i) => options[i]) : options };
    }
    case 'ordering':
      return {
        ...common,
        type: 'ordering',
        items: permuted(question.items, permute, byText).map((i) => ({ id: i.id, text: { ...i.text } })),
      };
    case 'matching': {
      const choices = [...new Set([...question.pairs.map((p) => p.answer), ...question.distractors])].sort();
      const prompts = question.pairs.map((p) => ({ id: p.id, text: { ...p.prompt } }));
      return {
        ...common,
        type: 'matching',
        prompts: permute ? permute(prompts.length).map((i) => prompts[i]) : prompts,
        choices,
      };
    }
    default:
      return { ...common, type: question.type };
  }
}

// ---------------------------------------------------------------------------------------------
// Responses (what the learner sends, autosaved) and grades (what the worker writes).
// ---------------------------------------------------------------------------------------------

export interface ResponseByType {
  single_choice: { optionId: string | null };
  multiple_choice: { optionIds: string[] };
  true_false: { value: boolean | null };
  short_text: { text: string };
  /** As typed: Thai digits, a decimal comma and spaces are read by the grader. */
  numeric: { text: string };
  /** Item ids, first to last. */
  ordering: { itemIds: string[] };
  /** Prompt id → chosen choice (one of the view's `choices`), or null. */
  matching: { matches: Record<string, string | null> };
  essay: { text: string };
}

export type QuestionResponse = { [T in QuestionType]: { type: T } & ResponseByType[T] }[QuestionType];
export type ResponseOf<T extends QuestionType> = Extract<QuestionResponse, { type: T }>;

/** Longest accepted typed answer: short text and numbers, and essays. */
export const MAX_SHORT_RESPONSE_LENGTH = 500;
export const MAX_ESSAY_RESPONSE_LENGTH = 20_000;

/**
 * Why a response cannot belong to a question (the API answers 422 with these codes); empty when
 * it can. Says nothing about correctness, so it is safe to run on autosave.
 */
export function responseProblems(question: Question, response: QuestionResponse): string[] {
  if (response.type !== question.type) return ['type_mismatch'];
  const problems: string[] = [];
  const unknown = (ids: readonly string[], known: readonly string[]) => ids.some((id) => !known.includes(id));
  const duplicated = (ids: readonly string[]) => new Set(ids).size !== ids.length;
  switch (response.type) {
    case 'single_choice':
      if (question.type === 'single_choice' && response.optionId !== null && unknown([response.optionId], question.options.map((o) => o.id))) {
        problems.push('unknown_option');
      }
      break;
    case 'multiple_choice':
      if (question.type === 'multiple_choice') {
        if (unknown(response.optionIds, question.options.map((o) => o.id))) problems.push('unknown_option');
        if (duplicated(response.optionIds)) problems.push('duplicate_option');
      }
      break;
    case 'short_text':
    case 'numeric':
      if (response.text.length > MAX_SHORT_RESPONSE_LENGTH) problems.push('text_too_long');
      break;
    case 'essay':
      if (response.text.length > MAX_ESSAY_RESPONSE_LENGTH) problems.push('text_too_long');
      break;
    case 'ordering':
      if (question.type === 'ordering') {
        if (unknown(response.itemIds, question.items.map((i) => i.id))) problems.push('unknown_item');
        if (duplicated(response.itemIds)) problems.push('duplicate_item');
        if (response.itemIds.length > question.items.length) problems.push('too_many_items');
      }
      break;
    case 'matching':
      if (question.type === 'matching') {
        const prompts = question.pairs.map((p) => p.id);
        const choices = [...question.pairs.map((p) => p.answer), ...question.distractors];
        if (unknown(Object.keys(response.matches), prompts)) problems.push('unknown_prompt');
        const chosen = Object.values(response.matches).filter((c): c is string => c !== null);
        if (unknown(chosen, choices)) problems.push('unknown_choice');
      }
      break;
  }
  return problems;
}

/** true: full credit; false: nothing; 'partial': some. */
export type Correctness = boolean | 'partial';

export interface QuestionGrade {
  questionId: string;
  type: QuestionType;
  /** fraction × points, rounded to 6 decimals. */
  score: number;
  maxScore: number;
  /** 0..1. */
  fraction: number;
  correct: Correctness;
  /** Essays: waiting for an instructor; counted as 0 until then. */
  pendingManual?: boolean;
  /** The option/answer ids that decided the score, for feedback at review time. */
  matchedIds?: string[];
  /** Unanswered (no response, or an empty one). */
  unanswered?: boolean;
}

export interface AttemptGrade {
  score: number;
  maxScore: number;
  correct: Correctness;
  pendingManual: boolean;
  questions: QuestionGrade[];
}

// ---------------------------------------------------------------------------------------------
// Import reports.
// ---------------------------------------------------------------------------------------------

/** A problem found while importing a question file; line and column are 1-based. */
export interface QuizImportIssue {
  line: number;
  column: number;
  code: string;
  message: string;
}

export interface QuizImportResult {
  questions: Question[];
  errors: QuizImportIssue[];
  /** Imported anyway (Moodle imports these too), but worth the instructor's look. */
  warnings: QuizImportIssue[];
}

/** Problems that make a question unusable; empty when it is fine. Codes are stable. */
export function validateQuestion(question: Question): string[] {
  const problems: string[] = [];
  if (!question.id) problems.push('id_missing');
  if (!question.stem.text.trim()) problems.push('stem_empty');
  if (!(question.points >= 0) || !Number.isFinite(question.points)) problems.push('points_invalid');
  if (question.blank && !question.stem.text.includes(QUESTION_BLANK)) problems.push('blank_missing');
  const weightsOk = (ws: number[]) => ws.every((w) => Number.isFinite(w) && w >= -1 && w <= 1);
  switch (question.type) {
    case 'single_choice':
      if (question.options.length < 2) problems.push('too_few_options');
      if (!weightsOk(question.options.map((o) => o.weight))) problems.push('weight_out_of_range');
      if (!question.options.some((o) => o.weight === 1)) problems.push('no_full_credit_option');
      break;
    case 'multiple_choice': {
      if (question.options.length < 2) problems.push('too_few_options');
      if (!weightsOk(question.options.map((o) => o.weight))) problems.push('weight_out_of_range');
      const positive = question.options.reduce((s, o) => s + Math.max(0, o.weight), 0);
      if (Math.abs(positive - 1) > 0.01) problems.push('positive_weights_not_100');
      break;
    }
    case 'short_text':
    case 'numeric':
      if (question.answers.length === 0) problems.push('no_answers');
      if (!weightsOk(question.answers.map((a) => a.weight))) problems.push('weight_out_of_range');
      if (!question.answers.some((a) => a.weight === 1)) problems.push('no_full_credit_answer');
      break;
    case 'ordering':
      if (question.items.length < 2) problems.push('too_few_items');
      break;
    case 'matching':
      if (question.pairs.length < 2) problems.push('too_few_pairs');
      break;
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Quiz settings and attempts (stored values: never change once released).
// ---------------------------------------------------------------------------------------------

/** Which attempt's score counts when a learner has several. */
export const GRADING_METHODS = ['highest', 'last', 'average'] as const;
export type GradingMethod = (typeof GRADING_METHODS)[number];

/** When a learner sees their score, correct answers and feedback. */
export const RESULTS_POLICIES = ['immediately', 'after_due', 'never'] as const;
export type ResultsPolicy = (typeof RESULTS_POLICIES)[number];

/** `submitted` waits for the grading worker; `graded` has exactly one grade row. */
export const ATTEMPT_STATUSES = ['in_progress', 'submitted', 'graded'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** Why an attempt stopped taking answers: the learner submitted, or its time ran out. */
export const ATTEMPT_CLOSE_REASONS = ['submitted', 'time_expired'] as const;
export type AttemptCloseReason = (typeof ATTEMPT_CLOSE_REASONS)[number];

export const REGRADE_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type RegradeStatus = (typeof REGRADE_STATUSES)[number];

/** A random draw: `count` questions from a bank category (and its sub-categories). */
export interface QuizDraw {
  categoryId: string;
  count: number;
}

/** One question as delivered in an attempt: fixed at start, so reshuffles and edits never move it. */
export interface DeliveredQuestion {
  questionId: string;
  /** The option ids in the order this learner sees them (shuffled when the quiz says so). */
  optionOrder?: string[];
}
