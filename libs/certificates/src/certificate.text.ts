import type { CertificateLocale } from './certificate.types';

/** Certificates are issued by a Thai organisation: the date is the day in Bangkok. */
const TIME_ZONE = 'Asia/Bangkok';

/**
 * The issue date as people write it: Thai uses the Buddhist Era with "พ.ศ." (CLDR's buddhist calendar
 * prints the year without the era in long form, so the era is added here), Vietnamese "ngày … tháng …
 * năm …", English day month year.
 */
export function formatCertificateDate(date: Date, locale: CertificateLocale): string {
  const p = Object.fromEntries(DATE_FORMATS[locale].formatToParts(date).map((x) => [x.type, x.value])) as Record<string, string>;
  if (locale === 'th') return `${p.day} ${p.month} พ.ศ. ${Number(p.year) + 543}`;
  if (locale === 'vi') return `ngày ${p.day} tháng ${p.month} năm ${p.year}`;
  return `${p.day} ${p.month} ${p.year}`;
}

// Intl objects are built once: creating them cost more than drawing a page.
const DATE_FORMATS: Record<CertificateLocale, Intl.DateTimeFormat> = {
  th: new Intl.DateTimeFormat('th-TH-u-ca-gregory-nu-latn', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }),
  vi: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: 'numeric', month: 'numeric', year: 'numeric' }),
};
const NUMBER_FORMATS: Record<CertificateLocale, Intl.NumberFormat> = {
  th: new Intl.NumberFormat('th-TH-u-nu-latn', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en', { maximumFractionDigits: 2 }),
  vi: new Intl.NumberFormat('vi', { maximumFractionDigits: 2 }),
};
const WORD_SEGMENTERS: Record<CertificateLocale, Intl.Segmenter> = {
  th: new Intl.Segmenter('th', { granularity: 'word' }),
  en: new Intl.Segmenter('en', { granularity: 'word' }),
  vi: new Intl.Segmenter('vi', { granularity: 'word' }),
};

interface Labels {
  heading: string;
  body: string;
  completed: string;
  hours: (hours: string) => string;
  issued: (date: string) => string;
  serial: string;
  verify: string;
}

export const LABELS: Record<CertificateLocale, Labels> = {
  th: {
    heading: 'ประกาศนียบัตร',
    body: 'ขอมอบประกาศนียบัตรฉบับนี้เพื่อแสดงว่า',
    completed: 'ได้ผ่านการเรียนรู้หลักสูตร',
    hours: (h) => `จำนวนชั่วโมงการเรียนรู้ ${h} ชั่วโมง`,
    issued: (d) => `ให้ไว้ ณ วันที่ ${d}`,
    serial: 'เลขที่',
    verify: 'ตรวจสอบได้ที่',
  },
  en: {
    heading: 'Certificate of Completion',
    body: 'This certifies that',
    completed: 'has completed the course',
    hours: (h) => `Learning hours: ${h}`,
    issued: (d) => `Issued on ${d}`,
    serial: 'Serial',
    verify: 'Verify at',
  },
  vi: {
    heading: 'Giấy chứng nhận hoàn thành',
    body: 'Chứng nhận rằng',
    completed: 'đã hoàn thành khóa học',
    hours: (h) => `Số giờ học: ${h} giờ`,
    issued: (d) => `Cấp ${d}`,
    serial: 'Số hiệu',
    verify: 'Xác minh tại',
  },
};

export function formatHours(hours: number, locale: CertificateLocale): string {
  return NUMBER_FORMATS[locale].format(hours);
}

/**
 * Splits text into pieces a line may break after. Thai has no spaces between words, so the ICU word
 * dictionary decides; a break is never placed inside a word. Whitespace pieces are kept so widths
 * add up, and dropped at line ends by the layout.
 */
export function breakablePieces(text: string, locale: CertificateLocale): string[] {
  const pieces: string[] = [];
  let opening = '';
  for (const { segment, isWordLike } of WORD_SEGMENTERS[locale].segment(text)) {
    const last = pieces.length - 1;
    const space = /^\s+$/.test(segment);
    if (!isWordLike && !space && /^[([{“‘«]+$/.test(segment)) {
      // Opening brackets and quotes go with the word after them: no line ends with "(".
      opening += segment;
    } else if (!isWordLike && !space && !opening && last >= 0 && !/^\s+$/.test(pieces[last])) {
      // Other punctuation sticks to the word before it: no line starts with a comma or ")".
      pieces[last] += segment;
    } else {
      pieces.push(opening + segment);
      opening = '';
    }
  }
  if (opening) pieces.push(opening);
  return pieces;
}

/**
 * Greedy line filling over breakable pieces; a single word wider than the line gets its own line.
 * Line width is the sum of piece widths (kerning across a word boundary is ignored), so each piece
 * is measured once rather than every growing prefix.
 */
export function wrapPieces(pieces: string[], maxWidth: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let current = '';
  let width = 0;
  let space = '';
  let spaceWidth = 0;
  for (const piece of pieces) {
    const pieceWidth = measure(piece);
    if (/^\s+$/.test(piece)) {
      if (current) {
        space += piece;
        spaceWidth += pieceWidth;
      }
      continue;
    }
    if (current && width + spaceWidth + pieceWidth > maxWidth) {
      lines.push(current);
      current = piece;
      width = pieceWidth;
    } else {
      current += space + piece;
      width += spaceWidth + pieceWidth;
    }
    space = '';
    spaceWidth = 0;
  }
  if (current) lines.push(current);
  return lines;
}
