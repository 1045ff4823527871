import type { Locale } from '@baanrian/contracts';

/*
 * Words report labels are made of, in the three languages. Target groups and formats use the
 * portal's words (i18n `targetGroup.*`), so a report and the catalog name a group the same way.
 */

// The export writers' words (libs/reports), so a report on screen and its file name a group and a format alike.
export { CHANNEL_LABELS as FORMAT_LABELS, TARGET_GROUP_LABELS } from '@baanrian/reports';

/** Province or district unknown (an erased person keeps no district). */
export const UNKNOWN_AREA: Record<Locale, string> = { th: 'ไม่ระบุ', en: 'Not specified', vi: 'Không rõ' };

/** A course or instructor that no longer exists (its rows stay in the rollups). */
export const UNKNOWN_NAME: Record<Locale, string> = { th: '(ไม่ทราบชื่อ)', en: '(unknown)', vi: '(không rõ)' };

/** Abbreviated month names, January first. Thai ones as on Thai official documents. */
export const MONTH_SHORT: Record<Locale, string[]> = {
  th: ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  vi: ['Th1', 'Th2', 'Th3', 'Th4', 'Th5', 'Th6', 'Th7', 'Th8', 'Th9', 'Th10', 'Th11', 'Th12'],
};

/** Period names; `{fy}` is the fiscal year in the Buddhist Era, `{n}` the half or quarter, `{y}` a calendar year. */
export const PERIOD_WORDS: Record<'fiscal_year' | 'half' | 'quarter' | 'calendar_year', Record<Locale, string>> = {
  fiscal_year: { th: 'ปีงบประมาณ {fy}', en: 'Fiscal year {fy}', vi: 'Năm tài chính {fy}' },
  half: { th: 'ครึ่งปีที่ {n} ปีงบประมาณ {fy}', en: 'H{n} FY {fy}', vi: 'Nửa năm {n} năm tài chính {fy}' },
  quarter: { th: 'ไตรมาส {n} ปีงบประมาณ {fy}', en: 'Q{n} FY {fy}', vi: 'Quý {n} năm tài chính {fy}' },
  calendar_year: { th: 'ปี พ.ศ. {y}', en: 'Year {y}', vi: 'Năm {y}' },
};
