import { TARGET_GROUPS, LESSON_TYPES } from '@baanrian/contracts';
import { CATALOG_RESOURCES as LIST } from './catalog-i18n';
import { COURSE_PAGE_RESOURCES as PAGE } from './course-page-i18n';

const CATALOG_RESOURCES = { th: { ...LIST.th, ...PAGE.th }, en: { ...LIST.en, ...PAGE.en }, vi: { ...LIST.vi, ...PAGE.vi } };

/** Every key path, with plural suffixes (_one, _other…) folded together. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}
const sorted = (value: unknown) => [...new Set(keys(value))].sort();

describe('catalog translations', () => {
  it('keeps list and page keys apart (the page strings are merged in later)', () => {
    expect(Object.keys(PAGE.th).filter((key) => key in LIST.th)).toEqual([]);
  });

  it.each(['en', 'vi'] as const)('%s has exactly the keys Thai has', (locale) => {
    expect(sorted(CATALOG_RESOURCES[locale])).toEqual(sorted(CATALOG_RESOURCES.th));
  });

  it.each(['th', 'en', 'vi'] as const)('%s names every target group tile and lesson type, with no empty strings', (locale) => {
    const empty = (value: unknown, path: string): string[] =>
      typeof value === 'string' ? (value.trim() ? [] : [path]) : Object.entries(value as object).flatMap(([key, child]) => empty(child, `${path}.${key}`));
    expect(empty(CATALOG_RESOURCES[locale], locale)).toEqual([]);
    for (const group of TARGET_GROUPS) expect(CATALOG_RESOURCES[locale].browse.tile[group]).toBeTruthy();
    for (const type of LESSON_TYPES) expect(CATALOG_RESOURCES[locale].page.lessonType[type]).toBeTruthy();
  });
});
