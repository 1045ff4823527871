/** A yearly title rule ("learning citizen"), as administrators define it. */
export interface TitleRule {
  /** Thai fiscal year, Buddhist Era: FY 2570 runs from 1 October 2569 to 30 September 2570 (2026–2027 CE). */
  fiscalYear: number;
  name: { th: string; en?: string; vi?: string };
  minCompletedCourses: number;
  minHours: number;
}

export type TitleLocale = 'th' | 'en' | 'vi';

/** What a title's Achievement says: the same for every learner awarded it (no one's own figures). */
export interface TitleAchievementText {
  name: string;
  description: string;
  criteriaNarrative: string;
}

/** The achievement id of a title rule: a public URL that serves the rule as an OB 3.0 Achievement. */
export function titleAchievementUrl(publicUrl: string, ruleId: string): string {
  return `${publicUrl}/api/v1/credentials/titles/${ruleId}`;
}

/**
 * Name, description and criteria of a title in one language. The criteria are the rule's, so a
 * verifier reads what was required, and the Achievement served at the title's URL says the same.
 */
export function titleAchievementText(rule: TitleRule, locale: TitleLocale): TitleAchievementText {
  const name = rule.name[locale]?.trim() || rule.name.th;
  const fy = rule.fiscalYear;
  const courses = rule.minCompletedCourses;
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(rule.minHours);
  // FY 2570 B.E. = 1 Oct 2569 B.E. (2026 CE) to 30 Sep 2570 B.E. (2027 CE).
  const criteria: Record<TitleLocale, string> = {
    th: `เรียนจบอย่างน้อย ${courses} รายวิชา และมีชั่วโมงการเรียนรู้รวมอย่างน้อย ${hours} ชั่วโมง ในปีงบประมาณ พ.ศ. ${fy} (1 ตุลาคม ${fy - 1} ถึง 30 กันยายน ${fy})`,
    en: `Completed at least ${courses} ${courses === 1 ? 'course' : 'courses'} and at least ${hours} learning hours in Thai fiscal year ${fy} B.E. (1 October ${fy - 544} to 30 September ${fy - 543})`,
    vi: `Hoàn thành ít nhất ${courses} khóa học và ít nhất ${hours} giờ học trong năm tài chính Thái Lan ${fy} P.L. (từ ngày 1/10/${fy - 544} đến ngày 30/9/${fy - 543})`,
  };
  const description: Record<TitleLocale, string> = {
    th: `${name} ประจำปีงบประมาณ พ.ศ. ${fy}`,
    en: `${name}, fiscal year ${fy} B.E.`,
    vi: `${name}, năm tài chính ${fy} P.L.`,
  };
  return { name, description: description[locale], criteriaNarrative: criteria[locale] };
}
