import { compileAnswerPattern, matchesPattern, normalizeAnswer, normalizeThai, normalizeVietnamese, parseNumberReadings } from './normalize';

const same = (a: string, b: string) => expect(normalizeAnswer(a)).toBe(normalizeAnswer(b));
const differ = (a: string, b: string) => expect(normalizeAnswer(a)).not.toBe(normalizeAnswer(b));

describe('Thai', () => {
  const NAM = 'น\u0E49\u0E33'; // น้ำ as a Thai keyboard should type it: consonant, mai tho, sara am

  it('reads nikhahit + sara aa as sara am, wherever the tone mark was typed', () => {
    expect(normalizeThai('ท\u0E4D\u0E32')).toBe('ทำ'); // ทำ "do"
    expect(normalizeThai('น\u0E4D\u0E49\u0E32')).toBe(NAM);
    expect(normalizeThai('น\u0E49\u0E4D\u0E32')).toBe(NAM);
    same('ดื่มน\u0E4D\u0E49\u0E32', 'ดื่มน้ำ');
  });

  it('puts the tone mark before sara am and after an upper or lower vowel', () => {
    expect(normalizeThai('น\u0E33\u0E49')).toBe(NAM);
    expect(normalizeThai('ท\u0E48\u0E35')).toBe('ท\u0E35\u0E48'); // ที่ "at"
    expect(normalizeThai('ด\u0E48\u0E37ม')).toBe('ดื่ม'); // ดื่ม "drink"
    expect(normalizeThai('ก\u0E49\u0E38ง')).toBe('กุ้ง'); // กุ้ง "shrimp", lower vowel
    expect(normalizeThai('ท\u0E35\u0E48\u0E48')).toBe('ที่'); // a tone mark typed twice
  });

  it('reads two sara e as sara ae', () => {
    same('\u0E40\u0E40มว', 'แมว'); // แมว "cat"
  });

  it('ignores spacing, zero-width spaces and Thai digits', () => {
    same('สวัสดี ครับ', 'สวัสดีครับ');
    same('สวัสดี\u200Bครับ', 'สวัสดีครับ');
    same('พ.ศ. ๒๕๖๖', 'พ.ศ.2566');
  });

  it('keeps different words apart', () => {
    differ('ไก่', 'ไข่'); // chicken, egg
    differ('ใกล้', 'ไกล'); // near, far
    differ('ข้าว', 'ขาว'); // rice, white
    differ('น้ำ', 'นำ'); // water, lead
  });

  it('leaves text that is already canonical unchanged', () => {
    for (const word of ['น้ำ', 'ที่', 'กุ้ง', 'ดื่ม', 'แม่', 'ก็', 'เป็น', 'ศักดิ์สิทธิ์']) expect(normalizeThai(word)).toBe(word);
  });
});

describe('Vietnamese', () => {
  it('compares composed and decomposed diacritics equal, whatever the mark order', () => {
    const composed = 'tiếng Việt';
    same(composed, composed.normalize('NFD'));
    same('Vi\u1EC7t', 'Vie\u0302\u0323t'); // ệ: circumflex then dot below
    same('Vi\u1EC7t', 'Vie\u0323\u0302t'); // dot below then circumflex
    same('HÀ NỘI', 'hà nội');
    same('Đà Nẵng', 'đà nẵng');
  });

  it('accepts the old and the new tone placement of oa, oe, uy', () => {
    same('hòa bình', 'hoà bình');
    same('khỏe', 'khoẻ');
    same('thủy', 'thuỷ');
    same('Thúy', 'thuý');
    expect(normalizeVietnamese('ho\u0300a')).toBe('hoà');
  });

  it('keeps different words and syllables with a final consonant apart', () => {
    const tones = ['ma', 'má', 'mà', 'mả', 'mã', 'mạ'];
    expect(new Set(tones.map(normalizeAnswer)).size).toBe(6);
    expect(normalizeVietnamese('hoàng')).toBe('hoàng');
    differ('mùa', 'múa');
  });
});

describe('short-answer patterns', () => {
  const matches = (answer: string, response: string) => matchesPattern(normalizeAnswer(response), compileAnswerPattern(answer));

  it('matches exactly after normalisation without a star', () => {
    expect(matches('Hà Nội', ' ha  NỘI'.replace('a', 'à'))).toBe(true);
    expect(matches('Hà Nội', 'Hà Nội ơi')).toBe(false);
  });

  it('treats * as any characters and \\* as a star', () => {
    expect(matches('ทะ*', 'ทะเล')).toBe(true);
    expect(matches('ทะ*', 'ทะ')).toBe(true);
    expect(matches('*เล', 'ทะเล')).toBe(true);
    expect(matches('*', '')).toBe(true);
    expect(matches('a*b*c', 'a-x-b-y-c')).toBe(true);
    expect(matches('a*b*c', 'a-c-b')).toBe(false);
    expect(matches('ab*ba', 'aba')).toBe(false);
    expect(matches('2\\*3', '2*3')).toBe(true);
    expect(matches('2\\*3', '253')).toBe(false);
  });

  it('stays linear on a hostile pattern', () => {
    const started = performance.now();
    expect(matches('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(20_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('parseNumberReadings', () => {
  it.each([
    ['42', [42]],
    [' -3.5 ', [-3.5]],
    ['\u22123.5', [-3.5]],
    ['3,14', [3.14]],
    ['๔๒', [42]],
    ['1,000,000', [1_000_000]],
    ['1.000.000', [1_000_000]],
    ['1,234.5', [1234.5]],
    ['1.234,5', [1234.5]],
    ['1 234,5', [1234.5]],
    ['1,000', [1000, 1]],
    ['1.000', [1, 1000]],
    ['1e3', [1000]],
    ['.5', [0.5]],
  ])('%j reads as %j', (text, readings) => {
    expect(parseNumberReadings(text)).toEqual(readings);
  });

  it.each(['', 'abc', '1,2,3', '1..2', '12abc', '1,23.4', '--1'])('%j is not a number', (text) => {
    expect(parseNumberReadings(text)).toEqual([]);
  });
});
