/**
 * Moodle GIFT importer. Follows Moodle's qformat_gift reading of a file (questions separated by
 * blank lines, `//` comment lines, `$CATEGORY:` lines, `::name::`, `[format]` prefixes, escapes,
 * the question type decided by the answer block's content) so that a Thai or Vietnamese teacher's
 * Moodle bank imports as Moodle would import it. Never throws on bad input: every problem is
 * collected with its line and column, and the good questions are still returned.
 */
import {
  type ChoiceOption,
  type MatchingPair,
  type NumericAnswer,
  type NumericMatch,
  type Question,
  QUESTION_BLANK,
  QUESTION_MEDIA_KINDS,
  type QuestionCommon,
  type QuestionMediaKind,
  type QuizImportIssue,
  type QuizImportResult,
  type RichText,
  type ShortTextAnswer,
  type TextFormat,
} from '@baanrian/contracts';
import {
  GIFT_ESCAPABLE,
  parseTextWithFormat,
  percentToWeight,
  placeholder,
  readAnnotations,
  unescapeGift,
  WEIGHT_PREFIX,
} from './gift.syntax';

export interface GiftParseOptions {
  /** Id of the n-th question (1-based) when the file gives none (`// [id:...]`). */
  newId?: (n: number) => string;
  /** Points of a question without `// [points:...]` (GIFT has no points; Moodle's default mark is 1). */
  defaultPoints?: number;
}

/** A piece of a question block's text with its offset, so problems point at a line and column. */
interface Seg {
  s: string;
  at: number;
}

/** One question's text after Moodle's preprocessing, with each character's source position. */
interface Block {
  text: string;
  lines: number[];
  cols: number[];
  comments: string;
  firstLine: number;
}

const sub = (seg: Seg, start: number, end?: number): Seg => ({ s: seg.s.slice(start, end), at: seg.at + start });

function trimSeg(seg: Seg): Seg {
  const lead = seg.s.length - seg.s.trimStart().length;
  return { s: seg.s.trim(), at: seg.at + lead };
}

/** Splits at `sep`, dropping it (PHP explode). */
function splitSeg(seg: Seg, sep: string, limit = Infinity): Seg[] {
  const out: Seg[] = [];
  let from = 0;
  while (out.length < limit - 1) {
    const i = seg.s.indexOf(sep, from);
    if (i < 0) break;
    out.push(sub(seg, from, i));
    from = i + sep.length;
  }
  out.push(sub(seg, from));
  return out;
}

/** Splits the blank-line-separated blocks; comment lines become a space, as in Moodle. */
function readBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  const raw = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let pending: { text: string; line: number; col: number }[] = [];
  const flush = () => {
    if (pending.length) blocks.push(buildBlock(pending));
    pending = [];
  };
  raw.forEach((line, i) => {
    const text = line.trim();
    if (!text) flush();
    else pending.push({ text, line: i + 1, col: line.length - line.trimStart().length + 1 });
  });
  flush();
  return blocks;
}

function buildBlock(lines: { text: string; line: number; col: number }[]): Block {
  let chars = '';
  const lineOf: number[] = [];
  const colOf: number[] = [];
  let comments = '';
  const push = (c: string, line: number, col: number) => {
    chars += c;
    for (let k = 0; k < c.length; k++) {
      lineOf.push(line);
      colOf.push(col);
    }
  };
  lines.forEach((l, k) => {
    if (k > 0) push('\n', lines[k - 1].line, lines[k - 1].col + lines[k - 1].text.length);
    if (l.text.startsWith('//')) {
      comments += `${l.text}\n`;
      push(' ', l.line, l.col);
      return;
    }
    for (let i = 0; i < l.text.length; i++) {
      const c = l.text[i];
      const next = l.text[i + 1];
      if (c === '\\' && next !== undefined && (GIFT_ESCAPABLE.includes(next) || next === 'n' || next === '\\')) {
        push(next === '\\' ? '\\' : placeholder(next === 'n' ? '\n' : next), l.line, l.col + i);
        i++;
      } else push(c, l.line, l.col + i);
    }
  });
  const start = chars.length - chars.trimStart().length;
  const end = chars.trimEnd().length;
  return {
    text: chars.slice(start, end),
    lines: lineOf.slice(start, end),
    cols: colOf.slice(start, end),
    comments,
    firstLine: lines[0].line,
  };
}

