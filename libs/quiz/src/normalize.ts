/**
 * Text and number normalisation for grading typed answers. Learners type on cheap phones with
 * different keyboards: the same Thai or Vietnamese word arrives as different code point sequences,
 * so short answers are compared on a normalised key, never on the raw text.
 */

// Thai combining marks: above/below vowels, maitaikhu, nikhahit (rank 0), tone marks (rank 1),
// thanthakhat and yamakkan (rank 2). The Unicode combining classes of the upper vowels are 0, so
// NFC leaves "tone before vowel" alone: the reorder is ours.
const THAI_MARK_RUN = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]{2,}/g;
const THAI_TONE = /[\u0E48-\u0E4B]/;
const thaiRank = (c: string) => (THAI_TONE.test(c) ? 1 : c === '\u0E4C' || c === '\u0E4E' ? 2 : 0);

function reorderThaiMarks(run: string): string {
  const marks = [...run].map((c, i) => ({ c, i, r: thaiRank(c) }));
  marks.sort((a, b) => a.r - b.r || a.i - b.i);
  let out = '';
  // A mark typed twice renders as one: keep one.
  for (const m of marks) if (!out.endsWith(m.c)) out += m.c;
  return out;
}

/**
 * Canonical Thai spelling of what a keyboard can produce in several ways:
 * - nikhahit + sara aa (ํ + า, with the tone mark anywhere between) → tone + sara am (ำ);
 * - sara am typed before the tone mark (น + ำ + ้) → น + ้ + ำ;
 * - tone mark typed before the upper/lower vowel (ท + ่ + ี) → ท + ี + ่; repeated marks → one;
 * - sara e twice (เ + เ) → sara ae (แ).
 */
export function normalizeThai(text: string): string {
  if (!/[\u0E00-\u0E7F]/.test(text)) return text;
  return text
    .replace(/([\u0E48-\u0E4B]?)\u0E4D([\u0E48-\u0E4B]?)\u0E32/g, '$1$2\u0E33')
    .replace(/\u0E33([\u0E48-\u0E4B])/g, '$1\u0E33')
    .replace(THAI_MARK_RUN, reorderThaiMarks)
    .replace(/\u0E40\u0E40/g, '\u0E41');
}

// Vietnamese tone marks in NFD: grave, acute, tilde, hook above, dot below.
const VI_OLD_STYLE_TONE = /([oO])([\u0300\u0301\u0303\u0309\u0323])([aAeE])(?![\p{L}\p{M}])|([uU])([\u0300\u0301\u0303\u0309\u0323])([yY])(?![\p{L}\p{M}])/gu;

/**
 * Vietnamese: composed and decomposed diacritics compare equal (NFC), and the old and new tone
 * placement of word-final "oa", "oe", "uy" (hòa/hoà, khỏe/khoẻ, thúy/thuý) is unified on the
 * second vowel. Returns NFC text.
 */
export function normalizeVietnamese(text: string): string {
  const nfd = text.normalize('NFD');
  if (!/[\u0300\u0301\u0303\u0309\u0323]/.test(nfd)) return text.normalize('NFC');
  return nfd
    .replace(VI_OLD_STYLE_TONE, (_m, o, t1, a, u, t2, y) => (o ? `${o}${a}${t1}` : `${u}${y}${t2}`))
    .normalize('NFC');
}

// Spaces of every kind, zero-width space/joiners (Thai text often carries U+200B between words),
// word joiner, BOM and soft hyphen.
const SPACING = /[\s\u200B-\u200D\u2060\uFEFF\u00AD]+/g;
const THAI_DIGITS = /[\u0E50-\u0E59]/g;
const ASCII = /^[\x20-\x7E]*$/;

/** Thai digits (๐–๙) as ASCII digits. */
export const asciiDigits = (text: string) =>
  text.replace(THAI_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0x0e50 + 48));

