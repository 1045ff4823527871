import {
  type ChoiceOption,
  type MatchingPair,
  type NumericAnswer,
  type NumericMatch,
  type OrderingItem,
  type Question,
  type QuestionMedia,
  type RichText,
  type ShortTextAnswer,
  validateQuestion,
} from '@baanrian/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { cleanMarkdown, sanitizeHtmlFragment } from '../courses/markdown.renderer';
import { ValidationException } from '../problem/domain.exception';
import { flatten } from '../problem/validation.pipe';
import { NumericAnswerDto, type QuestionDefinitionDto, ShortTextAnswerDto } from './question.dto';
import { QuizzesException } from './quizzes.exception';

/** Stored text: HTML through the allow-list, everything else as clean Markdown (no raw HTML at all). */
export function cleanRich(rich: RichText): RichText {
  return { text: rich.format === 'html' ? sanitizeHtmlFragment(rich.text) : cleanMarkdown(rich.text), format: rich.format };
}

const cleanOptionalRich = (rich: RichText | undefined): RichText | undefined => {
  if (!rich) return undefined;
  const cleaned = cleanRich(rich);
  return cleaned.text ? cleaned : undefined;
};

/** Keeps only the defined members, so stored JSON has no `undefined` holes and compares equal. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// Ids the editor gives are kept (an edit must not reshuffle responses); new parts get UUIDs,
// which learners may see, so they reveal nothing about the order.
const idOf = (id: string | undefined) => id ?? randomUUID();

function checkAnswers(dto: QuestionDefinitionDto): void {
  if (!dto.answers || (dto.type !== 'short_text' && dto.type !== 'numeric')) return;
  const cls: new () => object = dto.type === 'short_text' ? ShortTextAnswerDto : NumericAnswerDto;
  const violations = dto.answers.flatMap((answer, i) => {
    const instance = plainToInstance(cls, answer as object);
    return flatten(validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }), `definition.answers.${i}`);
  });
  if (violations.length) throw new ValidationException(violations);
}

function numericMatch(match: NumericAnswerDto['match']): NumericMatch | null {
  if (match.kind === 'any') return { kind: 'any' };
  if (match.kind === 'range') return match.min === undefined || match.max === undefined ? null : { kind: 'range', min: match.min, max: match.max };
  return match.value === undefined ? null : { kind: 'value', value: match.value, tolerance: match.tolerance ?? 0 };
}

/**
 * The stored `Question` for an editor's (or importer's) definition: texts cleaned, ids given,
 * only the fields of its type kept. Unusable questions are 422 QUIZ_QUESTION_INVALID with the
 * reasons of `validateQuestion` plus the bank's own (`numeric_match_incomplete`, `image_alt_missing`,
 * `missing_field:<name>`).
 */
