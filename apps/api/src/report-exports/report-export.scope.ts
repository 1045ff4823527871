import type { ReportFilters } from '@baanrian/contracts';
import type { EntityManager } from 'typeorm';
import { AccountsException } from '../accounts/accounts.exception';
import type { AuthUser } from '../authz/authz.types';
import { ReportExportsException } from './report-exports.exception';

/**
 * Who may export what (the reports contract): administrators everything; instructors the courses
 * they own or co-teach (accepted invitations), so their own id is forced into the filters, and
 * asking for another instructor or a course they do not teach is refused, never silently
 * narrowed; everyone else 403.
 */
export async function scopedFilters(db: EntityManager, viewer: AuthUser, filters: ReportFilters): Promise<{ filters: ReportFilters; scopeInstructorId: string | null }> {
  if (viewer.roles.includes('admin')) return { filters, scopeInstructorId: null };
  if (!viewer.roles.includes('instructor')) throw new AccountsException('FORBIDDEN');
  if (filters.instructorId && filters.instructorId !== viewer.id) throw new ReportExportsException('REPORT_EXPORT_OUT_OF_SCOPE');
  const wanted = [...new Set(filters.courseIds ?? [])];
  if (wanted.length) {
    const [{ taught }]: { taught: number }[] = await db.query(
      `SELECT count(*)::int AS taught FROM course c WHERE c.id = ANY($1::uuid[])
         AND (c.owner_id = $2 OR EXISTS (SELECT 1 FROM course_instructor ci WHERE ci.course_id = c.id AND ci.user_id = $2 AND ci.accepted_at IS NOT NULL))`,
      [wanted, viewer.id],
    );
    if (taught !== wanted.length) throw new ReportExportsException('REPORT_EXPORT_OUT_OF_SCOPE');
  }
  return { filters: { ...filters, instructorId: viewer.id }, scopeInstructorId: viewer.id };
}