/**
 * The comparison key of a short answer: Unicode NFC, Vietnamese tone placement, Thai mark order,
 * Thai digits as ASCII, lower case, and no spacing at all (Thai has no spaces between words, so
 * "สวัสดี ครับ" and "สวัสดีครับ" are the same answer; so are "ice cream" and "icecream").
 */
export function normalizeAnswer(text: string): string {
  // Most answers are ASCII: skip the Unicode work.
  if (ASCII.test(text)) return text.toLowerCase().replace(SPACING, '');
  return asciiDigits(normalizeThai(normalizeVietnamese(text)))
    .toLowerCase()
    .replace(SPACING, '')
    .normalize('NFC');
}

/**
 * A compiled short-answer pattern: `*` matches any characters, `\*` is a literal star. The parts
 * between stars are normalised like answers and matched greedily left to right (linear time, no
 * regular expression built from author input).
 */
export interface AnswerPattern {
  parts: string[];
  wildcard: boolean;
}

export function compileAnswerPattern(answer: string): AnswerPattern {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < answer.length; i++) {
    const c = answer[i];
    if (c === '\\' && answer[i + 1] === '*') {
      current += '*';
      i++;
    } else if (c === '*') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return { parts: parts.map(normalizeAnswer), wildcard: parts.length > 1 };
}

/** Does a normalised response match the pattern? */
export function matchesPattern(key: string, pattern: AnswerPattern): boolean {
  const { parts } = pattern;
  if (!pattern.wildcard) return key === parts[0];
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (key.length < first.length + last.length) return false;
  if (!key.startsWith(first) || !key.endsWith(last)) return false;
  let at = first.length;
  const end = key.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = key.indexOf(parts[i], at);
    if (found < 0 || found + parts[i].length > end) return false;
    at = found + parts[i].length;
  }
  return true;
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * The readings of a typed number. Thai digits, spaces, a Unicode minus and both decimal marks are
 * accepted: with both "," and "." the last one is the decimal mark; a lone "," is a decimal comma
 * (Vietnamese "3,14"); repeated "," or "." group thousands. "1,000" and "1.000" are ambiguous
 * (English 1000 or 1; Vietnamese 1 or 1000): both readings are returned and the grader keeps the
 * better one. Returns [] when the text is not a number.
 */
export function parseNumberReadings(text: string): number[] {
  const s = (ASCII.test(text) ? text : asciiDigits(text.normalize('NFC')))
    .replace(/[\s\u00A0\u202F\u2009]+/g, '')
    .replace(/\u2212/g, '-');
  if (!s) return [];
  if (PLAIN_NUMBER.test(s)) {
    // "1.000" reads as 1 or, Vietnamese style, 1000.
    if (/^[+-]?\d{1,3}\.\d{3}$/.test(s)) return [Number(s), Number(s.replace('.', ''))];
    return [Number(s)];
  }
  const num = (t: string) => (PLAIN_NUMBER.test(t) ? [Number(t)] : []);
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const cut = Math.max(lastComma, lastDot);
    const group = cut === lastComma ? '.' : ',';
    const intPart = s.slice(0, cut);
    const frac = s.slice(cut + 1);
    if (!new RegExp(`^[+-]?\\d{1,3}(?:\\${group}\\d{3})+$`).test(intPart) || !/^\d+$/.test(frac)) return [];
    return num(`${intPart.split(group).join('')}.${frac}`);
  }
  if (lastComma >= 0) {
    const pieces = s.split(',');
    if (pieces.length === 2) {
      const decimalReading = num(`${pieces[0]}.${pieces[1]}`);
      if (/^[+-]?\d{1,3},\d{3}$/.test(s)) return [...num(pieces.join('')), ...decimalReading];
      return decimalReading;
    }
    return /^[+-]?\d{1,3}(?:,\d{3})+$/.test(s) ? num(pieces.join('')) : [];
  }
  // Several dots: Vietnamese thousands grouping ("1.000.000").
  return /^[+-]?\d{1,3}(?:\.\d{3})+$/.test(s) ? num(s.split('.').join('')) : [];
}
