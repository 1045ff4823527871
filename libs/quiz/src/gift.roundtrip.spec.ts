/**
 * Export then import yields the same questions: table-driven cases for the awkward spots, then a
 * seeded property-style run over generated questions (fast-check is not a dependency; a small
 * deterministic generator does the same job and replays the same cases every time).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ChoiceOption, type Question, QUESTION_BLANK, type RichText, TEXT_FORMATS } from '@baanrian/contracts';
import { exportGift } from './gift.export';
import { parseGift } from './gift.parse';

function roundTrip(questions: Question[]) {
  const exported = exportGift(questions);
  const imported = parseGift(exported.text);
  return { exported, imported };
}

function expectRoundTrip(questions: Question[]) {
  const { exported, imported } = roundTrip(questions);
  expect(exported.skipped).toEqual([]);
  expect(imported.errors).toEqual([]);
  expect(imported.questions).toEqual(questions);
}

const rich = (text: string, format: RichText['format'] = 'moodle'): RichText => ({ text, format });
const base = (id: string, text: string) => ({ id, stem: rich(text), points: 1, tags: [] as string[] });
const options = (id: string, ...weights: number[]): ChoiceOption[] => weights.map((weight, k) => ({ id: `${id}-${k + 1}`, text: rich(`ตัวเลือก ${k + 1}`), weight }));

describe('GIFT round trip: awkward cases', () => {
  it.each<[string, Question]>([
    ['control characters everywhere', { ...base('c', 'a ~ b = c # d { e } f : g \\ h ####'), name: 'Tên: ::có {ký tự}', type: 'short_text', answers: [{ id: 'c-1', text: '{=~#:}\\', weight: 1, feedback: rich('# = ~ \\') }] }],
    ['line breaks in texts', { ...base('n', 'Dòng một\nDòng hai\n\nDòng bốn'), type: 'true_false', correct: true, feedbackFalse: rich('ผิด\nลองใหม่') }],
    ['a stem starting with "[" or "//"', { ...base('b', '[html] is not a format here'), type: 'essay' }],
    ['a stem starting with "//" and no name', { ...base('s', '// not a comment'), type: 'true_false', correct: false }],
    ['a stem starting with "::"', { ...base('d', '::not a name::'), type: 'essay' }],
    ['answers starting with "%" or "["', { ...base('p', 'Q'), type: 'short_text', answers: [{ id: 'p-1', text: '%50%', weight: 1 }, { id: 'p-2', text: '[plain]x', weight: 0.5 }] }],
    ['options starting with "%"', { ...base('o', 'Q'), type: 'multiple_choice', options: [{ id: 'o-1', text: rich('%25% off'), weight: 1 }, { id: 'o-2', text: rich('%'), weight: 0 }] }],
    ['several full-credit options in a single choice', { ...base('f', 'Q'), type: 'single_choice', options: options('f', 1, 1, 0, -0.5) }],
    ['a missing-word question', { ...base('m', `กรุงเทพฯ เป็น${QUESTION_BLANK}ของประเทศไทย`), blank: true, type: 'single_choice', options: options('m', 0, 1) }],
    ['formats on stem, options, feedback', { ...base('x', 'Q'), stem: rich('<b>Q</b>', 'html'), generalFeedback: rich('**gf**', 'markdown'), type: 'single_choice', options: [{ id: 'x-1', text: rich('a', 'plain'), weight: 1, feedback: rich('b', 'moodle') }, { id: 'x-2', text: rich('c', 'html'), weight: 0 }] }],
    ['numeric kinds and weights', { ...base('u', 'Số?'), type: 'numeric', answers: [{ id: 'u-1', match: { kind: 'value', value: -1.5e-7, tolerance: 0 }, weight: 1 }, { id: 'u-2', match: { kind: 'range', min: -5, max: -3 }, weight: 0.3333333 }, { id: 'u-3', match: { kind: 'any' }, weight: 0, feedback: rich('Sai') }] }],
    ['matching with distractors', { ...base('g', 'Ghép'), type: 'matching', pairs: [{ id: 'g-1', prompt: rich('mèo = ?'), answer: 'cat -> chat' }, { id: 'g-2', prompt: rich('chó', 'plain'), answer: '[dog]' }], distractors: ['voi', 'ngựa'] }],
    ['annotations: tags, points, media', { ...base('th-1', 'ฟัง'), tags: ['ภาษา[ไทย]', 'tag\\x'], points: 2.5, media: { kind: 'image', mediaId: 'img:42', alt: 'รูป [แมว]' }, category: 'ภาษาไทย/คำศัพท์', type: 'essay' }],
  ])('%s', (_name, question) => expectRoundTrip([question]));

  it('keeps categories, including going back to none', () => {
    expectRoundTrip([
      { ...base('a', 'A'), type: 'essay' },
      { ...base('b', 'B'), category: 'Địa lý', type: 'essay' },
      { ...base('c', 'C'), category: 'Địa lý', type: 'essay' },
      { ...base('d', 'D'), type: 'essay' },
    ]);
  });

  it('reports what GIFT cannot carry instead of dropping it silently', () => {
    const { exported, imported } = roundTrip([
      { ...base('o', 'Xếp theo thứ tự'), type: 'ordering', items: [{ id: 'i1', text: rich('ก') }, { id: 'i2', text: rich('ข') }] },
      { ...base('m', 'Ghép'), type: 'matching', pairs: [{ id: 'p1', prompt: rich('a -> b'), answer: 'c' }, { id: 'p2', prompt: rich('d'), answer: 'e' }], distractors: [] },
      { ...base('s', 'Q'), type: 'short_text', answers: [{ id: 'a', text: 'x->y', weight: 1 }] },
      { ...base('ok', 'Q'), type: 'true_false', correct: true },
    ]);
    expect(exported.skipped.map((s) => s.questionId)).toEqual(['o', 'm', 's']);
    expect(imported.questions.map((q) => q.id)).toEqual(['ok']);
  });

  it('re-imports the sample file identically after an export', () => {
    const first = parseGift(readFileSync(path.join(__dirname, 'fixtures', 'baanrian-sample.gift.txt'), 'utf8'));
    expectRoundTrip(first.questions);
  });
});

// ---------------------------------------------------------------------------------------------

/** mulberry32: a tiny seeded PRNG, so failures replay. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'น้ำ', 'ที่', 'สวัสดีครับ', 'ภาษาไทย', '๒๕๖๖', 'Việt Nam', 'hòa bình', 'thuỷ', 'Đà Nẵng', 'tiếng Việt',
  'abc', '42', '3.14', '~', '=', '#', '{', '}', ':', '::', '\\', '->', '%', '%50%', '[', ']', '[html]', '//', '####',
  '*', '_', '\n', ' ', '  ', '$CATEGORY:', 'T', 'FALSE', '<b>', '**',
];

function generator(seed: number) {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  const maybe = (p = 0.5) => rand() < p;
  const text = (noArrow = false): string => {
    let out = '';
    while (!out.trim() || (noArrow && out.includes('->'))) {
      out = Array.from({ length: 1 + int(5) }, () => pick(PIECES)).join(maybe() ? ' ' : '');
      if (noArrow) out = out.split('->').join('-');
    }
    return out.trim();
  };
  const format = () => pick(TEXT_FORMATS);
  const richText = (noArrow = false) => rich(text(noArrow), format());
  const weight = () => pick([0, 0.1, 0.25, 0.3333333, 0.5, 0.75, 1, -0.5, -1]);
  const num = () => pick([0, 1, -1, 42, 3.14, -0.001, 1822, 2.5e-8, 1e21]);

  return (id: string): Question => {
    const stemText = text();
    const blank = maybe(0.2);
    const common = {
      id,
      stem: rich(blank ? `${stemText} ${QUESTION_BLANK} ${text()}` : stemText, format()),
      points: pick([1, 1, 2, 0.5, 10]),
      tags: maybe(0.3) ? [text().replace(/\n/g, ' ').trim() || 't'] : [],
      ...(blank ? { blank: true } : {}),
      ...(maybe(0.5) ? { name: text() } : {}),
      ...(maybe(0.3) ? { generalFeedback: richText() } : {}),
      ...(maybe(0.2) ? { media: { kind: pick(['image', 'audio'] as const), mediaId: `m-${int(1000)}`, ...(maybe() ? { alt: 'ภาพ Hà Nội' } : {}) } } : {}),
    };
    const child = (k: number) => `${id}-${k + 1}`;
    const count = 2 + int(4);
    const feedback = () => (maybe(0.4) ? { feedback: richText() } : {});
    switch (pick(['single_choice', 'multiple_choice', 'true_false', 'short_text', 'numeric', 'matching', 'essay'] as const)) {
      case 'single_choice': {
        const full = int(count);
        return { ...common, type: 'single_choice', options: Array.from({ length: count }, (_, k) => ({ id: child(k), text: richText(), weight: k === full ? 1 : weight(), ...feedback() })) };
      }
      case 'multiple_choice':
        return { ...common, type: 'multiple_choice', options: Array.from({ length: count }, (_, k) => ({ id: child(k), text: richText(), weight: weight(), ...feedback() })) };
      case 'true_false':
        return { ...common, type: 'true_false', correct: maybe(), ...(maybe() ? { feedbackTrue: richText() } : {}), ...(maybe() ? { feedbackFalse: richText() } : {}) };
      case 'short_text':
        return {
          ...common,
          type: 'short_text',
          answers: Array.from({ length: count - 1 }, (_, k) => ({ id: child(k), text: text(true), weight: k === 0 ? 1 : weight(), ...(maybe(0.4) ? { feedback: richText(true) } : {}) })),
        };
      case 'numeric':
        return {
          ...common,
          type: 'numeric',
          answers: Array.from({ length: count - 1 }, (_, k) => {
            const a = num();
            const b = num();
            const kind = pick(['value', 'range', 'any'] as const);
            const match =
              kind === 'value' ? { kind, value: a, tolerance: Math.abs(pick([0, 0.5, 2, 0.0005])) } : kind === 'range' ? { kind, min: Math.min(a, b), max: Math.max(a, b) } : { kind };
            return { id: child(k), match, weight: weight(), ...feedback() };
          }),
        };
      case 'matching':
        return {
          ...common,
          type: 'matching',
          pairs: Array.from({ length: count }, (_, k) => ({ id: child(k), prompt: richText(true), answer: text() })),
          distractors: maybe() ? [text()] : [],
        };
      case 'essay':
        return { ...common, type: 'essay' };
    }
  };
}

describe('GIFT round trip: generated questions', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: 200 questions come back identical', (seed) => {
    const make = generator(seed);
    const questions = Array.from({ length: 200 }, (_, i) => make(`s${seed}-q${i + 1}`));
    // One category per 50 questions, as a bank would have them.
    questions.forEach((q, i) => {
      if (i >= 50) q.category = `Bank/${Math.floor(i / 50)}`;
    });
    const { exported, imported } = roundTrip(questions);
    expect(exported.skipped).toEqual([]);
    expect(imported.errors).toEqual([]);
    for (let i = 0; i < questions.length; i++) expect(imported.questions[i]).toEqual(questions[i]);
    expect(imported.questions).toHaveLength(questions.length);
  });
});
