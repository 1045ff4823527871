import type { Question, QuestionResponse } from '@baanrian/contracts';
import { gradeAttempt, gradeQuestion } from './grade';

const stem = (text: string) => ({ text, format: 'plain' as const });
const base = { stem: stem('?'), points: 2, tags: [] as string[] };

const single: Question = {
  ...base,
  id: 'single',
  type: 'single_choice',
  options: [
    { id: 'a', text: stem('เมืองหลวง'), weight: 1 },
    { id: 'b', text: stem('เมืองเล็ก'), weight: 0.5 },
    { id: 'c', text: stem('หมู่บ้าน'), weight: -0.5 },
  ],
};
const multiple: Question = {
  ...base,
  id: 'multiple',
  type: 'multiple_choice',
  options: [
    { id: 'cua', text: stem('của'), weight: 0.5 },
    { id: 'mo', text: stem('mở'), weight: 0.5 },
    { id: 'ma', text: stem('má'), weight: -1 },
    { id: 'mat', text: stem('mạ'), weight: -0.25 },
  ],
};
const trueFalse: Question = { ...base, id: 'tf', type: 'true_false', correct: false };
const shortText: Question = {
  ...base,
  id: 'short',
  type: 'short_text',
  answers: [
    { id: 'hanoi', text: 'Hà Nội', weight: 1 },
    { id: 'ascii', text: 'Ha Noi', weight: 0.5 },
    { id: 'star', text: 'Hà*', weight: 0.25 },
    { id: 'any', text: '*', weight: 0 },
  ],
};
const numeric: Question = {
  ...base,
  id: 'pi',
  type: 'numeric',
  answers: [
    { id: 'exact', match: { kind: 'value', value: 3.1415, tolerance: 0.0005 }, weight: 1 },
    { id: 'close', match: { kind: 'range', min: 3, max: 3.3 }, weight: 0.5 },
    { id: 'other', match: { kind: 'any' }, weight: 0 },
  ],
};
const ordering: Question = {
  ...base,
  id: 'order',
  points: 4,
  type: 'ordering',
  items: ['x1', 'x2', 'x3', 'x4'].map((id) => ({ id, text: stem(id) })),
};
const matching: Question = {
  ...base,
  id: 'match',
  points: 3,
  type: 'matching',
  pairs: [
    { id: 'p1', prompt: stem('con mèo'), answer: 'cat' },
    { id: 'p2', prompt: stem('con chó'), answer: 'dog' },
    { id: 'p3', prompt: stem('quả xoài'), answer: 'mango' },
  ],
  distractors: ['elephant'],
};
const essay: Question = { ...base, id: 'essay', type: 'essay' };

const grade = (q: Question, r: QuestionResponse | undefined) => gradeQuestion(q, r);

