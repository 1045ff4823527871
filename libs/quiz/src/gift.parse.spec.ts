import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Question, QuestionOf, QuestionType } from '@baanrian/contracts';
import { parseGift } from './gift.parse';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const plain = (text: string, format = 'moodle') => ({ text, format });

function only<T extends QuestionType>(source: string, type: T): QuestionOf<T> {
  const result = parseGift(source);
  expect(result.errors).toEqual([]);
  expect(result.questions).toHaveLength(1);
  expect(result.questions[0].type).toBe(type);
  return result.questions[0] as QuestionOf<T>;
}

describe('parseGift: the Baanrian sample file', () => {
  const result = parseGift(fixture('baanrian-sample.gift.txt'));
  const byName = (name: string) => result.questions.find((q) => q.name === name) as Question;

  it('imports every question, without errors or warnings', () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.questions.map((q) => q.type)).toEqual([
      'single_choice',
      'short_text',
      'single_choice',
      'true_false',
      'matching',
      'multiple_choice',
      'short_text',
      'numeric',
      'numeric',
      'numeric',
      'true_false',
      'short_text',
      'single_choice',
      'essay',
      'true_false',
    ]);
  });

  it('reads ids, tags, points, media, names, formats, general feedback and categories', () => {
    expect(result.questions[0]).toEqual({
      id: 'th-tone',
      name: 'วรรณยุกต์ของน้ำ',
      type: 'single_choice',
      stem: plain('คำว่า <b>น้ำ</b> ใช้วรรณยุกต์อะไร?', 'html'),
      points: 2,
      tags: ['ภาษาไทย', 'วรรณยุกต์'],
      category: 'ภาษาไทย/วรรณยุกต์',
      generalFeedback: plain('น้ำ = น + ไม้โท + สระอำ', 'plain'),
      options: [
        { id: 'th-tone-1', text: plain('ไม้โท', 'html'), weight: 1, feedback: plain('ถูกต้อง', 'html') },
        { id: 'th-tone-2', text: plain('ไม้เอก', 'html'), weight: 0, feedback: plain('ไม้เอกคือ ่', 'html') },
        { id: 'th-tone-3', text: plain('ไม่มีวรรณยุกต์', 'html'), weight: -0.5, feedback: plain('คำนี้มีวรรณยุกต์', 'html') },
      ],
    });
    expect(result.questions[1]).toMatchObject({
      id: 'th-listen',
      media: { kind: 'audio', mediaId: 'aud-ทะเล-01', alt: 'เสียงผู้หญิงอ่านคำหนึ่งคำ' },
      answers: [
        { text: 'ทะเล', weight: 1, feedback: plain('เก่งมาก') },
        { text: 'ทะ*', weight: 0.5 },
      ],
    });
    // Ids are given in file order when the file has none.
    expect(result.questions[2].id).toBe('q3');
    expect(byName('Ghép từ')).toMatchObject({ category: 'Tiếng Việt/Từ vựng' });
  });

  it('reads a missing-word question (answers in the middle of the text)', () => {
    expect(result.questions[2]).toMatchObject({
      blank: true,
      stem: plain('กรุงเทพมหานครเป็น_____ของประเทศไทย'),
      options: [{ weight: 0 }, { text: plain('เมืองหลวง'), weight: 1 }, { weight: 0 }],
    });
    expect(result.questions.find((q) => q.stem.text.startsWith('Hai mươi'))).toMatchObject({
      type: 'numeric',
      blank: true,
      stem: plain('Hai mươi cộng hai mươi hai bằng _____ phải không?'),
    });
  });

  it('reads true/false feedback for the wrong and the right answer', () => {
    expect(result.questions[3]).toMatchObject({ correct: true, feedbackFalse: plain('ผิด ลองนับใหม่'), feedbackTrue: plain('ถูกต้อง') });
    expect(result.questions.at(-1)).toMatchObject({ type: 'true_false', correct: false });
    expect(result.questions.at(-1)).not.toHaveProperty('feedbackTrue');
  });

  it('reads matching pairs with formats and a distractor (empty left side)', () => {
    expect(byName('Ghép từ')).toMatchObject({
      pairs: [
        { prompt: plain('con mèo'), answer: 'cat' },
        { prompt: plain('**con chó**', 'markdown'), answer: 'dog' },
        { prompt: plain('quả xoài'), answer: 'mango' },
      ],
      distractors: ['elephant'],
    });
  });

  it('reads negative weights of a multiple-response question', () => {
    expect((byName('Dấu hỏi') as QuestionOf<'multiple_choice'>).options.map((o) => o.weight)).toEqual([0.5, 0.5, -1, -1]);
  });

  it('reads numeric values, tolerances, ranges, weights and the feedback for other answers', () => {
    const pi = result.questions[7] as QuestionOf<'numeric'>;
    expect(pi.answers).toEqual([
      { id: 'q8-1', match: { kind: 'value', value: 3.14, tolerance: 0.005 }, weight: 1, feedback: plain('Đúng!') },
      { id: 'q8-2', match: { kind: 'range', min: 3.1, max: 3.2 }, weight: 0.5, feedback: plain('Gần đúng') },
      { id: 'q8-3', match: { kind: 'any' }, weight: 0, feedback: plain('Sai rồi') },
    ]);
    expect((result.questions[8] as QuestionOf<'numeric'>).answers).toEqual([{ id: 'q9-1', match: { kind: 'range', min: 99, max: 101 }, weight: 1 }]);
  });

  it('reads escaped control characters literally', () => {
    const q = byName('Ký tự : đặc biệt') as QuestionOf<'single_choice'>;
    expect(q.stem.text).toBe('Trong GIFT, dấu nào cần gạch chéo ngược: ~ = # { } \\ ?');
    expect(q.options[0]).toMatchObject({ text: plain('tất cả ~ = # { } \\'), weight: 1, feedback: plain('Đúng: cả sáu') });
  });

  it('reads an essay with general feedback', () => {
    expect(byName('Bài luận')).toMatchObject({ type: 'essay', generalFeedback: plain('Giáo viên sẽ chấm bài này.') });
  });
});

