import { currentFiscalYear, fiscalYearOfDay, type Locale, type LocalizedText, pickText } from '@baanrian/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../authz/authz.types';
import type { ReportOptionsDto } from './report.dto';
import { resolveCourseScope } from './report-scope';
import { COURSE_TEACHER } from './report-sql';

/** What the report builder offers: years, areas, courses and instructors within the viewer's scope. */
@Injectable()
export class ReportOptionsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async options(viewer: AuthUser, locale: Locale): Promise<ReportOptionsDto> {
    const scope = await resolveCourseScope(this.db, viewer, {});
    const byScope = (column: string) => (scope ? `AND ${column} = ANY($1::uuid[])` : '');
    const params = scope ? [scope] : [];
    const [span, areas, courses, instructors] = await Promise.all([
      this.db.query(`SELECT min(d.day)::text AS first, max(d.day)::text AS last FROM report_course_day d WHERE true ${byScope('d.course_id')}`, params),
      // Everyone's areas come from the narrow learner-year table; an instructor's from their courses' rows.
      scope
        ? this.db.query(`SELECT DISTINCT province, district FROM report_course_day WHERE course_id = ANY($1::uuid[])`, params)
        : this.db.query(`SELECT DISTINCT province, district FROM report_learner_year`),
      this.db.query(`SELECT c.id, c.title FROM course c WHERE c.published_at IS NOT NULL ${byScope('c.id')}`, params),
      scope
        ? this.db.query(`SELECT id, display_name AS name FROM app_user WHERE id = $1`, [viewer.id])
        : this.db.query(`SELECT u.id, u.display_name AS name FROM app_user u WHERE u.id IN (SELECT t.user_id FROM ${COURSE_TEACHER} t)`),
    ]);
    const current = currentFiscalYear();
    const [{ first, last }] = span as { first: string | null; last: string | null }[];
    const years = new Set([current]);
    if (first && last) for (let fy = fiscalYearOfDay(first); fy <= fiscalYearOfDay(last); fy++) years.add(fy);
    const collator = new Intl.Collator(locale);
    const areaRows = areas as { province: string; district: string }[];
    return {
      currentFiscalYear: current,
      fiscalYears: [...years].sort((a, b) => b - a),
      provinces: [...new Set(areaRows.map((a) => a.province).filter(Boolean))].sort(collator.compare),
      districts: areaRows
        .filter((a) => a.district)
        .sort((a, b) => collator.compare(a.province, b.province) || collator.compare(a.district, b.district))
        .map((a) => ({ province: a.province, district: a.district })),
      courses: (courses as { id: string; title: LocalizedText }[]).map((c) => ({ id: c.id, title: pickText(c.title, locale) })).sort((a, b) => collator.compare(a.title, b.title)),
      instructors: (instructors as { id: string; name: string }[]).sort((a, b) => collator.compare(a.name, b.name)),
    };
  }
}
