import type { Question, QuizImportResult } from '@baanrian/contracts';
import { parseAiken, parseGift, exportGift } from '@baanrian/quiz';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { type LoadedCourse, loadCourseFor } from '../courses/course-access';
import { DomainException, ValidationException } from '../problem/domain.exception';
import { QuestionBankService } from './question-bank.service';
import { toQuestion } from './question-definition';
import type { QuestionDefinitionDto } from './question.dto';
import type { ImportFormat, QuestionImportIssueDto, QuestionImportPreviewDto, QuestionImportResultDto } from './question-import.dto';
import { checkMedia } from './quiz-access';
import { QuizzesException } from './quizzes.exception';

interface Checked {
  questions: { question: Question; line: number | null }[];
  issues: QuestionImportIssueDto[];
}

/** Where a parsed question starts, best effort (the parsers report lines for problems only). */
function lineOf(source: string, q: Question, from: number): number | null {
  const probes = [q.name ? `::${q.name}::` : null, q.stem.text.split('\n')[0].slice(0, 40)].filter((p): p is string => !!p && p.trim().length > 0);
  for (const probe of probes) {
    const at = source.indexOf(probe, from);
    if (at >= 0) return source.slice(0, at).split('\n').length;
  }
  return null;
}

// Parts get new opaque ids (learners see them); the question gets a new id in this bank.
function withoutPartIds(q: Question): QuestionDefinitionDto {
  const strip = <T extends { id: string }>(list: T[]) => list.map(({ id: _id, ...rest }) => rest);
  const copy = { ...q } as Record<string, unknown>;
  for (const key of ['options', 'answers', 'items', 'pairs']) if (Array.isArray(copy[key])) copy[key] = strip(copy[key] as { id: string }[]);
  delete copy.id;
  delete copy.category;
  return copy as unknown as QuestionDefinitionDto;
}

/**
 * GIFT and Aiken imports. A preview parses and checks everything and saves nothing; a confirmed
 * import saves the good questions, all or nothing, creating the `$CATEGORY` categories it needs.
 */
@Injectable()
export class QuestionImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bank: QuestionBankService,
  ) {}

  async preview(ability: AppAbility, courseId: string, format: ImportFormat, source: string): Promise<QuestionImportPreviewDto> {
    const loaded = await loadCourseFor(this.db.manager, ability, 'update', courseId);
    const checked = await this.check(this.db.manager, ability, loaded, format, source);
    return {
      format,
      questions: checked.questions.map(({ question, line }) => ({
        line,
        type: question.type,
        name: question.name ?? null,
        stemPreview: question.stem.text.replace(/\s+/g, ' ').slice(0, 120),
        categoryPath: question.category ?? null,
      })),
      issues: checked.issues,
      importable: checked.questions.length,
    };
  }

  async confirm(ability: AppAbility, user: AuthUser, courseId: string, format: ImportFormat, source: string): Promise<QuestionImportResultDto> {
    return this.db.transaction(async (manager) => {
      const loaded = await loadCourseFor(manager, ability, 'update', courseId, { lock: true });
      const checked = await this.check(manager, ability, loaded, format, source);
      if (!checked.questions.length) throw new QuizzesException('QUIZ_IMPORT_EMPTY', { issues: checked.issues });
      const [{ before }] = await manager.query(`SELECT count(*)::int AS before FROM question_category WHERE course_id = $1`, [courseId]);
      for (const { question } of checked.questions) await this.bank.insert(manager, courseId, user.id, question);
      const [{ after }] = await manager.query(`SELECT count(*)::int AS after FROM question_category WHERE course_id = $1`, [courseId]);
      return { imported: checked.questions.length, categoriesCreated: after - before, skipped: checked.issues.filter((i) => i.severity === 'error').length };
    });
  }

  /** GIFT of the bank (or a category and its sub-categories), in category order. */
  async exportGift(ability: AppAbility, courseId: string, categoryId: string | undefined): Promise<{ text: string; skipped: number }> {
    await loadCourseFor(this.db.manager, ability, 'update', courseId);
    const rows: { definition: Question; path: string | null }[] = await this.db.query(
      `SELECT q.definition, c.path FROM question q LEFT JOIN question_category c ON c.id = q.category_id
       WHERE q.course_id = $1 AND q.deleted_at IS NULL AND ($2::uuid IS NULL OR q.category_id IN (
         SELECT s.id FROM question_category s JOIN question_category p ON p.id = $2 AND s.course_id = p.course_id
         WHERE s.path = p.path OR left(s.path, length(p.path) + 1) = p.path || '/'))
       ORDER BY c.path COLLATE "C" NULLS FIRST, q.created_at, q.id`,
      [courseId, categoryId ?? null],
    );
    const questions = rows.map((r) => {
      const { category: _stale, ...rest } = r.definition;
      return (r.path ? { ...rest, category: r.path } : rest) as Question;
    });
    const result = exportGift(questions);
    return { text: result.text, skipped: result.skipped.length };
  }

  private async check(manager: EntityManager, ability: AppAbility, loaded: LoadedCourse, format: ImportFormat, source: string): Promise<Checked> {
    const text = source.replace(/^\uFEFF/, '');
    const parsed: QuizImportResult = format === 'gift' ? parseGift(text) : parseAiken(text);
    const issues: QuestionImportIssueDto[] = [
      ...parsed.errors.map((e) => ({ ...e, severity: 'error' as const })),
      ...parsed.warnings.map((w) => ({ ...w, severity: 'warning' as const })),
    ];
    const questions: Checked['questions'] = [];
    let from = 0;
    for (const [n, parsedQuestion] of parsed.questions.entries()) {
      const line = lineOf(text, parsedQuestion, from);
      if (line !== null) from = text.split('\n').slice(0, line - 1).join('\n').length;
      try {
        const question = toQuestion(withoutPartIds(parsedQuestion), randomUUID(), parsedQuestion.category || undefined);
        await checkMedia(manager, ability, loaded, question.media);
        questions.push({ question, line });
      } catch (e) {
        if (!(e instanceof DomainException) && !(e instanceof ValidationException)) throw e;
        const reasons = e instanceof ValidationException ? e.violations.map((v) => `${v.field}:${v.constraint}`) : ((e.extensions.reasons as string[] | undefined) ?? [String(e.extensions.reason ?? e.code)]);
        issues.push({ line: line ?? 1, column: 1, severity: 'error', code: 'question_invalid', message: `Question ${n + 1} cannot be used: ${reasons.join(', ')}; skipped` });
      }
    }
    issues.sort((a, b) => a.line - b.line || a.column - b.column);
    return { questions, issues };
  }
}
