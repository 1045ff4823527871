import type { ReportResult } from '@baanrian/contracts';

/** Cells a spreadsheet would run as formulas, or that hide such a start behind a tab or CR. */
export const FORMULA_CORPUS = ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1+1', '\r=1+1', '=HYPERLINK("http://x.example")', "=cmd|' /C calc'!A0"];

/** A fiscal-year report shaped like the Chiang Mai programme's, with hostile course titles. */
export function sampleReportResult(): ReportResult {
  const measures = ['classes_online', 'learners_online', 'learners_onsite', 'participants', 'completion_rate', 'reach_total'] as const;
  const row = (key: string, label: string, n: number) => ({
    key,
    label,
    values: { classes_online: n, learners_online: n * 50, learners_onsite: n * 3, participants: n * 52, completion_rate: 40 + n / 10, reach_total: n * 500 },
  });
  return {
    period: { key: 'fy:2566', kind: 'fiscal_year', from: '2022-10-01', to: '2023-09-30', fiscalYear: 2566, label: 'ปีงบประมาณ 2566' },
    preset: 'fiscal_year_summary',
    measures: [...measures],
    filters: {},
    totals: {
      classes_online: { actual: 35, target: 30, percentOfPlan: 116.7 },
      learners_online: { actual: 1876, target: 2000, percentOfPlan: 93.8 },
      learners_onsite: { actual: 116, target: null, percentOfPlan: null },
      participants: { actual: 2478, target: 2450, percentOfPlan: 101.1 },
      completion_rate: { actual: 61.5, target: null, percentOfPlan: null },
      reach_total: { actual: 17852, target: 15000, percentOfPlan: 119 },
    },
    breakdowns: [
      {
        dimension: 'target_group',
        rows: [row('youth', 'เยาวชน', 9), row('elderly', 'ผู้สูงอายุ', 14), row('general_public', 'บุคคลทั่วไป', 12)],
      },
      {
        dimension: 'course',
        rows: [
          row('c1', 'การใช้สมาร์ตโฟนอย่างปลอดภัยสำหรับผู้สูงอายุ ตอนที่ ๑: ตั้งค่าเครื่องและป้องกันมิจฉาชีพ', 7),
          row('c2', 'Nấu ăn tại nhà – món Việt', 4),
          ...FORMULA_CORPUS.map((label, i) => row(`x${i}`, label, i + 1)),
        ],
      },
    ],
    funnel: { reach: 17852, enrolled: 2600, attended: 2478, completed: 1500 },
    freshAt: '2023-10-01T00:00:00.000Z',
  };
}