describe('gradeQuestion', () => {
  it('single choice: the chosen weight, never below 0', () => {
    expect(grade(single, { type: 'single_choice', optionId: 'a' })).toMatchObject({ score: 2, fraction: 1, correct: true, matchedIds: ['a'] });
    expect(grade(single, { type: 'single_choice', optionId: 'b' })).toMatchObject({ score: 1, correct: 'partial' });
    expect(grade(single, { type: 'single_choice', optionId: 'c' })).toMatchObject({ score: 0, correct: false });
    expect(grade(single, { type: 'single_choice', optionId: 'nope' })).toMatchObject({ score: 0, correct: false });
    expect(grade(single, { type: 'single_choice', optionId: null })).toMatchObject({ score: 0, unanswered: true });
  });

  it('multiple choice: chosen weights add up, negative ones subtract, clamped to 0..1', () => {
    const pick = (...optionIds: string[]) => grade(multiple, { type: 'multiple_choice', optionIds });
    expect(pick('cua', 'mo')).toMatchObject({ score: 2, correct: true });
    expect(pick('cua')).toMatchObject({ score: 1, correct: 'partial' });
    expect(pick('cua', 'mo', 'mat')).toMatchObject({ score: 1.5, fraction: 0.75, correct: 'partial' });
    expect(pick('cua', 'ma')).toMatchObject({ score: 0, correct: false });
    expect(pick('cua', 'mo', 'ma', 'mat')).toMatchObject({ score: 0, correct: false });
    // Ticking an option twice counts it once.
    expect(pick('cua', 'cua')).toMatchObject({ score: 1 });
    expect(pick()).toMatchObject({ score: 0, unanswered: true });
  });

  it('true/false: all or nothing', () => {
    expect(grade(trueFalse, { type: 'true_false', value: false })).toMatchObject({ score: 2, correct: true });
    expect(grade(trueFalse, { type: 'true_false', value: true })).toMatchObject({ score: 0, correct: false });
    expect(grade(trueFalse, { type: 'true_false', value: null })).toMatchObject({ unanswered: true });
  });

  it('short text: the best matching answer after normalisation, wildcards included', () => {
    const say = (text: string) => grade(shortText, { type: 'short_text', text });
    expect(say('  hà   nội ')).toMatchObject({ score: 2, correct: true, matchedIds: ['hanoi'] });
    expect(say('Ha\u0300 No\u0323\u0302i')).toMatchObject({ score: 2, matchedIds: ['hanoi'] }); // decomposed
    expect(say('HANOI')).toMatchObject({ score: 1, matchedIds: ['ascii'] });
    expect(say('Hà Giang')).toMatchObject({ score: 0.5, matchedIds: ['star'] });
    expect(say('Huế')).toMatchObject({ score: 0, correct: false, matchedIds: ['any'] });
    expect(say('   ')).toMatchObject({ score: 0, unanswered: true });
  });

  it('numeric: tolerance, ranges, several weighted answers, typed numbers', () => {
    const say = (text: string) => grade(numeric, { type: 'numeric', text });
    expect(say('3.142')).toMatchObject({ score: 2, matchedIds: ['exact'] }); // the tolerance's edge
    expect(say('3,1411')).toMatchObject({ score: 2, matchedIds: ['exact'] }); // decimal comma
    expect(say('3.143')).toMatchObject({ score: 1, matchedIds: ['close'] });
    expect(say('3')).toMatchObject({ score: 1, matchedIds: ['close'] }); // range bounds are inclusive
    expect(say('๓')).toMatchObject({ score: 1 }); // Thai digit
    expect(say('4')).toMatchObject({ score: 0, matchedIds: ['other'] });
    expect(say('pi')).toMatchObject({ score: 0, matchedIds: ['other'] });
    expect(say('')).toMatchObject({ score: 0, unanswered: true });
  });

  it('numeric: an ambiguous "1,000" earns the better reading', () => {
    const thousand: Question = { ...base, id: 'k', type: 'numeric', answers: [{ id: 'k', match: { kind: 'value', value: 1000, tolerance: 0 }, weight: 1 }] };
    expect(grade(thousand, { type: 'numeric', text: '1,000' })).toMatchObject({ correct: true });
    expect(grade(thousand, { type: 'numeric', text: '1.000' })).toMatchObject({ correct: true });
    expect(grade(thousand, { type: 'numeric', text: '1,001' })).toMatchObject({ correct: false });
  });

  it('ordering: the share of items in their correct position', () => {
    const order = (...itemIds: string[]) => grade(ordering, { type: 'ordering', itemIds });
    expect(order('x1', 'x2', 'x3', 'x4')).toMatchObject({ score: 4, correct: true });
    expect(order('x2', 'x1', 'x3', 'x4')).toMatchObject({ score: 2, correct: 'partial', matchedIds: ['x3', 'x4'] });
    expect(order('x4', 'x1', 'x2', 'x3')).toMatchObject({ score: 0, correct: false });
    expect(order('x1', 'x1', 'x1', 'x1')).toMatchObject({ score: 1 });
    expect(order()).toMatchObject({ unanswered: true });
  });

  it('matching: the share of prompts matched with their answer; distractors earn nothing', () => {
    const match = (matches: Record<string, string | null>) => grade(matching, { type: 'matching', matches });
    expect(match({ p1: 'cat', p2: 'dog', p3: 'mango' })).toMatchObject({ score: 3, correct: true });
    expect(match({ p1: 'cat', p2: 'elephant', p3: null })).toMatchObject({ score: 1, correct: 'partial', matchedIds: ['p1'] });
    expect(match({ p1: 'dog', p2: 'cat', p3: 'elephant' })).toMatchObject({ score: 0, correct: false });
    expect(match({ p1: null })).toMatchObject({ unanswered: true });
    // Keys that are not prompts are ignored (the API rejects them earlier with 422).
    expect(match({ __proto__: 'cat', p9: 'dog' } as Record<string, string>)).toMatchObject({ score: 0 });
  });

  it('essay: 0 and waiting for an instructor', () => {
    expect(grade(essay, { type: 'essay', text: 'Quê hương tôi là Huế.' })).toMatchObject({ score: 0, maxScore: 2, pendingManual: true });
    expect(grade(essay, undefined)).toMatchObject({ score: 0, unanswered: true });
  });

  it('a missing response or one of another type counts as unanswered', () => {
    expect(grade(single, undefined)).toMatchObject({ score: 0, correct: false, unanswered: true });
    expect(grade(single, { type: 'true_false', value: true })).toMatchObject({ score: 0, unanswered: true });
  });

  it('grades a malformed stored response as unanswered instead of throwing', () => {
    const junk = [null, 'x', { type: 'multiple_choice', optionIds: 'a' }, { type: 'short_text' }, { type: 'matching', matches: null }, { type: 'nope' }];
    for (const r of junk) {
      for (const q of [single, multiple, shortText, matching, essay]) {
        expect(grade(q, r as unknown as QuestionResponse)).toMatchObject({ score: 0, unanswered: true });
      }
    }
  });

  it('rounds scores to 6 decimals', () => {
    const third: Question = { ...multiple, id: 'third', points: 1, options: [0, 1, 2].map((i) => ({ id: `o${i}`, text: stem(`${i}`), weight: 1 / 3 })) };
    expect(grade(third, { type: 'multiple_choice', optionIds: ['o0'] }).score).toBe(0.333333);
    expect(grade(third, { type: 'multiple_choice', optionIds: ['o0', 'o1', 'o2'] })).toMatchObject({ score: 1, correct: true });
  });
});