const TRUE_FALSE = ['T', 'TRUE', 'F', 'FALSE'];

class QuestionReader {
  readonly errors: QuizImportIssue[] = [];
  readonly warnings: QuizImportIssue[] = [];
  readonly questions: Question[] = [];
  private category: string | undefined;
  private readonly ids = new Set<string>();

  constructor(private readonly options: GiftParseOptions) {}

  private issue(list: QuizImportIssue[], block: Block, at: number, code: string, message: string) {
    const i = Math.min(Math.max(at, 0), block.text.length - 1);
    list.push({ line: block.lines[i] ?? block.firstLine, column: block.cols[i] ?? 1, code, message });
  }

  read(block: Block): void {
    const text = block.text;
    if (!text) return; // Comments only.
    if (text.startsWith('$CATEGORY:')) {
      const [first, ...rest] = text.slice(10).split('\n');
      this.category = unescapeGift(first).trim() || undefined;
      if (rest.join('').trim()) {
        this.issue(this.warnings, block, text.indexOf('\n') + 1, 'category_not_alone', 'Text after a $CATEGORY line without a blank line between them is ignored');
      }
      return;
    }
    const err = (at: number, code: string, message: string) => this.issue(this.errors, block, at, code, message);
    const warn = (at: number, code: string, message: string) => this.issue(this.warnings, block, at, code, message);

    let body: Seg = { s: text, at: 0 };
    let name: string | undefined;
    if (text.startsWith('::')) {
      const end = text.indexOf('::', 2);
      if (end < 0) {
        warn(0, 'name_unterminated', 'The question name has no closing "::"; the question has no name');
        body = sub(body, 2);
      } else {
        name = unescapeGift(text.slice(2, end)).trim() || undefined;
        body = trimSeg(sub(body, end + 2));
      }
    }

    const open = body.s.indexOf('{');
    const close = body.s.indexOf('}');
    if (open < 0 && close < 0) {
      warn(body.at, 'no_answer_block', 'No answer block {…}: Moodle imports this as a description, which is not a question; skipped');
      return;
    }
    if (open < 0 || close < 0 || close < open) {
      const at = open < 0 ? close : close < 0 ? open : close;
      err(body.at + at, 'brace_mismatch', close < 0 ? 'A "{" without its "}"' : 'A "}" without its "{"');
      return;
    }
    let answers = trimSeg(sub(body, open + 1, close));
    const after = body.s.slice(close + 1);
    const blank = after.length > 0;
    const stemRaw = body.s.slice(0, open) + (blank ? QUESTION_BLANK : '') + after;

    let generalRaw = '';
    const gf = answers.s.lastIndexOf('####');
    if (gf >= 0) {
      generalRaw = answers.s.slice(gf + 4);
      answers = trimSeg(sub(answers, 0, gf));
    }

    const stem = parseTextWithFormat(stemRaw, 'moodle');
    if (!stem.text || stem.text === QUESTION_BLANK) {
      err(body.at, 'stem_empty', 'The question has no text');
      return;
    }
    const fmt = stem.format;
    const general = parseTextWithFormat(generalRaw.trim(), fmt);

    const annotations = readAnnotations(block.comments);
    const n = this.questions.length + 1;
    let id = annotations.get('id')?.[0];
    if (id && this.ids.has(id)) {
      warn(0, 'duplicate_id', `The id "${id}" is used twice in this file; a new id is given`);
      id = undefined;
    }
    id ??= (this.options.newId ?? ((k: number) => `q${k}`))(n);
    this.ids.add(id);

    const common: QuestionCommon = {
      id,
      stem,
      points: this.options.defaultPoints ?? 1,
      tags: annotations.get('tag') ?? [],
    };
    if (name) common.name = name;
    if (blank) common.blank = true;
    if (general.text) common.generalFeedback = general;
    if (this.category) common.category = this.category;
    const points = annotations.get('points')?.[0];
    if (points !== undefined) {
      const p = Number(points);
      if (Number.isFinite(p) && p >= 0) common.points = p;
      else warn(0, 'points_invalid', `[points:${points}] is not a number of points; ${common.points} is used`);
    }
    const media = annotations.get('media')?.[0];
    if (media) {
      const [kind, ...mediaId] = media.split(':');
      if ((QUESTION_MEDIA_KINDS as readonly string[]).includes(kind) && mediaId.join(':')) {
        common.media = { kind: kind as QuestionMediaKind, mediaId: mediaId.join(':') };
        const alt = annotations.get('alt')?.[0];
        if (alt) common.media.alt = alt;
      } else warn(0, 'media_invalid', `[media:${media}] should be [media:image:ID] or [media:audio:ID]`);
    }

    const childId = (k: number) => `${id}-${k + 1}`;
    const question = this.readAnswers(answers, common, fmt, childId, err, warn);
    if (question) this.questions.push(question);
  }

