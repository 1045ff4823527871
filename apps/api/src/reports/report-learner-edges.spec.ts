import { parsePeriod, type ReportPeriod } from '@baanrian/contracts';
import { splitPeriod } from './report-learner-edges.sql';

const period = (key: string) => parsePeriod(key) as ReportPeriod;
const split = (key: string) => {
  const { whole, edges } = splitPeriod(period(key));
  return { whole: whole && `${whole.from}..${whole.to}`, edges: edges.map((e) => `${e.from}..${e.to}`) };
};

describe('splitPeriod: whole months and the cut edges around them', () => {
  it('keeps whole-month periods as they are', () => {
    expect(splitPeriod(period('cy:2026'))).toEqual({ whole: period('cy:2026'), edges: [] });
    expect(split('range:2025-04-01..2026-03-31')).toEqual({ whole: '2025-04-01..2026-03-31', edges: [] });
  });

  it('cuts a range into its whole months and at most two edges, each inside one month', () => {
    expect(split('range:2025-08-10..2025-11-20')).toEqual({ whole: '2025-09-01..2025-10-31', edges: ['2025-08-10..2025-08-31', '2025-11-01..2025-11-20'] });
    expect(split('range:2025-10-05..2026-09-30')).toEqual({ whole: '2025-11-01..2026-09-30', edges: ['2025-10-05..2025-10-31'] });
    // 29 February of a leap year ends its month.
    expect(split('range:2024-01-01..2024-02-29')).toEqual({ whole: '2024-01-01..2024-02-29', edges: [] });
    expect(split('range:2024-01-01..2024-02-28')).toEqual({ whole: '2024-01-01..2024-01-31', edges: ['2024-02-01..2024-02-28'] });
  });

  it('has no whole month when the range holds none (the raw path answers it)', () => {
    expect(split('range:2025-09-15..2025-10-20')).toEqual({ whole: null, edges: ['2025-09-15..2025-10-20'] });
    expect(split('range:2026-01-05..2026-01-05')).toEqual({ whole: null, edges: ['2026-01-05..2026-01-05'] });
  });
});
