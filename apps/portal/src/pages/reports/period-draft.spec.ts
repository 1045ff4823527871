import { defaultDraft, draftFromPeriod, draftToPeriod, fiscalYearMonths, withFiscalYear, type PeriodDraft } from './period-draft';

const draft = (patch: Partial<PeriodDraft>): PeriodDraft => ({ ...defaultDraft(2569), ...patch });

describe('period picker model', () => {
  it('lists a fiscal year’s months from October to September (FY 2569 = Oct 2025 – Sep 2026)', () => {
    const months = fiscalYearMonths(2569);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2025-10');
    expect(months[3]).toBe('2026-01');
    expect(months[11]).toBe('2026-09');
  });

  it('writes every kind as the API’s period string', () => {
    expect(draftToPeriod(draft({ kind: 'fiscal_year' }))).toEqual({ key: 'fy:2569' });
    expect(draftToPeriod(draft({ kind: 'half', half: 2 }))).toEqual({ key: 'fy:2569:h2' });
    expect(draftToPeriod(draft({ kind: 'quarter', quarter: 3 }))).toEqual({ key: 'fy:2569:q3' });
    expect(draftToPeriod(draft({ kind: 'month', month: '2026-03' }))).toEqual({ key: 'month:2026-03' });
    expect(draftToPeriod(draft({ kind: 'calendar_year', calendarYear: 2026 }))).toEqual({ key: 'cy:2026' });
    expect(draftToPeriod(draft({ kind: 'range', from: '2026-01-05', to: '2026-02-10' }))).toEqual({ key: 'range:2026-01-05..2026-02-10' });
    expect(draftToPeriod(draft({ kind: 'range', from: '2026-01-05', to: '2026-01-05' }))).toEqual({ key: 'range:2026-01-05..2026-01-05' });
  });

  it('puts each range error next to the field it belongs to', () => {
    expect(draftToPeriod(draft({ kind: 'range', from: '', to: '2026-02-10' }))).toEqual({ error: 'range_missing', field: 'from' });
    expect(draftToPeriod(draft({ kind: 'range', from: '2026-01-05', to: '' }))).toEqual({ error: 'range_missing', field: 'to' });
    // The end before the start: the error is on the end.
    expect(draftToPeriod(draft({ kind: 'range', from: '2026-02-10', to: '2026-01-05' }))).toEqual({ error: 'range_order', field: 'to' });
    expect(draftToPeriod(draft({ kind: 'range', from: '2026-02-31', to: '2026-03-05' }))).toEqual({ error: 'range_format', field: 'from' });
    expect(draftToPeriod(draft({ kind: 'range', from: '2026-02-01', to: '2026-13-05' }))).toEqual({ error: 'range_format', field: 'to' });
    expect(draftToPeriod(draft({ kind: 'range', from: '2010-01-01', to: '2026-01-01' }))).toEqual({ error: 'range_too_long', field: 'to' });
  });

  it('reads a period string back into the picker, and falls back to the fiscal year when it cannot', () => {
    for (const key of ['fy:2568', 'fy:2569:h1', 'fy:2569:q4', 'month:2026-03', 'cy:2025', 'range:2026-01-05..2026-02-10']) {
      expect(draftToPeriod(draftFromPeriod(key, 2569))).toEqual({ key });
    }
    expect(draftFromPeriod('month:2026-03', 2570)).toMatchObject({ kind: 'month', fiscalYear: 2569, month: '2026-03' });
    expect(draftFromPeriod('fy:2569:nonsense', 2570)).toEqual(defaultDraft(2570));
    expect(draftFromPeriod('range:2026-02-10..2026-01-05', 2570)).toEqual(defaultDraft(2570));
    expect(draftFromPeriod(null, 2570)).toEqual(defaultDraft(2570));
  });

  it('keeps the fiscal month when the year changes (March stays March), and the other fields when the kind changes', () => {
    const march = draft({ kind: 'month', month: '2026-03' });
    expect(withFiscalYear(march, 2568).month).toBe('2025-03');
    expect(withFiscalYear(draft({ month: '2025-11' }), 2570).month).toBe('2026-11');
    const range = draft({ kind: 'range', from: '2026-01-05', to: '2026-02-10' });
    const back = { ...{ ...range, kind: 'quarter' as const }, kind: 'range' as const };
    expect(draftToPeriod(back)).toEqual({ key: 'range:2026-01-05..2026-02-10' });
  });
});
