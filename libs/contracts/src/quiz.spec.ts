import { LEARNER_VIEW_KEYS, MAX_SHORT_RESPONSE_LENGTH, type Question, responseProblems, toLearnerView, validateQuestion } from './quiz';

const rich = (text: string) => ({ text, format: 'plain' as const });
const common = { points: 1, tags: ['secret-tag'], category: 'Secret/Category', name: 'secret name', generalFeedback: rich('SECRET general feedback') };

const QUESTIONS: Question[] = [
  {
    ...common,
    id: 'q1',
    type: 'single_choice',
    stem: rich('คำว่า "น้ำ" ใช้วรรณยุกต์อะไร?'),
    media: { kind: 'audio', mediaId: 'm1', alt: 'เสียงอ่านคำว่า น้ำ' },
    options: [
      { id: 'o1', text: rich('ไม้โท'), weight: 1, feedback: rich('SECRET right') },
      { id: 'o2', text: rich('ไม้เอก'), weight: 0, feedback: rich('SECRET wrong') },
    ],
  },
  {
    ...common,
    id: 'q2',
    type: 'multiple_choice',
    stem: rich('Những từ nào mang dấu hỏi?'),
    options: [
      { id: 'o1', text: rich('của'), weight: 0.5 },
      { id: 'o2', text: rich('mở'), weight: 0.5 },
      { id: 'o3', text: rich('má'), weight: -1, feedback: rich('SECRET penalty') },
    ],
  },
  { ...common, id: 'q3', type: 'true_false', stem: rich('Mặt trời mọc ở hướng đông.'), correct: true, feedbackTrue: rich('SECRET yes'), feedbackFalse: rich('SECRET no') },
  { ...common, id: 'q4', type: 'short_text', stem: rich('Thủ đô của Việt Nam?'), answers: [{ id: 'a1', text: 'SECRET Hà Nội', weight: 1 }] },
  { ...common, id: 'q5', type: 'numeric', stem: rich('2 + 2?'), answers: [{ id: 'a1', match: { kind: 'value', value: 4123, tolerance: 0 }, weight: 1 }] },
  {
    ...common,
    id: 'q6',
    type: 'ordering',
    stem: rich('Xếp theo thứ tự'),
    items: [
      { id: 'i1', text: rich('ค') },
      { id: 'i2', text: rich('ก') },
      { id: 'i3', text: rich('ข') },
    ],
  },
  {
    ...common,
    id: 'q7',
    type: 'matching',
    stem: rich('Ghép từ'),
    pairs: [
      { id: 'p1', prompt: rich('con mèo'), answer: 'cat' },
      { id: 'p2', prompt: rich('con chó'), answer: 'dog' },
    ],
    distractors: ['elephant'],
  },
  { ...common, id: 'q8', type: 'essay', stem: rich('Viết về quê hương.') },
];

function keysOf(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      found.add(k);
      keysOf(v, found);
    }
  }
  return found;
}

describe('toLearnerView', () => {
  it.each(QUESTIONS.map((q) => [q.type, q] as const))('%s: has only learner-safe keys and no key material', (_type, question) => {
    const view = toLearnerView(question);
    const json = JSON.stringify(view);
    for (const key of keysOf(view)) expect(LEARNER_VIEW_KEYS).toContain(key);
    expect(json).not.toMatch(/SECRET|secret|weight|feedback|correct|4123/);
  });

  it('keeps what the learner needs: stem, media with its alternative, options, prompts and choices', () => {
    expect(toLearnerView(QUESTIONS[0])).toEqual({
      id: 'q1',
      type: 'single_choice',
      stem: QUESTIONS[0].stem,
      media: { kind: 'audio', mediaId: 'm1', alt: 'เสียงอ่านคำว่า น้ำ' },
      points: 1,
      options: [
        { id: 'o1', text: rich('ไม้โท') },
        { id: 'o2', text: rich('ไม้เอก') },
      ],
    });
    expect(toLearnerView(QUESTIONS[6])).toMatchObject({
      prompts: [
        { id: 'p1', text: rich('con mèo') },
        { id: 'p2', text: rich('con chó') },
      ],
      choices: ['cat', 'dog', 'elephant'],
    });
  });

  it('never lists ordering items in the stored (correct) order without a shuffle, and follows a shuffle', () => {
    const ids = (q: Question, permute?: (n: number) => number[]) => {
      const view = toLearnerView(q, permute);
      return view.type === 'ordering' ? view.items.map((i) => i.id) : [];
    };
    expect(ids(QUESTIONS[5])).toEqual(['i2', 'i3', 'i1']); // by text: ก ข ค
    expect(ids(QUESTIONS[5], (n) => [...Array(n).keys()].reverse())).toEqual(['i3', 'i2', 'i1']);
  });

  it('does not share objects with the question (a caller mutating the view cannot change the key)', () => {
    const view = toLearnerView(QUESTIONS[0]);
    view.stem.text = 'changed';
    expect(QUESTIONS[0].stem.text).not.toBe('changed');
  });
});

describe('validateQuestion', () => {
  it('accepts well-formed questions', () => {
    for (const q of QUESTIONS) expect(validateQuestion(q)).toEqual([]);
  });

  it('names what is wrong', () => {
    const q = QUESTIONS[1];
    if (q.type !== 'multiple_choice') throw new Error('fixture');
    expect(validateQuestion({ ...q, options: [{ ...q.options[0], weight: 2 }] })).toEqual(['too_few_options', 'weight_out_of_range', 'positive_weights_not_100']);
    expect(validateQuestion({ ...QUESTIONS[3], stem: rich(' '), blank: true })).toEqual(['stem_empty', 'blank_missing']);
  });
});

describe('responseProblems', () => {
  const [single, multiple, , short, , ordering, matching] = QUESTIONS;

  it('accepts responses that belong to the question, answered or not', () => {
    expect(responseProblems(single, { type: 'single_choice', optionId: 'o2' })).toEqual([]);
    expect(responseProblems(single, { type: 'single_choice', optionId: null })).toEqual([]);
    expect(responseProblems(multiple, { type: 'multiple_choice', optionIds: [] })).toEqual([]);
    expect(responseProblems(ordering, { type: 'ordering', itemIds: ['i3', 'i1'] })).toEqual([]);
    expect(responseProblems(matching, { type: 'matching', matches: { p1: 'elephant', p2: null } })).toEqual([]);
  });

  it('names what does not belong', () => {
    expect(responseProblems(single, { type: 'true_false', value: true })).toEqual(['type_mismatch']);
    expect(responseProblems(single, { type: 'single_choice', optionId: 'o9' })).toEqual(['unknown_option']);
    expect(responseProblems(multiple, { type: 'multiple_choice', optionIds: ['o1', 'o1', 'x'] })).toEqual(['unknown_option', 'duplicate_option']);
    expect(responseProblems(short, { type: 'short_text', text: 'ก'.repeat(MAX_SHORT_RESPONSE_LENGTH + 1) })).toEqual(['text_too_long']);
    expect(responseProblems(ordering, { type: 'ordering', itemIds: ['i1', 'i1', 'i2', 'i9'] })).toEqual(['unknown_item', 'duplicate_item', 'too_many_items']);
    expect(responseProblems(matching, { type: 'matching', matches: { p9: 'cat', p1: 'tiger' } })).toEqual(['unknown_prompt', 'unknown_choice']);
  });
});