const QUESTIONS = [single, multiple, trueFalse, shortText, numeric, ordering, matching, essay];

describe('gradeAttempt', () => {
  it('sums question scores and reports each question', () => {
    const result = gradeAttempt(QUESTIONS, {
      single: { type: 'single_choice', optionId: 'a' },
      multiple: { type: 'multiple_choice', optionIds: ['cua'] },
      tf: { type: 'true_false', value: true },
      short: { type: 'short_text', text: 'ha noi' },
      pi: { type: 'numeric', text: '3,14' },
      order: { type: 'ordering', itemIds: ['x1', 'x2', 'x4', 'x3'] },
      match: { type: 'matching', matches: { p1: 'cat', p2: 'dog', p3: 'mango' } },
      essay: { type: 'essay', text: 'Một bài luận.' },
    });
    expect(result.questions.map((q) => q.score)).toEqual([2, 1, 0, 1, 1, 2, 3, 0]);
    expect(result).toMatchObject({ score: 10, maxScore: 19, correct: 'partial', pendingManual: true });
  });

  it('is deterministic: the same input gives the same grade, whatever the key order of the responses', () => {
    const responses: Record<string, QuestionResponse> = {
      short: { type: 'short_text', text: 'Hà Nội' },
      single: { type: 'single_choice', optionId: 'b' },
    };
    const reversed = Object.fromEntries(Object.entries(responses).reverse());
    expect(gradeAttempt(QUESTIONS, reversed)).toEqual(gradeAttempt(QUESTIONS, responses));
  });

  it('grades an empty attempt as 0', () => {
    expect(gradeAttempt(QUESTIONS, {})).toMatchObject({ score: 0, maxScore: 19, correct: false, pendingManual: false });
  });

  it('grades 10,000 twenty-question attempts quickly (well under 1 ms each)', () => {
    const questions: Question[] = [];
    for (let i = 0; i < 20; i++) {
      const q = QUESTIONS[i % 7]; // no essay
      questions.push({ ...q, id: `${q.id}-${i}` } as Question);
    }
    const responsesFor = (k: number): Record<string, QuestionResponse> => {
      const out: Record<string, QuestionResponse> = {};
      questions.forEach((q, i) => {
        const v = (k + i) % 3;
        switch (q.type) {
          case 'single_choice':
            out[q.id] = { type: q.type, optionId: ['a', 'b', 'c'][v] };
            break;
          case 'multiple_choice':
            out[q.id] = { type: q.type, optionIds: ['cua', 'mo', 'ma'].slice(0, v + 1) };
            break;
          case 'true_false':
            out[q.id] = { type: q.type, value: v === 0 };
            break;
          case 'short_text':
            out[q.id] = { type: q.type, text: ['Hà Nội', 'ha noi', 'Huế ơi'][v] };
            break;
          case 'numeric':
            out[q.id] = { type: q.type, text: ['3.1415', '3,2', `${k}`][v] };
            break;
          case 'ordering':
            out[q.id] = { type: q.type, itemIds: v ? ['x1', 'x2', 'x3', 'x4'] : ['x4', 'x3', 'x2', 'x1'] };
            break;
          case 'matching':
            out[q.id] = { type: q.type, matches: { p1: 'cat', p2: v ? 'dog' : 'elephant', p3: 'mango' } };
            break;
        }
      });
      return out;
    };
    const attempts = Array.from({ length: 10_000 }, (_, k) => responsesFor(k));
    // CPU time, not wall time: five helpers share two cores, and waiting for a core is not slowness.
    const started = process.cpuUsage();
    let total = 0;
    for (const responses of attempts) total += gradeAttempt(questions, responses).score;
    const used = process.cpuUsage(started);
    const cpuMs = (used.user + used.system) / 1000;
    expect(total).toBeGreaterThan(0);
    // About 0.03-0.07 ms of CPU an attempt; the bound only catches pathological slowness.
    expect(cpuMs / attempts.length).toBeLessThan(0.5);
  });
});
