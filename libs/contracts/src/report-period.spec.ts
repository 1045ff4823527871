import { bangkokDay, fiscalMonthIndex, fiscalYearOf, isPeriodError, parsePeriod, periodMonths } from './report-period';

describe('report periods', () => {
  it('put 30 September and 1 October in different fiscal years, in Bangkok time', () => {
    // 30 Sep 2026 23:59 in Bangkok is 16:59 UTC; 1 Oct 2026 00:00 in Bangkok is still 30 Sep in UTC.
    expect(fiscalYearOf(new Date('2026-09-30T16:59:59Z'))).toBe(2569);
    expect(fiscalYearOf(new Date('2026-09-30T17:00:00Z'))).toBe(2570);
    expect(bangkokDay(new Date('2026-09-30T17:00:00Z'))).toBe('2026-10-01');
  });

  it('name fiscal years in the Buddhist Era by the year they end in', () => {
    expect(parsePeriod('fy:2569')).toMatchObject({ kind: 'fiscal_year', from: '2025-10-01', to: '2026-09-30', fiscalYear: 2569 });
    expect(parsePeriod('fy:2569:h1')).toMatchObject({ from: '2025-10-01', to: '2026-03-31' });
    expect(parsePeriod('fy:2569:h2')).toMatchObject({ from: '2026-04-01', to: '2026-09-30' });
    expect(parsePeriod('fy:2569:q1')).toMatchObject({ from: '2025-10-01', to: '2025-12-31' });
    expect(parsePeriod('fy:2569:q2')).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(parsePeriod('fy:2569:q4')).toMatchObject({ from: '2026-07-01', to: '2026-09-30' });
  });

  it('know months, leap Februaries and calendar years', () => {
    expect(parsePeriod('month:2028-02')).toMatchObject({ from: '2028-02-01', to: '2028-02-29', fiscalYear: 2571 });
    expect(parsePeriod('cy:2026')).toMatchObject({ from: '2026-01-01', to: '2026-12-31', fiscalYear: 2569 });
    expect(fiscalMonthIndex('2025-10-15')).toBe(0);
    expect(fiscalMonthIndex('2026-09-01')).toBe(11);
    expect(periodMonths({ from: '2025-11-20', to: '2026-01-03' })).toEqual(['2025-11', '2025-12', '2026-01']);
  });

  it('refuse a range that ends before it starts, bad dates and unknown forms', () => {
    expect(parsePeriod('range:2026-02-10..2026-01-05')).toEqual({ error: 'period_order' });
    expect(parsePeriod('range:2026-02-30..2026-03-05')).toEqual({ error: 'period_format' });
    expect(parsePeriod('fy:2569:q5')).toEqual({ error: 'period_format' });
    expect(parsePeriod('month:2026-13')).toEqual({ error: 'period_format' });
    expect(parsePeriod('range:2000-01-01..2020-01-01')).toEqual({ error: 'period_too_long' });
    const ok = parsePeriod('range:2026-01-05..2026-01-05');
    expect(isPeriodError(ok)).toBe(false);
  });
});
