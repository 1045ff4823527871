import type { ReportFilters } from '@baanrian/contracts';
import { asReport, defineAbilityFor } from '../authz/ability.factory';
import type { AuthUser } from '../authz/authz.types';
import { ensureCan } from '../authz/policy';
import type { Queryable } from './report-learners.sql';
import { COURSE_TEACHER } from './report-sql';
import { ReportsException } from './reports.exception';

/** The courses an instructor owns or co-teaches (accepted), the scope of their reports. */
export async function coursesTaughtBy(db: Queryable, userId: string): Promise<string[]> {
  const rows = (await db.query(`SELECT DISTINCT t.course_id::text AS id FROM ${COURSE_TEACHER} t WHERE t.user_id = $1`, [userId])) as { id: string }[];
  return rows.map((row) => row.id);
}

/**
 * The courses a report may read, or null for all of them. Administrators read everything;
 * instructors (ability `read Report` on their own id) only their own courses, and asking for
 * another instructor or for a course they do not teach is refused (403), never silently narrowed.
 * Callers without any report ability (learners) get 403 FORBIDDEN.
 */
export async function resolveCourseScope(db: Queryable, viewer: AuthUser, filters: ReportFilters): Promise<string[] | null> {
  const ability = defineAbilityFor(viewer);
  ensureCan(ability, 'read', 'Report');
  const everything = ability.can('read', asReport({ instructorId: null }));
  if (filters.instructorId && !ability.can('read', asReport({ instructorId: filters.instructorId }))) throw new ReportsException('REPORT_OUT_OF_SCOPE');
  let scope: string[] | null = everything ? null : await coursesTaughtBy(db, viewer.id);
  if (filters.instructorId) scope = intersect(scope, await coursesTaughtBy(db, filters.instructorId));
  if (filters.courseIds?.length) {
    if (scope && !everything && filters.courseIds.some((id) => !scope?.includes(id))) throw new ReportsException('REPORT_OUT_OF_SCOPE');
    scope = intersect(scope, filters.courseIds);
  }
  return scope;
}

function intersect(scope: string[] | null, ids: string[]): string[] {
  return scope === null ? [...new Set(ids)] : ids.filter((id, i) => scope.includes(id) && ids.indexOf(id) === i);
}
