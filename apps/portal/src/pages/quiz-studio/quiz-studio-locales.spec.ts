import { QUESTION_TYPES } from '@baanrian/contracts';
import { QUIZ_STUDIO_RESOURCES } from './quiz-studio-i18n';

/** Every key path, with plural suffixes (_one, _other…) folded together. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}
const sorted = (value: unknown) => [...new Set(keys(value))].sort();

describe('quiz studio translations', () => {
  it.each(['en', 'vi'] as const)('%s has exactly the keys Thai has', (locale) => {
    expect(sorted(QUIZ_STUDIO_RESOURCES[locale])).toEqual(sorted(QUIZ_STUDIO_RESOURCES.th));
  });

  it.each(['th', 'en', 'vi'] as const)('%s has no empty strings and names every question type', (locale) => {
    const empty = (value: unknown, path: string): string[] =>
      typeof value === 'string' ? (value.trim() ? [] : [path]) : Object.entries(value as object).flatMap(([key, child]) => empty(child, `${path}.${key}`));
    expect(empty(QUIZ_STUDIO_RESOURCES[locale], locale)).toEqual([]);
    for (const type of QUESTION_TYPES) expect(QUIZ_STUDIO_RESOURCES[locale].type[type]).toBeTruthy();
  });
});
