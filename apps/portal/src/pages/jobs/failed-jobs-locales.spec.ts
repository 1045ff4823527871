import { JOBS_RESOURCES } from './failed-jobs-i18n';

/** Every key path, with plural suffixes (_one, _other…) folded together. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}
const sorted = (value: unknown) => [...new Set(keys(value))].sort();

describe('failed jobs translations', () => {
  it.each(['en', 'vi'] as const)('%s has exactly the keys Thai has', (locale) => {
    expect(sorted(JOBS_RESOURCES[locale])).toEqual(sorted(JOBS_RESOURCES.th));
  });

  it.each(['th', 'en', 'vi'] as const)('%s has no empty strings and keeps the placeholders', (locale) => {
    const empty = (value: unknown, path: string): string[] =>
      typeof value === 'string' ? (value.trim() ? [] : [path]) : Object.entries(value as object).flatMap(([key, child]) => empty(child, `${path}.${key}`));
    expect(empty(JOBS_RESOURCES[locale], locale)).toEqual([]);
    expect(JOBS_RESOURCES[locale].dismissTitle).toContain('{{name}}');
    expect(JOBS_RESOURCES[locale].attempts_other).toContain('{{count}}');
  });
});