  private readAnswers(
    answers: Seg,
    common: QuestionCommon,
    fmt: TextFormat,
    childId: (k: number) => string,
    err: (at: number, code: string, message: string) => void,
    warn: (at: number, code: string, message: string) => void,
  ): Question | undefined {
    const a = answers.s;
    if (a === '') return { ...common, type: 'essay' };

    if (a.startsWith('#')) return this.readNumeric(sub(answers, 1), common, fmt, childId, err, warn);

    if (a.includes('~')) {
      // Moodle: "=" marks a full-credit answer and makes the question single-answer.
      const single = a.includes('=');
      const parts = splitChoices(answers);
      if (parts.length < 2) {
        err(answers.at, 'too_few_answers', 'A multiple choice question needs at least 2 answers');
        return undefined;
      }
      const options: ChoiceOption[] = parts.map((p, k) => {
        let seg = p;
        let weight = 0;
        if (seg.s.startsWith('=')) {
          weight = 1;
          seg = sub(seg, 1);
        } else {
          const w = readWeight(seg, warn);
          weight = w.weight;
          seg = w.rest;
        }
        const { text, feedback } = readComment(seg.s, fmt);
        const option: ChoiceOption = { id: childId(k), text, weight };
        if (feedback) option.feedback = feedback;
        return option;
      });
      if (single && !options.some((o) => o.weight === 1)) {
        warn(answers.at, 'fractions_no_max', 'No answer is worth 100%');
      }
      if (!single) {
        const positive = options.reduce((s, o) => s + Math.max(0, o.weight), 0);
        if (Math.abs(positive - 1) > 0.005) {
          warn(answers.at, 'fractions_add_wrong', `The positive weights add up to ${Math.round(positive * 100)}%, not 100%`);
        }
      }
      return { ...common, type: single ? 'single_choice' : 'multiple_choice', options };
    }

    if (a.includes('=') && a.includes('->')) {
      const parts = dropEmptyFirst(splitSeg(answers, '='));
      if (parts.length < 2) {
        err(answers.at, 'too_few_answers', 'A matching question needs at least 2 pairs');
        return undefined;
      }
      const pairs: MatchingPair[] = [];
      const distractors: string[] = [];
      for (const p of parts) {
        const arrow = p.s.indexOf('->');
        if (arrow < 0) {
          err(p.at, 'matching_format', 'A matching answer needs "->" between the question and its answer');
          return undefined;
        }
        const prompt = parseTextWithFormat(p.s.slice(0, arrow), fmt);
        const answer = unescapeGift(p.s.slice(arrow + 2)).trim();
        if (!prompt.text) distractors.push(answer);
        else pairs.push({ id: childId(pairs.length), prompt, answer });
      }
      if (pairs.length < 2) warn(answers.at, 'too_few_pairs', 'A matching question should have at least 2 pairs');
      return { ...common, type: 'matching', pairs, distractors };
    }

    const hash = a.indexOf('#');
    const tfCheck = hash > 0 ? a.slice(0, hash).trim() : a;
    if (TRUE_FALSE.includes(tfCheck)) {
      const bits = a.split('#');
      const wrong = optional(parseTextWithFormat((bits[1] ?? '').trim(), fmt));
      // Moodle's explode(…, 3): the third part keeps any further "#".
      const right = optional(parseTextWithFormat(bits.slice(2).join('#').trim(), fmt));
      const correct = tfCheck.startsWith('T');
      const q: Question = { ...common, type: 'true_false', correct };
      const onTrue = correct ? right : wrong;
      const onFalse = correct ? wrong : right;
      if (onTrue) q.feedbackTrue = onTrue;
      if (onFalse) q.feedbackFalse = onFalse;
      return q;
    }
    if (/^(t|f|true|false)$/i.test(tfCheck)) {
      warn(answers.at, 'true_false_case', `"${tfCheck}" is read as a short answer, as Moodle does; write T, TRUE, F or FALSE for true/false`);
    }

    const parts = dropEmptyFirst(splitSeg(answers, '='));
    if (parts.length < 1) {
      err(answers.at, 'too_few_answers', 'A short answer question needs at least 1 answer');
      return undefined;
    }
    const list: ShortTextAnswer[] = parts.map((p, k) => {
      const w = WEIGHT_PREFIX.test(p.s) ? readWeight(p, warn) : { weight: 1, rest: p };
      const { text, feedback } = readComment(w.rest.s, fmt);
      const answer: ShortTextAnswer = { id: childId(k), text: text.text, weight: w.weight };
      if (feedback) answer.feedback = feedback;
      return answer;
    });
    return { ...common, type: 'short_text', answers: list };
  }

