import { QUIZ_RESOURCES } from './quiz-i18n';

/** Every key path, with plural suffixes (_one, _other…) folded together. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}
const sorted = (value: unknown) => [...new Set(keys(value))].sort();

describe('quiz translations', () => {
  it.each(['en', 'vi'] as const)('%s has exactly the keys Thai has', (locale) => {
    expect(sorted(QUIZ_RESOURCES[locale])).toEqual(sorted(QUIZ_RESOURCES.th));
  });

  it.each(['th', 'en', 'vi'] as const)('%s has no empty strings and names every results policy', (locale) => {
    const empty = (value: unknown, path: string): string[] =>
      typeof value === 'string' ? (value.trim() ? [] : [path]) : Object.entries(value as object).flatMap(([key, child]) => empty(child, `${path}.${key}`));
    expect(empty(QUIZ_RESOURCES[locale], locale)).toEqual([]);
    for (const policy of ['immediately', 'after_due', 'never'] as const) expect(QUIZ_RESOURCES[locale].overview.policy[policy]).toBeTruthy();
  });
});
