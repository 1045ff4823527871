import type { GradingMethod } from '@baanrian/contracts';
import { QuizEntity } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppAbility } from '../authz/authz.types';
import { loadCourseFor } from '../courses/course-access';
import { toCsv } from './gradebook.csv';
import type { GradebookCellDto, GradebookDto, GradebookQueryDto, GradebookRowDto, GradebookStatus } from './gradebook.dto';
import { QuizzesException } from './quizzes.exception';

interface Learner {
  id: string;
  display_name: string;
  account_code: string;
}
interface CellRow {
  user_id: string;
  quiz_id: string;
  attempts: number;
  best: string | null;
  average: string | null;
  last: string | null;
  last_submitted: Date | null;
}

const num = (v: string | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function result(method: GradingMethod, row: CellRow): number | null {
  return num(method === 'highest' ? row.best : method === 'last' ? row.last : row.average);
}

function keep(status: GradebookStatus | undefined, cells: GradebookCellDto[]): boolean {
  if (!status) return true;
  if (status === 'passed') return cells.length > 0 && cells.every((c) => c.passed === true);
  if (status === 'not_passed') return cells.some((c) => c.attempts > 0 && c.passed === false);
  return cells.some((c) => c.attempts === 0);
}

/** Learners × quizzes of a course: each learner's result per quiz by its grading method. */
@Injectable()
export class GradebookService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Keyset-paged on (display name, user id). With a status filter a page may hold fewer rows than
   * `limit` (learners are filtered after their results are computed); `nextCursor` still resumes
   * exactly where the scan stopped.
   */
  async page(ability: AppAbility, courseId: string, query: GradebookQueryDto): Promise<GradebookDto> {
    const manager = this.db.manager;
    await loadCourseFor(manager, ability, 'teach', courseId);
    const quizzes = await this.quizzes(manager, courseId, query.quizId);
    const limit = query.limit ?? 50;
    let cursor = decode(query.cursor);
    const rows: GradebookRowDto[] = [];
    const answer = (nextCursor: string | null): GradebookDto => ({ quizzes: quizzes.map(quizDto), rows, nextCursor });
    for (let scans = 0; scans < 10; scans++) {
      const learners = await this.learners(manager, courseId, query.q, cursor, limit + 1);
      const batch = learners.slice(0, limit);
      const built = await this.rows(manager, quizzes, batch);
      for (const [i, row] of built.entries()) {
        cursor = [batch[i].display_name, batch[i].id];
        if (keep(query.status, row.cells)) rows.push(row);
        if (rows.length === limit) return answer(i < batch.length - 1 || learners.length > limit ? encode(cursor) : null);
      }
      if (learners.length <= limit) return answer(null);
    }
    return answer(cursor ? encode(cursor) : null);
  }

  /** Every learner, one line each: name, account code, then result %, passed and attempts per quiz. */
  async csv(ability: AppAbility, courseId: string, quizId: string | undefined): Promise<string> {
    const manager = this.db.manager;
    await loadCourseFor(manager, ability, 'teach', courseId);
    const quizzes = await this.quizzes(manager, courseId, quizId);
    const learners = await this.learners(manager, courseId, undefined, null, 100_000);
    const rows = await this.rows(manager, quizzes, learners);
    const header = ['Name', 'Account code', ...quizzes.flatMap((q) => [`${q.title} (%)`, `${q.title} (passed)`, `${q.title} (attempts)`])];
    const lines = rows.map((r) => [r.displayName, r.accountCode, ...r.cells.flatMap((c) => [c.resultPercent, c.passed === null ? '' : c.passed ? 'yes' : 'no', c.attempts])]);
    return toCsv([header, ...lines]);
  }

  private async quizzes(manager: EntityManager, courseId: string, quizId: string | undefined): Promise<(QuizEntity & { maxScore: number | null })[]> {
    const quizzes = await manager.find(QuizEntity, { where: { courseId, ...(quizId ? { id: quizId } : {}) }, order: { createdAt: 'ASC', id: 'ASC' } });
    if (quizId && !quizzes.length) throw new QuizzesException('QUIZ_NOT_FOUND');
    const maxima: { quiz_id: string; max: string }[] = quizzes.length
      ? await manager.query(`SELECT a.quiz_id, max(g.max_score) AS max FROM quiz_grade g JOIN quiz_attempt a ON a.id = g.attempt_id WHERE a.quiz_id = ANY($1::uuid[]) GROUP BY a.quiz_id`, [quizzes.map((q) => q.id)])
      : [];
    return quizzes.map((q) => Object.assign(q, { maxScore: num(maxima.find((m) => m.quiz_id === q.id)?.max ?? null) }));
  }

  private learners(manager: EntityManager, courseId: string, q: string | undefined, after: [string, string] | null, limit: number): Promise<Learner[]> {
    const params: unknown[] = [courseId];
    const where = [`e.course_id = $1`, `e.status IN ('active', 'completed')`];
    if (q) where.push(`(u.display_name ILIKE $${params.push(`%${likeEscape(q)}%`)} OR u.account_code ILIKE $${params.length})`);
    if (after) where.push(`(u.display_name, u.id) > ($${params.push(after[0])}, $${params.push(after[1])}::uuid)`);
    return manager.query(
      `SELECT u.id, u.display_name, u.account_code FROM enrollment e JOIN app_user u ON u.id = e.user_id WHERE ${where.join(' AND ')} ORDER BY u.display_name, u.id LIMIT ${limit}`,
      params,
    );
  }

  private async rows(manager: EntityManager, quizzes: QuizEntity[], learners: Learner[]): Promise<GradebookRowDto[]> {
    if (!learners.length) return [];
    const cells: CellRow[] = quizzes.length
      ? await manager.query(
          `SELECT a.user_id, a.quiz_id, count(*)::int AS attempts, max(g.percent) AS best, avg(g.percent) AS average,
             (array_agg(g.percent ORDER BY a.number DESC) FILTER (WHERE g.percent IS NOT NULL))[1] AS last, max(a.submitted_at) AS last_submitted
           FROM quiz_attempt a LEFT JOIN quiz_grade g ON g.attempt_id = a.id
           WHERE a.quiz_id = ANY($1::uuid[]) AND a.user_id = ANY($2::uuid[]) AND a.status IN ('submitted', 'graded')
           GROUP BY a.user_id, a.quiz_id`,
          [quizzes.map((q) => q.id), learners.map((l) => l.id)],
        )
      : [];
    return learners.map((learner) => ({
      userId: learner.id,
      displayName: learner.display_name,
      accountCode: learner.account_code,
      cells: quizzes.map((quiz) => {
        const row = cells.find((c) => c.user_id === learner.id && c.quiz_id === quiz.id);
        const percent = row ? result(quiz.gradingMethod, row) : null;
        return {
          quizId: quiz.id,
          attempts: row?.attempts ?? 0,
          bestPercent: row ? num(row.best) : null,
          resultPercent: percent,
          passed: percent === null ? null : percent >= quiz.passingPercent,
          lastSubmittedAt: row?.last_submitted ? new Date(row.last_submitted).toISOString() : null,
        };
      }),
    }));
  }
}

const quizDto = (q: QuizEntity & { maxScore: number | null }) => ({ id: q.id, title: q.title, maxScore: q.maxScore, passingPercent: q.passingPercent });
const encode = (c: [string, string]) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decode(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1]) ? [v[0], v[1]] : null;
  } catch {
    return null;
  }
}