describe('parseGift: errors', () => {
  const source = fixture('broken.gift.txt');
  const lines = source.split('\n');
  const at = (lineNo: number, needle: string) => ({ line: lineNo, column: lines[lineNo - 1].indexOf(needle) + 1 });
  const result = parseGift(source);

  it('keeps the good questions', () => {
    expect(result.questions.map((q) => q.stem.text)).toEqual(['Câu hỏi tốt số một.', 'คำถามดีข้อสอง']);
  });

  it('reports each problem at its line and column', () => {
    expect(result.errors.map(({ line, column, code }) => ({ line, column, code }))).toEqual([
      { ...at(4, '{'), code: 'brace_mismatch' },
      { ...at(6, 'chó'), code: 'matching_format' },
      { ...at(8, 'mười'), code: 'numeric_not_number' },
      { ...at(10, '~'), code: 'too_few_answers' },
      { ...at(14, '}'), code: 'brace_mismatch' },
    ]);
    expect(result.warnings.map(({ line, column, code }) => ({ line, column, code }))).toEqual([{ line: 12, column: 1, code: 'no_answer_block' }]);
    expect(result.errors[0].message).toBe('A "{" without its "}"');
    expect(result.errors[4].message).toBe('A "}" without its "{"');
  });

  it.each([
    ['', 0],
    ['// only a comment', 0],
    ['{', 0],
    ['}}}{{{', 0],
    ['::', 0],
    [':: ::{T}', 0],
    ['\\', 0],
    ['Q{#}', 0],
    ['Q{#1..}', 0],
    ['Q{=a -> }', 0],
    ['Q{~%abc%x ~y}', 1],
    ['\u0000\uFFFF{T}', 1],
  ])('never throws on %j', (text, count) => {
    const r = parseGift(text);
    expect(r.questions).toHaveLength(count);
  });

  it('survives random garbage', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = '{}~=#:\\->%.0123456789 \nTFabcก่้ำ/[]';
    for (let k = 0; k < 300; k++) {
      const text = Array.from({ length: 60 }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const r = parseGift(text);
      expect(r.errors.filter((e) => e.code === 'internal')).toEqual([]);
      for (const e of [...r.errors, ...r.warnings]) {
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.column).toBeGreaterThanOrEqual(1);
      }
    }
  });
});

