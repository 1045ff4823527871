import type { LocalizedText } from '@baanrian/contracts';

/**
 * One normal form for catalog text and queries, so a query matches however it was typed:
 * NFC, lower case, Vietnamese (and other Latin) diacritics removed (`đ` → `d`), punctuation
 * turned into spaces, whitespace collapsed. Thai marks are letters of their own block
 * (U+0E00–U+0E7F), not combining Latin marks, so Thai text is left as it is.
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

const THAI = /[\u0e00-\u0e7f]/;
// Created once: a segmenter loads the ICU dictionary for Thai.
const thaiWords = new Intl.Segmenter('th', { granularity: 'word' });

/** Thai runs split into dictionary words (ICU); other text is returned as its space-separated words. */
export function segmentWords(normalized: string): string[] {
  const words: string[] = [];
  for (const chunk of normalized.split(' ')) {
    if (!chunk) continue;
    if (!THAI.test(chunk)) {
      words.push(chunk);
      continue;
    }
    for (const { segment, isWordLike } of thaiWords.segment(chunk)) if (isWordLike) words.push(segment);
  }
  return words;
}

/**
 * The searchable text of a catalog entry: every language's title and summary, and the tags,
 * normalised; then the Thai words of that text again, separated by spaces (Intl.Segmenter). The
 * substring search needs only the first part; the word list gives short queries ("ผู้", "ai") a
 * word start to match, and gives `word_similarity` ranking word boundaries inside Thai.
 */
export function buildSearchText(parts: { title: LocalizedText; summary: LocalizedText; tags: string[] }): string {
  const texts = [...Object.values(parts.title), ...Object.values(parts.summary), ...parts.tags];
  const normalized = normalizeSearchText(texts.filter((t): t is string => typeof t === 'string').join(' \u2029 '));
  if (!THAI.test(normalized)) return normalized;
  const thai = segmentWords(normalized).filter((word) => THAI.test(word));
  return `${normalized} ${thai.join(' ')}`;
}

/** Queries shorter than this (in characters) cannot use trigrams: they match at a word start instead. */
export const MIN_SUBSTRING_TERM = 3;

/**
 * A free-text query as search terms: normalised, then split into words (Thai by dictionary,
 * since Thai is typed without spaces). Every long term must occur in the entry; short terms
 * only count when there is no long one (a word-start match then).
 */
export function searchTerms(query: string): { normalized: string; substrings: string[]; prefixes: string[] } {
  const normalized = normalizeSearchText(query);
  const words = [...new Set(segmentWords(normalized))];
  const long = words.filter((w) => [...w].length >= MIN_SUBSTRING_TERM);
  if (long.length > 0) return { normalized, substrings: long, prefixes: [] };
  return { normalized, substrings: [], prefixes: words };
}
