import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAiken } from './aiken.parse';

describe('parseAiken', () => {
  it('imports single choice questions, with multi-line text and both option styles', () => {
    const result = parseAiken(readFileSync(path.join(__dirname, 'fixtures', 'baanrian-sample.aiken.txt'), 'utf8'));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.questions).toEqual([
      {
        id: 'q1',
        type: 'single_choice',
        stem: { text: 'คำว่า "น้ำ" ใช้วรรณยุกต์อะไร?', format: 'plain' },
        points: 1,
        tags: [],
        options: [
          { id: 'q1-1', text: { text: 'ไม้เอก', format: 'plain' }, weight: 0 },
          { id: 'q1-2', text: { text: 'ไม้โท', format: 'plain' }, weight: 1 },
          { id: 'q1-3', text: { text: 'ไม้ตรี', format: 'plain' }, weight: 0 },
        ],
      },
      expect.objectContaining({
        stem: { text: 'Thủ đô của Việt Nam là\nthành phố nào?', format: 'plain' },
        options: [expect.objectContaining({ weight: 1 }), expect.objectContaining({ weight: 0 }), expect.objectContaining({ weight: 0 })],
      }),
    ]);
  });

  it('reports each problem by line and column and keeps the good questions', () => {
    const source = [
      'A. Một lựa chọn trước câu hỏi', // 1: option without question
      '',
      'ข้อนี้ไม่มีคำตอบ', // 3: answer missing (a new question starts on 6)
      'A. หนึ่ง',
      'B. สอง',
      'Câu hỏi tốt?', // 6
      'A. Có',
      'B. Không',
      'ANSWER: A',
      '',
      'Chỉ một lựa chọn?', // 11: too few options
      'A. Một',
      'ANSWER: A',
      '',
      'Đáp án sai chữ?', // 15
      'A. Một',
      'B. Hai',
      '  ANSWER: D', // 18: no option D
      '',
      'ANSWER: A', // 20: answer without question
      '',
      'Câu cuối không có đáp án', // 22
      'A. x',
    ].join('\n');
    const result = parseAiken(source);
    expect(result.questions.map((q) => q.stem.text)).toEqual(['Câu hỏi tốt?']);
    expect(result.errors.map(({ line, column, code }) => `${line}:${column} ${code}`)).toEqual([
      '1:1 option_without_question',
      '3:1 answer_missing',
      '11:1 too_few_options',
      '18:11 answer_not_an_option',
      '20:1 answer_without_question',
      '22:1 answer_missing',
    ]);
  });

  it('warns about out-of-order option letters but keeps the question', () => {
    const result = parseAiken('Q?\nA. x\nC. y\nANSWER: C');
    expect(result.questions[0]).toMatchObject({ options: [{ weight: 0 }, { weight: 1 }] });
    expect(result.warnings.map((w) => `${w.line}:${w.code}`)).toEqual(['3:option_label_order']);
  });
});