describe('parseGift: Moodle rules', () => {
  it('decides the type from the answers, as Moodle does', () => {
    expect(only('Q{~a =b}', 'single_choice').options.map((o) => o.weight)).toEqual([0, 1]);
    expect(only('Q{~%50%a ~%50%b}', 'multiple_choice').options.map((o) => o.weight)).toEqual([0.5, 0.5]);
    expect(only('Q{=a =b}', 'short_text').answers.map((a) => a.text)).toEqual(['a', 'b']);
    expect(only('Q{=a -> b =c -> d}', 'matching').pairs).toHaveLength(2);
    expect(only('Q{T}', 'true_false').correct).toBe(true);
    expect(only('Q{FALSE}', 'true_false').correct).toBe(false);
    expect(only('Q{#5}', 'numeric').answers).toHaveLength(1);
    expect(only('Q{}', 'essay').type).toBe('essay');
  });

  it('reads "{true}" as a short answer (Moodle does) and says so', () => {
    const r = parseGift('Q{true}');
    expect(r.questions[0].type).toBe('short_text');
    expect(r.warnings.map((w) => w.code)).toEqual(['true_false_case']);
  });

  it('reads \\n as a line break and CRLF files', () => {
    expect(only('Dòng một\\nDòng hai{T}', 'true_false').stem.text).toBe('Dòng một\nDòng hai');
    expect(parseGift('A{T}\r\n\r\nB{F}\r\n').questions).toHaveLength(2);
  });

  it('warns about weights that do not add up (Moodle imports them with a notice)', () => {
    expect(parseGift('Q{~%50%a ~b ~c}').warnings.map((w) => w.code)).toEqual(['fractions_add_wrong']);
    expect(parseGift('Q{=%50%a ~b}').warnings).toEqual([]);
  });

  it('keeps a $CATEGORY for the following questions only', () => {
    const r = parseGift('A{T}\n\n$CATEGORY: Địa lý\n\nB{T}\n\nC{F}');
    expect(r.questions.map((q) => q.category)).toEqual([undefined, 'Địa lý', 'Địa lý']);
  });

  it('gives a new id to a repeated [id:]', () => {
    const r = parseGift('// [id:x]\nA{T}\n\n// [id:x]\nB{T}');
    expect(r.questions.map((q) => q.id)).toEqual(['x', 'q2']);
    expect(r.warnings.map((w) => w.code)).toEqual(['duplicate_id']);
  });

  it('repairs what it can and says so', () => {
    const r = parseGift(
      [
        '::Tên chưa đóng Câu hỏi{T}',
        '',
        '$CATEGORY: Toán',
        'Q{T}',
        '',
        'Khoảng{#5..1}',
        '',
        'Trọng số{~%150%a ~%-200%b}',
        '',
        '// [points:nhiều] [media:video:x]',
        'Q{F}',
      ].join('\n'),
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => `${w.line}:${w.column} ${w.code}`)).toEqual([
      '1:1 name_unterminated',
      '4:1 category_not_alone',
      '6:9 numeric_range_reversed',
      '8:11 weight_out_of_range',
      '8:19 weight_out_of_range',
      '11:1 points_invalid',
      '11:1 media_invalid',
    ]);
    expect(r.questions.map((q) => q.type)).toEqual(['true_false', 'numeric', 'multiple_choice', 'true_false']);
    expect(r.questions[1]).toMatchObject({ answers: [{ match: { kind: 'range', min: 1, max: 5 } }] });
    expect(r.questions[2]).toMatchObject({ options: [{ weight: 1 }, { weight: -1 }] });
    expect(r.questions[3]).toMatchObject({ points: 1, category: 'Toán' });
    expect(r.questions[3]).not.toHaveProperty('media');
  });
});
