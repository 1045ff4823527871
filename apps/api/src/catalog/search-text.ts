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

/** The searchable text of a catalog entry: every language's title and summary, and the tags. */
export function buildSearchText(parts: { title: LocalizedText; summary: LocalizedText; tags: string[] }): string {
  const texts = [...Object.values(parts.title), ...Object.values(parts.summary), ...parts.tags];
  return normalizeSearchText(texts.filter((t): t is string => typeof t === 'string').join(' \u2029 '));
}