  private readNumeric(
    body: Seg,
    common: QuestionCommon,
    fmt: TextFormat,
    childId: (k: number) => string,
    err: (at: number, code: string, message: string) => void,
    warn: (at: number, code: string, message: string) => void,
  ): Question | undefined {
    // Feedback for any other answer: "~#…" after the answers.
    const tilde = body.s.indexOf('~');
    const wrongRaw = tilde >= 0 ? body.s.slice(tilde) : '';
    const answersSeg = tilde >= 0 ? sub(body, 0, tilde) : body;
    const parts = dropEmptyFirst(splitSeg(answersSeg, '='));
    if (parts.length === 0) {
      err(body.at, 'numeric_no_answers', 'A numerical question needs at least 1 answer');
      return undefined;
    }
    const answers: NumericAnswer[] = [];
    for (const p of parts) {
      const w = WEIGHT_PREFIX.test(p.s) ? readWeight(p, warn) : { weight: 1, rest: p };
      const { text, feedback } = readComment(w.rest.s, fmt);
      const match = readNumericMatch(text.text);
      if (typeof match === 'string') {
        err(w.rest.at + (w.rest.s.length - w.rest.s.trimStart().length), 'numeric_not_number', match);
        return undefined;
      }
      if (match.kind === 'range' && match.min > match.max) {
        warn(p.at, 'numeric_range_reversed', `The range ${match.min}..${match.max} is reversed; read as ${match.max}..${match.min}`);
        [match.min, match.max] = [match.max, match.min];
      }
      const answer: NumericAnswer = { id: childId(answers.length), match, weight: w.weight };
      if (feedback) answer.feedback = feedback;
      answers.push(answer);
    }
    if (wrongRaw) {
      const { feedback } = readComment(wrongRaw.slice(1), fmt);
      const answer: NumericAnswer = { id: childId(answers.length), match: { kind: 'any' }, weight: 0 };
      if (feedback) answer.feedback = feedback;
      answers.push(answer);
    }
    return { ...common, type: 'numeric', answers };
  }
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** `value`, `value:tolerance`, `min..max` or `*`; a message when it is none of them. */
function readNumericMatch(text: string): NumericMatch | string {
  if (text === '*') return { kind: 'any' };
  const range = text.indexOf('..');
  if (range > 0) {
    const min = text.slice(0, range).trim();
    const max = text.slice(range + 2).trim();
    if (!NUMBER.test(min) || !NUMBER.test(max)) return `"${text}" is not a range of numbers (min..max)`;
    return { kind: 'range', min: Number(min), max: Number(max) };
  }
  const colon = text.indexOf(':');
  const value = (colon > 0 ? text.slice(0, colon) : text).trim();
  const tolerance = colon > 0 ? text.slice(colon + 1).trim() : '0';
  if (!NUMBER.test(value) || !NUMBER.test(tolerance)) return `"${text}" is not a number (value or value:tolerance)`;
  return { kind: 'value', value: Number(value), tolerance: Math.abs(Number(tolerance)) };
}

/** Moodle: replace "=" with "~=", split at "~", drop an empty first part, trim. */
function splitChoices(answers: Seg): Seg[] {
  const parts: Seg[] = [];
  let start = 0;
  for (let i = 0; i <= answers.s.length; i++) {
    const c = answers.s[i];
    if (i === answers.s.length || c === '~' || c === '=') {
      parts.push(sub(answers, start, i));
      start = c === '~' ? i + 1 : i;
    }
  }
  return dropEmptyFirst(parts);
}

function dropEmptyFirst(parts: Seg[]): Seg[] {
  const trimmed = parts.map(trimSeg);
  return trimmed.length && trimmed[0].s === '' ? trimmed.slice(1) : trimmed;
}

function readWeight(seg: Seg, warn: (at: number, code: string, message: string) => void): { weight: number; rest: Seg } {
  const m = WEIGHT_PREFIX.exec(seg.s);
  if (!m) return { weight: 0, rest: seg };
  let weight = percentToWeight(Number(m[1]));
  if (weight > 1 || weight < -1) {
    warn(seg.at, 'weight_out_of_range', `${m[1]}% is outside -100%..100%; clamped`);
    weight = Math.max(-1, Math.min(1, weight));
  }
  return { weight, rest: sub(seg, m[0].length) };
}

const optional = (rich: RichText): RichText | undefined => (rich.text ? rich : undefined);

/** Moodle's commentparser: answer text, then "#" and its feedback. */
function readComment(raw: string, fmt: TextFormat): { text: RichText; feedback?: RichText } {
  const hash = raw.indexOf('#');
  const text = parseTextWithFormat((hash < 0 ? raw : raw.slice(0, hash)).trim(), fmt);
  const feedback = hash < 0 ? undefined : optional(parseTextWithFormat(raw.slice(hash + 1).trim(), fmt));
  return feedback ? { text, feedback } : { text };
}

/** Imports a GIFT file. Never throws; problems come back with line and column. */
export function parseGift(source: string, options: GiftParseOptions = {}): QuizImportResult {
  const reader = new QuestionReader(options);
  for (const block of readBlocks(source)) {
    try {
      reader.read(block);
    } catch (e) {
      // A bug of ours must not cost the teacher the rest of the file.
      reader.errors.push({ line: block.firstLine, column: 1, code: 'internal', message: `Could not read this question: ${String(e)}` });
    }
  }
  return { questions: reader.questions, errors: reader.errors, warnings: reader.warnings };
}
