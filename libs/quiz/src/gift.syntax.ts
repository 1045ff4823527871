/**
 * GIFT lexical rules shared by the importer and the exporter, following Moodle's qformat_gift:
 * escapes `\~ \= \# \{ \} \: \\ \n`, text format prefixes `[html]`, `[markdown]`, `[plain]`,
 * `[moodle]`, and percentage weights `%50%`.
 */
import { TEXT_FORMATS, type RichText, type TextFormat } from '@baanrian/contracts';

/** Escaped control characters become private-use placeholders until the structure is parsed. */
const PLACEHOLDER_BASE = 0xe000;
export const GIFT_ESCAPABLE = ':#={}~';
export const placeholder = (c: string) => String.fromCharCode(PLACEHOLDER_BASE + c.charCodeAt(0));
const PLACEHOLDERS = /[\uE000-\uE07F]/g;

/** Placeholders back to the characters they stand for. */
export const unescapeGift = (text: string) =>
  text.replace(PLACEHOLDERS, (c) => String.fromCharCode(c.charCodeAt(0) - PLACEHOLDER_BASE));

/** Text content as GIFT: control characters and backslashes escaped, line breaks as `\n`. */
export function escapeGift(text: string): string {
  return text.replace(/[\\~=#{}:\n\r]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '' : `\\${c}`));
}

export const isTextFormat = (name: string): name is TextFormat => (TEXT_FORMATS as readonly string[]).includes(name);

/** Moodle's parse_text_with_format: an optional `[format]` prefix, then the unescaped, trimmed text. */
export function parseTextWithFormat(raw: string, defaultFormat: TextFormat): RichText {
  let format = defaultFormat;
  let text = raw;
  if (raw.startsWith('[')) {
    const end = raw.indexOf(']');
    const name = end > 0 ? raw.slice(1, end) : '';
    if (isTextFormat(name)) {
      format = name;
      text = raw.slice(end + 1);
    }
  }
  return { text: unescapeGift(text).trim(), format };
}

/** A rich text as GIFT, with a format prefix when it differs from the default or the text needs one. */
export function writeRichText(rich: RichText, defaultFormat: TextFormat): string {
  const needsPrefix = rich.format !== defaultFormat || rich.text.startsWith('[');
  return `${needsPrefix ? `[${rich.format}]` : ''}${escapeGift(rich.text)}`;
}

/** `%50%`, `%-33.33333%`: the weight prefix of an answer. */
export const WEIGHT_PREFIX = /^%(-?\d+(?:\.\d*)?)%/;

/** Percent (as written) to a fraction, rounded so that 7% reads as exactly 0.07. */
export const percentToWeight = (percent: number) => Math.round(percent * 1e5) / 1e7;

export function weightToPercent(weight: number): string {
  return String(Number((weight * 100).toFixed(5)));
}

/** Moodle-style comment annotations: `// [id:q1] [tag:grammar] [tag:tones]`. */
export function readAnnotations(comment: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const m of comment.matchAll(/\[([a-z-]+):((?:\\.|[^[\]\\])+)\]/g)) {
    const value = m[2].replace(/\\(.)/g, '$1').trim();
    if (!value) continue;
    const list = found.get(m[1]) ?? [];
    list.push(value);
    found.set(m[1], list);
  }
  return found;
}

export const writeAnnotation = (key: string, value: string) =>
  `[${key}:${value.replace(/[\r\n]+/g, ' ').replace(/[\\[\]]/g, (c) => `\\${c}`)}]`;
