import { thaiFiscalYear, thaiFiscalYearRange } from './course';

describe('Thai fiscal year', () => {
  it('runs 1 October to 30 September and is named in the Buddhist Era', () => {
    // Chiang Mai's FY 2566 programme: October 2022 to September 2023.
    expect(thaiFiscalYear('2022-10-01T00:00:00+07:00')).toBe(2566);
    expect(thaiFiscalYear('2023-09-30T23:59:59+07:00')).toBe(2566);
    expect(thaiFiscalYear('2023-10-01T00:00:00+07:00')).toBe(2567);
  });

  it('turns at midnight in Bangkok, not in UTC', () => {
    // 30 Sep 2023 20:00 UTC is already 1 Oct 03:00 in Bangkok.
    expect(thaiFiscalYear('2023-09-30T20:00:00Z')).toBe(2567);
  });

  it('gives the range of a year for queries', () => {
    const { start, end } = thaiFiscalYearRange(2566);
    expect(start.toISOString()).toBe('2022-09-30T17:00:00.000Z');
    expect(end.toISOString()).toBe('2023-09-30T17:00:00.000Z');
    expect(thaiFiscalYear(start)).toBe(2566);
    expect(thaiFiscalYear(new Date(end.getTime() - 1))).toBe(2566);
  });
});
