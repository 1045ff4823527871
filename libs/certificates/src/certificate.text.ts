import type { CertificateLocale } from './certificate.types';

/** Certificates are issued by a Thai organisation: the date is the day in Bangkok. */
const TIME_ZONE = 'Asia/Bangkok';

/**
 * The issue date as people write it: Thai uses the Buddhist Era with "พ.ศ." (CLDR's buddhist calendar
 * prints the year without the era in long form, so the era is added here), Vietnamese "ngày … tháng …
 * năm …", English day month year.
 */
export function formatCertificateDate(date: Date, locale: CertificateLocale): string {
  const parts = (loc: string) =>
    Object.fromEntries(
      new Intl.DateTimeFormat(loc, { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' })
        .formatToParts(date)
        .map((p) => [p.type, p.value]),
    ) as Record<string, string>;
  if (locale === 'th') {
    const p = parts('th-TH-u-ca-gregory-nu-latn');
    return `${p.day} ${p.month} พ.ศ. ${Number(p.year) + 543}`;
  }
  if (locale === 'vi') {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: 'numeric', month: 'numeric', year: 'numeric' })
        .formatToParts(date)
        .map((x) => [x.type, x.value]),
    ) as Record<string, string>;
    return `ngày ${p.day} tháng ${p.month} năm ${p.year}`;
  }
  const p = parts('en-GB');
  return `${p.day} ${p.month} ${p.year}`;
}

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
  return new Intl.NumberFormat(locale === 'th' ? 'th-TH-u-nu-latn' : locale, { maximumFractionDigits: 2 }).format(hours);
}

/**
 * Splits text into pieces a line may break after. Thai has no spaces between words, so the ICU word
 * dictionary decides; a break is never placed inside a word. Whitespace pieces are kept so widths
 * add up, and dropped at line ends by the layout.
 */
export function breakablePieces(text: string, locale: CertificateLocale): string[] {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  const pieces: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    const last = pieces.length - 1;
    // Punctuation sticks to the word before it ("course," or "(ฉบับ"): no line starts with a comma.
    if (!isWordLike && !/^\s+$/.test(segment) && last >= 0 && !/^\s+$/.test(pieces[last])) pieces[last] += segment;
    else pieces.push(segment);
  }
  return pieces;
}

/** Greedy line filling over breakable pieces; a single word wider than the line gets its own line. */
export function wrapPieces(pieces: string[], maxWidth: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const candidate = current + piece;
    if (current.trim() && /\S/.test(piece) && measure(candidate.trimEnd()) > maxWidth) {
      lines.push(current.trim());
      current = piece;
    } else {
      current = candidate;
    }
  }
  if (current.trim()) lines.push(current.trim());
  return lines;
}
