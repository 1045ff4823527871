import { PLANNABLE_MEASURES, REACH_CHANNELS, REPORT_DIMENSIONS, REPORT_MEASURES, REPORT_PRESETS } from '@baanrian/contracts';
import { REPORTS_RESOURCES } from './reports-i18n';

/** Every key path, with plural suffixes (_one, _other…) folded together. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}
const sorted = (value: unknown) => [...new Set(keys(value))].sort();

describe('reports translations', () => {
  it.each(['en', 'vi'] as const)('%s has exactly the keys Thai has', (locale) => {
    expect(sorted(REPORTS_RESOURCES[locale])).toEqual(sorted(REPORTS_RESOURCES.th));
  });

  it.each(['th', 'en', 'vi'] as const)('%s has no empty strings, and a name and a one-line definition for every measure, dimension, preset and channel', (locale) => {
    const empty = (value: unknown, path: string): string[] =>
      typeof value === 'string' ? (value.trim() ? [] : [path]) : Object.entries(value as object).flatMap(([key, child]) => empty(child, `${path}.${key}`));
    const strings = REPORTS_RESOURCES[locale];
    expect(empty(strings, locale)).toEqual([]);
    for (const m of REPORT_MEASURES) {
      expect(strings.measures[m].label).toBeTruthy();
      expect(strings.measures[m].definition.split(/[.!?]\s/)).toHaveLength(1); // one sentence
    }
    expect(PLANNABLE_MEASURES.every((m) => strings.measures[m])).toBe(true);
    for (const d of REPORT_DIMENSIONS) expect(strings.dimensions[d]).toBeTruthy();
    for (const p of REPORT_PRESETS) expect(strings.presets[p]).toBeTruthy();
    for (const c of REACH_CHANNELS) expect(strings.reach.channels[c]).toBeTruthy();
    expect(strings.period.fiscalYearOption).toContain('{{year}}');
  });
});
