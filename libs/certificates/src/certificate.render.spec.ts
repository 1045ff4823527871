import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { logoPng, signaturePng } from './certificate.fixtures';
import { renderCertificatePdf } from './certificate.render';
import { sampleCertificateInput } from './certificate.sample';
import { breakablePieces } from './certificate.text';
import type { CertificateLocale, CertificateRenderInput, CertificateTemplateContent } from './certificate.types';

// pdftotext/pdftoppm come from poppler-utils, which tools/scripts/test.ts installs (POPPLER).
const work = mkdtempSync(path.join(tmpdir(), 'certificates-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const template = (locale: CertificateLocale): CertificateTemplateContent => ({
  organisationName: locale === 'th' ? 'โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านเรียน' : 'Baanrian Health Academy',
  logo: logoPng(),
  accentColor: '#1f5f8b',
  signatories: [
    { name: 'นายแพทย์สมศักดิ์ ใจดี', title: 'ผู้อำนวยการ', signature: signaturePng(1) },
    { name: 'Trần Văn Đức', title: 'Giám đốc đào tạo', signature: signaturePng(2) },
  ],
});

async function render(input: CertificateRenderInput): Promise<{ file: string; text: string; warnings: string[] }> {
  const { pdf, warnings } = await renderCertificatePdf(input);
  const file = path.join(work, `${input.locale}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return { file, warnings, text: execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }) };
}

function expectInOrder(text: string, parts: string[]): void {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    expect({ part, found: at >= from }).toEqual({ part, found: true });
    from = at + part.length;
  }
}

/** Every place where the extracted paragraph breaks a line must be a word boundary of the source. */
function expectBreaksBetweenWords(text: string, paragraph: string, locale: CertificateLocale): void {
  const lines = text.split('\n').map((l) => l.trim());
  const start = lines.findIndex((l) => l.length > 0 && paragraph.startsWith(l));
  expect(start).toBeGreaterThanOrEqual(0);
  const boundaries = new Set<number>();
  let offset = 0;
  for (const piece of breakablePieces(paragraph, locale)) boundaries.add((offset += piece.length));
  let consumed = '';
  let lineCount = 0;
  for (const line of lines.slice(start)) {
    if (consumed.replace(/\s/g, '').length >= paragraph.replace(/\s/g, '').length) break;
    const next = consumed ? `${consumed}${paragraph[consumed.length] === ' ' ? ' ' : ''}${line}` : line;
    expect(paragraph.startsWith(next)).toBe(true);
    // The line ends at `next.length`, possibly before a space: both sides are word boundaries.
    if (next.length < paragraph.length) expect(boundaries.has(next.length) || paragraph[next.length] === ' ').toBe(true);
    consumed = next;
    lineCount++;
  }
  expect(consumed).toBe(paragraph);
  return void lineCount;
}

describe('renderCertificatePdf', () => {
  it('prints a Thai certificate with name, course, serial and the Buddhist Era date, and writes the docs image', async () => {
    const input = sampleCertificateInput('th', template('th'));
    const { file, text, warnings } = await render(input);
    expect(warnings).toEqual([]);
    expectInOrder(text, [
      'นางสาวกิ่งแก้ว ศรีสุวรรณ์',
      'การปฐมพยาบาลเบื้องต้น',
      'จำนวนชั่วโมงการเรียนรู้ 12.5 ชั่วโมง',
      'ให้ไว้ ณ วันที่ 23 พฤศจิกายน พ.ศ. 2569',
    ]);
    expect(text).toContain('เลขที่ BR-2569-000123');
    expect(text).toContain('https://lms.example.org/verify/SAMPLE0000');
    expect(text).toContain('นายแพทย์สมศักดิ์ ใจดี');
    // The long course title wraps, and only between Thai words.
    expect(text).not.toContain(input.courseTitle);
    expectBreaksBetweenWords(text, input.courseTitle, 'th');

    const images = path.join(__dirname, '../../../docs/images');
    mkdirSync(images, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', file, path.join(images, 'certificate-th')]);
    const size = statSync(path.join(images, 'certificate-th.png')).size;
    expect(size).toBeGreaterThan(20_000);
    expect(size).toBeLessThan(300_000);
  });

  it('prints English and Vietnamese certificates with their dates in their language', async () => {
    const en = await render(sampleCertificateInput('en', template('en')));
    expectInOrder(en.text, [
      'Certificate of Completion',
      'Alexandra Whitfield',
      'First Aid and Basic Life Support for Health Workers',
      'Learning hours: 12.5',
      'Issued on 23 November 2026',
    ]);
    expect(en.text).toContain('Serial BR-2569-000123');

    const vi = await render(sampleCertificateInput('vi', template('vi')));
    // Vietnamese letters come from two font files (latin + vietnamese subsets) in one line.
    expectInOrder(vi.text, [
      'Giấy chứng nhận hoàn thành',
      'Nguyễn Thị Thủy Tiên',
      'Sơ cấp cứu và hồi sinh tim phổi cơ bản cho nhân viên y tế',
      'Số giờ học: 12,5 giờ',
      'Cấp ngày 23 tháng 11 năm 2026',
    ]);
    expect(vi.text).toContain('Trần Văn Đức');
    expect(vi.warnings).toEqual([]);
  });

  it('prints a Vietnamese name typed with combining accents (NFD) without missing glyphs', async () => {
    const learnerName = 'Nguyễn Thị Thủy Tiên'.normalize('NFD');
    const { text, warnings } = await render({ ...sampleCertificateInput('vi', template('vi')), learnerName });
    expect(warnings).toEqual([]);
    expect(text).toContain('Nguyễn Thị Thủy Tiên'.normalize('NFC'));
  });

  it('dates a certificate by the day in Bangkok', async () => {
    const input = { ...sampleCertificateInput('th', template('th')), issuedAt: new Date('2026-12-31T18:30:00Z') };
    const { text } = await render(input);
    expect(text).toContain('1 มกราคม พ.ศ. 2570');
  });

  it('still renders with unreadable or missing images, and says so', async () => {
    const input = sampleCertificateInput('en', {
      organisationName: 'Baanrian Health Academy',
      logo: Buffer.from('<svg>not supported</svg>'),
      accentColor: 'blue',
      signatories: [
        { name: 'Dr. Somsak Jaidee', title: 'Director', signature: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
        { name: 'Tran Van Duc', title: 'Head of training', signature: null },
      ],
    });
    const { text, warnings } = await render(input);
    expect(text).toContain('Alexandra Whitfield');
    expect(text).toContain('Dr. Somsak Jaidee');
    expect(warnings).toEqual([
      expect.stringContaining('accentColor "blue"'),
      expect.stringMatching(/^logo: the image could not be read/),
      expect.stringMatching(/^signatory 1 signature: the image could not be read/),
      'signatory 2 has no signature image',
    ]);
  });

  it('shrinks an overlong name to fit, keeps every word, and warns', async () => {
    const learnerName = 'Hubert Blaine Wolfeschlegelsteinhausenbergerdorff Montgomery-Fitzwilliam';
    const { text, warnings } = await render({ ...sampleCertificateInput('en', template('en')), learnerName });
    expect(text).toContain(learnerName);
    expect(warnings).toEqual([expect.stringMatching(/^learner name is long: printed at \d+ pt instead of 34 pt$/)]);
  });

  it('never breaks a long Thai name inside a word, even when it must wrap', async () => {
    const learnerName =
      'สมเด็จพระเจ้าลูกเธอเจ้าฟ้าจุฬาภรณวลัยลักษณ์ อัครราชกุมารี กรมพระศรีสวางควัฒน วรขัตติยราชนารี และนามสกุลยาวมากเป็นพิเศษ';
    const { text, warnings } = await render({ ...sampleCertificateInput('th', template('th')), learnerName });
    expect(warnings).toContainEqual('learner name does not fit on 1 line(s): printed on 2');
    expectBreaksBetweenWords(text, learnerName, 'th');
  });

  it('prints more than three signatories as the first three, with a warning', async () => {
    const signatories = ['A One', 'B Two', 'C Three', 'D Four'].map((name) => ({ name, title: 'Board', signature: signaturePng() }));
    const { text, warnings } = await render(sampleCertificateInput('en', { organisationName: 'Org', signatories }));
    expect(text).toContain('C Three');
    expect(text).not.toContain('D Four');
    expect(warnings).toEqual(['only the first 3 of 4 signatories were printed']);
  });
});

describe('breakablePieces', () => {
  it('keeps brackets and punctuation with their words so no line starts with "," or ends with "("', () => {
    expect(breakablePieces('หลักสูตร (ฉบับปรับปรุง) การดูแล, ผู้สูงอายุ', 'th')).toEqual([
      'หลักสูตร', ' ', '(ฉบับ', 'ปรับปรุง)', ' ', 'การ', 'ดูแล,', ' ', 'ผู้', 'สูง', 'อายุ',
    ]);
  });
});
