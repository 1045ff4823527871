import { ATTENDANCE_METHODS, ENROLLMENT_CHANNELS, ENROLLMENT_SOURCES, ENROLLMENT_STATUSES } from '@baanrian/contracts';
import { IMPORT_REJECT_REASONS } from './teaching-api';
import { TEACHING_RESOURCES } from './teaching-i18n';

/** Every key path, with plural suffixes (_one, _other…) folded together. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}
const sorted = (value: unknown) => [...new Set(keys(value))].sort();

describe('teaching translations', () => {
  it.each(['en', 'vi'] as const)('%s has exactly the keys Thai has', (locale) => {
    expect(sorted(TEACHING_RESOURCES[locale])).toEqual(sorted(TEACHING_RESOURCES.th));
  });

  it.each(['th', 'en', 'vi'] as const)('%s has no empty strings and names every status, channel, source, method and import reason', (locale) => {
    const strings = TEACHING_RESOURCES[locale];
    const empty = (value: unknown, path: string): string[] =>
      typeof value === 'string' ? (value.trim() ? [] : [path]) : Object.entries(value as object).flatMap(([key, child]) => empty(child, `${path}.${key}`));
    expect(empty(strings, locale)).toEqual([]);
    for (const status of ENROLLMENT_STATUSES) expect(strings.status[status]).toBeTruthy();
    for (const channel of ENROLLMENT_CHANNELS) expect(strings.channel[channel]).toBeTruthy();
    for (const source of ENROLLMENT_SOURCES) expect(strings.source[source]).toBeTruthy();
    for (const method of ATTENDANCE_METHODS) expect(strings.method[method]).toContain('{{time}}');
    for (const reason of IMPORT_REJECT_REASONS) expect(strings.import.reason[reason]).toBeTruthy();
  });
});
