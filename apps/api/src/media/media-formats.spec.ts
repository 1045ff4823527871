import { contradiction, detectFormat, FORMATS } from './media-formats';
import { sanitizeFileName } from './media-names';
import { parseRange } from './media-ranges';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('detectFormat', () => {
  it.each([
    ['MP3 without ID3 (MPEG-1 layer III frame)', bytes([0xff, 0xfb, 0x90, 0x64]), FORMATS.mp3],
    ['AAC ADTS (layer 00) is not MP3', bytes([0xff, 0xf1, 0x50, 0x80]), null],
    ['Ogg Theora is video', bytes('OggS', [0, 2], Buffer.alloc(22).toString('latin1'), '\x80theora'), FORMATS.ogv],
    ['Matroska', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x93, 0x42, 0x82, 0x88], 'matroska'), FORMATS.mkv],
    ['WebVTT after a BOM', bytes([0xef, 0xbb, 0xbf], 'WEBVTT\n'), FORMATS.vtt],
    ['"WEBVTTX" is not WebVTT', bytes('WEBVTTX\n'), null],
    ['an SVG (scripts inside) is not accepted', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), null],
    ['a ZIP (e.g. .docx) is not accepted', bytes('PK\x03\x04'), null],
  ])('%s', (_what, head, expected) => {
    expect(detectFormat(head)).toBe(expected);
  });

  it('lets a PDF through only under a PDF name and type', () => {
    expect(contradiction(FORMATS.pdf, 'application/pdf', 'notes.PDF')).toBeNull();
    expect(contradiction(FORMATS.pdf, 'application/octet-stream', 'notes')).toBeNull();
    expect(contradiction(FORMATS.pdf, 'image/jpeg', 'notes.pdf')).toBe('image/jpeg');
    expect(contradiction(FORMATS.pdf, 'application/pdf', 'notes.pdf.exe')).toBe('.exe');
  });
});

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=990-', { start: 990, end: 999 }],
    ['bytes=-10', { start: 990, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=500-5000', { start: 500, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=0-1,4-5', null],
    ['bytes=9-3', null],
    ['items=0-1', null],
  ])('%s of 1000 bytes', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['..%2F..%2Fetc%2Fpasswd', 'passwd'],
    ['C:\\Users\\a\\แบบฝึกหัด.pdf', 'แบบฝึกหัด.pdf'],
    ['%E0%B8%9A%E0%B8%97%E0%B8%97%E0%B8%B5%E0%B9%88%201.mp4', 'บทที่ 1.mp4'],
    ['a\r\nSet-Cookie: x=1.png', 'aSet-Cookie x=1.png'],
    ['...', 'fallback'],
  ])('%s → %s', (raw, expected) => {
    expect(sanitizeFileName(raw, 'fallback')).toBe(expected);
  });
});
