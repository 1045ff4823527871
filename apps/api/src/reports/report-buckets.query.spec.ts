import { isPeriodError, parsePeriod, type ReportPeriod } from '@baanrian/contracts';
import { bucketDimensions, periodBucket } from './report-buckets.query';
import type { ReportContext } from './report-sql';

const period = (key: string): ReportPeriod => {
  const parsed = parsePeriod(key);
  if (isPeriodError(parsed)) throw new Error(key);
  return parsed;
};
const ctx = (key: string, narrow: Partial<ReportContext> = {}): ReportContext => ({
  period: period(key),
  targetGroups: null,
  format: null,
  province: null,
  district: null,
  courseIds: null,
  ...narrow,
});

describe('which reports read the learner buckets', () => {
  it.each([
    ['fy:2569', 2569, 0b111111111111],
    ['fy:2569:h2', 2569, 0b111111000000],
    ['fy:2569:q1', 2569, 0b000000000111],
    ['fy:2568:q4', 2568, 0b111000000000],
    ['month:2025-10', 2569, 0b1],
    ['month:2026-09', 2569, 0b100000000000],
    // A custom range that is exactly a quarter reads the quarter.
    ['range:2025-01-01..2025-03-31', 2568, 0b000000111000],
  ])('%s is fiscal year %d, months %i', (key, fiscalYear, mask) => {
    expect(periodBucket(period(key))).toEqual({ fiscalYear, mask });
  });

  it.each(['cy:2026', 'range:2025-09-01..2025-10-31', 'range:2025-10-01..2025-11-30', 'range:2025-10-02..2025-12-31', 'range:2025-11-01..2026-01-31'])(
    '%s is not one bucket (two fiscal years, months that make no quarter, or a cut month)',
    (key) => {
      expect(periodBucket(period(key))).toBeNull();
    },
  );

  it('serve totals, time buckets, target groups and areas, with target-group and area filters', () => {
    const dims = [null, 'month', 'quarter', 'half', 'target_group', 'province', 'district', 'course', 'format', 'instructor'] as const;
    expect(bucketDimensions(ctx('fy:2569', { targetGroups: ['youth'], province: 'เชียงใหม่', district: '' }), [...dims])).toEqual([null, 'month', 'quarter', 'half', 'target_group', 'province', 'district']);
  });

  it('leave course scopes, channel filters and other periods to the other paths', () => {
    expect(bucketDimensions(ctx('fy:2569', { courseIds: ['00000000-0000-0000-0000-000000000000'] }), [null, 'month'])).toEqual([]);
    expect(bucketDimensions(ctx('fy:2569', { format: 'online' }), [null, 'month'])).toEqual([]);
    expect(bucketDimensions(ctx('cy:2026'), [null, 'month'])).toEqual([]);
  });
});