export function toQuestion(dto: QuestionDefinitionDto, id: string, category: string | undefined): Question {
  checkAnswers(dto);
  const reasons: string[] = [];
  const media: QuestionMedia | undefined = dto.media ? compact({ kind: dto.media.kind, mediaId: dto.media.mediaId, alt: dto.media.alt ? cleanMarkdown(dto.media.alt) || undefined : undefined }) : undefined;
  if (media?.kind === 'image' && !media.alt) reasons.push('image_alt_missing');
  const common = compact({
    id,
    name: dto.name ? cleanMarkdown(dto.name) || undefined : undefined,
    stem: cleanRich(dto.stem),
    blank: dto.blank ? true : undefined,
    media,
    points: dto.points,
    generalFeedback: cleanOptionalRich(dto.generalFeedback),
    tags: [...new Set(dto.tags.map((t) => cleanMarkdown(t)).filter(Boolean))],
    category,
  });
  const need = <T>(value: T | undefined, field: string): T => {
    if (value === undefined) reasons.push(`missing_field:${field}`);
    return (value ?? []) as T;
  };
  let question: Question;
  switch (dto.type) {
    case 'single_choice':
    case 'multiple_choice': {
      const options: ChoiceOption[] = need(dto.options, 'options').map((o) => compact({ id: idOf(o.id), text: cleanRich(o.text), weight: o.weight, feedback: cleanOptionalRich(o.feedback) }));
      question = { ...common, type: dto.type, options };
      break;
    }
    case 'true_false':
      if (dto.correct === undefined) reasons.push('missing_field:correct');
      question = compact({ ...common, type: 'true_false' as const, correct: dto.correct ?? false, feedbackTrue: cleanOptionalRich(dto.feedbackTrue), feedbackFalse: cleanOptionalRich(dto.feedbackFalse) });
      break;
    case 'short_text': {
      const answers: ShortTextAnswer[] = need(dto.answers as ShortTextAnswerDto[] | undefined, 'answers').map((a) =>
        compact({ id: idOf(a.id), text: cleanMarkdown(a.text), weight: a.weight, feedback: cleanOptionalRich(a.feedback) }),
      );
      question = { ...common, type: 'short_text', answers };
      break;
    }
    case 'numeric': {
      const answers: NumericAnswer[] = need(dto.answers as NumericAnswerDto[] | undefined, 'answers').map((a) => {
        const match = numericMatch(a.match);
        if (!match) reasons.push('numeric_match_incomplete');
        return compact({ id: idOf(a.id), match: match ?? { kind: 'any' }, weight: a.weight, feedback: cleanOptionalRich(a.feedback) });
      });
      question = { ...common, type: 'numeric', answers };
      break;
    }
    case 'ordering': {
      const items: OrderingItem[] = need(dto.items, 'items').map((i) => ({ id: idOf(i.id), text: cleanRich(i.text) }));
      question = { ...common, type: 'ordering', items };
      break;
    }
    case 'matching': {
      const pairs: MatchingPair[] = need(dto.pairs, 'pairs').map((p) => ({ id: idOf(p.id), prompt: cleanRich(p.prompt), answer: cleanMarkdown(p.answer) }));
      question = { ...common, type: 'matching', pairs, distractors: (dto.distractors ?? []).map((d) => cleanMarkdown(d)).filter(Boolean) };
      break;
    }
    default:
      question = { ...common, type: 'essay' };
  }
  const ids = partIds(question);
  if (new Set(ids).size !== ids.length) reasons.push('duplicate_part_id');
  const all = [...new Set([...reasons, ...validateQuestion(question)])];
  if (all.length) throw new QuizzesException('QUIZ_QUESTION_INVALID', { reasons: all });
  return question;
}

function partIds(q: Question): string[] {
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice':
      return q.options.map((o) => o.id);
    case 'short_text':
    case 'numeric':
      return q.answers.map((a) => a.id);
    case 'ordering':
      return q.items.map((i) => i.id);
    case 'matching':
      return q.pairs.map((p) => p.id);
    default:
      return [];
  }
}

/**
 * What grading depends on: points, and per type the weights, accepted answers, numeric values,
 * the correct order or pairs. Two definitions with the same key grade every response alike, so
 * a change here (and only here) bumps `key_revision` and starts regrades; stems, feedback,
 * option texts and their display order do not.
 */
export function answerKey(q: Question): string {
  const byId = <T extends { id: string }>(list: T[], pick: (t: T) => unknown) => list.map((t) => [t.id, pick(t)]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  let key: unknown;
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice':
      key = byId(q.options, (o) => o.weight);
      break;
    case 'true_false':
      key = q.correct;
      break;
    case 'short_text':
      key = byId(q.answers, (a) => [a.text, a.weight]);
      break;
    case 'numeric':
      key = byId(q.answers, (a) => [a.match, a.weight]);
      break;
    case 'ordering':
      key = q.items.map((i) => i.id);
      break;
    case 'matching':
      key = byId(q.pairs, (p) => p.answer);
      break;
    default:
      key = null;
  }
  return JSON.stringify([q.type, q.points, key]);
}
